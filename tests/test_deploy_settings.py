"""Production settings as the README describes them, and what the admin loads from
third parties."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def production(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment the README gives for production (with a throwaway database)."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "llmref.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "llm.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "WAGTAILADMIN_BASE_URL": "https://llm.example.com",
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_readme_environment(tmp_path):
    result = manage(production(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_hsts_is_on_by_default_and_can_be_lowered(tmp_path):
    show = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    default = manage(production(tmp_path), "shell", "--no-imports", "-c", show)
    assert default.stdout.split() == ["31536000", "True", "True"], default.stderr
    first = production(tmp_path, SECURE_HSTS_SECONDS="300", SECURE_HSTS_INCLUDE_SUBDOMAINS="false")
    lowered = manage(first, "shell", "--no-imports", "-c", show)
    assert lowered.stdout.split() == ["300", "False", "True"], lowered.stderr


@pytest.mark.django_db
def test_admin_pages_load_no_gravatar(admin_client_logged_in):
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_account")):
        response = admin_client_logged_in.get(url)
        assert response.status_code == 200
        sources = [
            img.get("src", "")
            for img in BeautifulSoup(response.content, "html.parser").find_all("img")
        ]
        assert sources and not any("gravatar" in src for src in sources), sources


def test_check_deploy_passes_with_the_whole_production_environment(tmp_path):
    """Everything the README's Production section lists: Redis, a purged CDN, WhiteNoise."""
    env = production(
        tmp_path,
        REDIS_URL="redis://127.0.0.1:6379/0",
        FRONTEND_CACHE="http",
        FRONTEND_CACHE_LOCATION="http://127.0.0.1:6081",
        CSRF_TRUSTED_ORIGINS="https://llm.example.com",
    )
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    show = (
        "from django.conf import settings as s; print(s.CACHES['default']['BACKEND']); "
        "print(s.STORAGES['staticfiles']['BACKEND']); print(s.MIDDLEWARE[1]); "
        "print(s.WAGTAILFRONTENDCACHE['varnish']['LOCATION'])"
    )
    shown = manage(env, "shell", "--no-imports", "-c", show)
    assert shown.stdout.split() == [
        "home.cache_backends.DegradingRedisCache",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "http://127.0.0.1:6081",
    ], shown.stderr


def test_without_redis_the_cache_is_local_memory(tmp_path):
    show = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    shown = manage(production(tmp_path), "shell", "--no-imports", "-c", show)
    assert shown.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache", shown.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"])
def test_production_refuses_to_start_without_its_environment(tmp_path, missing):
    env = production(tmp_path)
    env[missing] = ""
    result = manage(env, "check")
    assert result.returncode != 0
    assert f"Production settings need {missing}:" in result.stderr


def test_bin_serve_production_names_what_is_missing(tmp_path):
    env = production(tmp_path)
    del env["SECRET_KEY"], env["WAGTAILADMIN_BASE_URL"]
    env["PATH"] = f"{Path(sys.executable).parent}:{env['PATH']}"
    result = subprocess.run(  # noqa: S603 - our own script
        [str(ROOT / "bin" / "serve"), "--production"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    message = result.stderr.strip()
    assert message.startswith("Production settings need SECRET_KEY:"), message
    assert "WAGTAILADMIN_BASE_URL:" in message and "ALLOWED_HOSTS" not in message
    assert "Traceback" not in message
