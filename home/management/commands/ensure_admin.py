import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the local superuser 'admin' if missing and print its login. The generated "
        "password is kept in var/admin-password (git-ignored); ADMIN_PASSWORD overrides it."
    )

    def handle(self, *args, **options) -> None:
        username = os.environ.get("ADMIN_USERNAME", "admin")
        secret_file = Path(settings.BASE_DIR) / "var" / "admin-password"
        forced = os.environ.get("ADMIN_PASSWORD")
        password = forced
        if not password:
            if secret_file.is_file():
                password = secret_file.read_text().strip()
            else:
                password = secrets.token_urlsafe(12)
                secret_file.parent.mkdir(parents=True, exist_ok=True)
                secret_file.write_text(password + "\n")
                secret_file.chmod(0o600)
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            User.objects.create_superuser(username, f"{username}@example.com", password)
        elif not user.check_password(password):
            if not forced:
                self.stdout.write(
                    f"Admin login: {username} (password changed since set-up; "
                    "run with ADMIN_PASSWORD=... to reset it)"
                )
                return
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(f"Admin login: {username} / {password}")
