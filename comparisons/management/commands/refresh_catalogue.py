"""manage.py refresh_catalogue: fetch and import the catalogue URL when it is due.

Due when COMPARISONS_CATALOGUE_REFRESH_HOURS (0: never) have passed since the last fetch
of COMPARISONS_CATALOGUE_URL was started, whatever came of it (imported, unchanged or
failed), so a failing source is retried once an interval, not hammered. The fetch runs
here, as a run of the import log: refused (a non-zero exit naming the other run) while
another import is queued or running. `bin/serve --production` runs this every few
minutes; a cron line can too (README).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from comparisons.importers.catalogue.fetch import catalogue_url
from comparisons.importers.catalogue.url import import_from_url
from comparisons.importers.runs import ImportBusy, claim, execute
from comparisons.models import ImportRun


class Command(BaseCommand):
    help = "Fetch and import the catalogue URL if the refresh interval has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="fetch now even if not due")

    def handle(self, *args: Any, **options: Any) -> None:
        url = catalogue_url()
        hours = float(getattr(settings, "COMPARISONS_CATALOGUE_REFRESH_HOURS", 0))
        if not options["force"]:
            if hours <= 0:
                self.stdout.write(
                    "The scheduled refresh is off (COMPARISONS_CATALOGUE_REFRESH_HOURS)."
                )
                return
            since = timezone.now() - timedelta(hours=hours)
            last = ImportRun.objects.filter(source=url[:300], started_at__gt=since).first()
            if last is not None:
                self.stdout.write(f"Not due: {last} (every {hours:g} h).")
                return
        try:
            run = claim(ImportRun.Kind.CATALOGUE, source=url)
        except ImportBusy as exc:
            raise CommandError(f"Not started. {exc}") from None
        state = execute(run.pk, lambda run: import_from_url(run, url))
        run.refresh_from_db()
        if state != ImportRun.State.DONE:
            raise CommandError(f"{run.error} (import run #{run.pk})")
        self.stdout.write(f"Fetched {url} as import run #{run.pk}: {run.summary}")
