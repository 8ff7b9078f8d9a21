"""manage.py import_catalogue PATH [PATH …] | --url [URL]: the models.dev catalogue into
providers, models, routes, and every route's price history.

Several snapshots are read in the order given (oldest first); each adds to the price
history, and only the newest (here and in the database) sets current values.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from comparisons.importers.catalogue.fetch import catalogue_url
from comparisons.importers.catalogue.parse import CatalogueError, parse_canonical, parse_catalogue
from comparisons.importers.catalogue.run import default_canonical, import_catalogue_file
from comparisons.importers.catalogue.url import import_from_url
from comparisons.importers.report import ImportReport
from comparisons.importers.runs import ImportBusy, claim, execute
from comparisons.models import ImportRun


class Command(BaseCommand):
    help = (
        "Import a models.dev catalogue snapshot (api.json shape). Idempotent: an unchanged "
        "file changes nothing. --dry-run prints the change report and writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths",
            nargs="*",
            metavar="path",
            help="models-dev.json (or --url); several dated snapshots oldest first build "
            "price history",
        )
        parser.add_argument(
            "--url",
            nargs="?",
            const="",
            help="fetch the catalogue from URL (default: COMPARISONS_CATALOGUE_URL, "
            "models.dev's api.json), sending the last fetch's ETag/Last-Modified",
        )
        parser.add_argument(
            "--canonical",
            help="models.dev's canonical models file (default: "
            "models-dev-canonical-models.json beside PATH, else the one in fixtures/)",
        )
        parser.add_argument(
            "--as-of",
            "--snapshot-date",
            dest="snapshot_date",
            type=date.fromisoformat,
            help="the snapshot's date (YYYY-MM-DD), one file only; default: the date in its "
            "name (models-dev-2026-03-01.json), else the newest last_updated in it",
        )
        parser.add_argument("--source-name", default="models.dev")
        parser.add_argument(
            "--history-only",
            action="store_true",
            help="only add to the price history; current values are left as they are",
        )
        parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
        parser.add_argument(
            "--initial",
            action="store_true",
            help="do nothing if a catalogue import is already recorded (for set-up scripts)",
        )
        parser.add_argument(
            "--show", type=int, default=50, help="report lines to print per kind (0: all)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["initial"]:
            done = ImportRun.objects.filter(
                kind=ImportRun.Kind.CATALOGUE, state=ImportRun.State.DONE, dry_run=False
            ).first()
            if done is not None:
                self.stdout.write(f"The catalogue was imported before ({done}); skipped.")
                return
        if options["url"] is not None:
            if options["paths"]:
                raise CommandError("Give catalogue files or --url, not both.")
            progress = _Progress(self.stdout, sys.stdout.isatty())
            report = self._from_url(options["url"] or catalogue_url(), options, progress)
            if report is not None:
                progress.finish()
                self._print(report, options)
            return
        paths = [Path(p) for p in options["paths"]]
        if not paths:
            raise CommandError("Give a catalogue file or --url.")
        if options["snapshot_date"] and len(paths) > 1:
            raise CommandError("--as-of dates one file: give it one path, or date the files")
        for number, path in enumerate(paths, 1):
            if len(paths) > 1:
                self.stdout.write(f"{path.name} ({number} of {len(paths)}):")
            progress = _Progress(self.stdout, sys.stdout.isatty())
            # Snapshots before the last one given only add to the price history.
            report = self._from_file(
                path,
                options,
                progress,
                history_only=options["history_only"] or number < len(paths),
            )
            progress.finish()
            self._print(report, options)

    def _print(self, report: ImportReport, options: dict[str, Any]) -> None:
        limit = options["show"]
        by_kind: dict[str, int] = {}
        for change in report.entries:
            line = change.line()
            by_kind[change.kind] = by_kind.get(change.kind, 0) + 1
            if not limit or by_kind[change.kind] <= limit:
                self.stdout.write(line)
        for kind, count in by_kind.items():
            if limit and count > limit:
                self.stdout.write(f"… {count - limit:,} more {kind} lines (--show 0 for all)")
        self.stdout.write(self.style.SUCCESS(report.summary()))
        if report.run_id:
            self.stdout.write(
                f"Recorded as import run #{report.run_id} (Imports → Import log in the admin)."
            )

    def _from_file(
        self, path: Path, options: dict[str, Any], progress: Any, *, history_only: bool
    ) -> ImportReport:
        """A real import is a run of the import log from the start, as in the admin:
        refused while another import is queued or running. A dry run writes nothing and
        takes no part in that."""
        canonical = options["canonical"] or default_canonical(path)
        settings = {
            "canonical_path": Path(canonical) if canonical else None,
            "snapshot": options["snapshot_date"],
            "source_name": options["source_name"],
            "dry_run": options["dry_run"],
            "history_only": history_only,
            "progress": progress,
        }
        try:
            if options["dry_run"]:
                return import_catalogue_file(path, **settings)
            # Checked before the claim, as the admin form does, so a bad file leaves no
            # failed run in the log; the import reads it again with the same rules.
            parse_catalogue(path.read_bytes(), source=path.name)
            if settings["canonical_path"]:
                parse_canonical(settings["canonical_path"].read_bytes())
        except CatalogueError as exc:
            raise CommandError(f"Nothing was imported.\n{exc}") from None
        except OSError as exc:
            raise CommandError(f"Cannot read {exc.filename}: {exc.strerror}") from None
        except DatabaseError as exc:
            raise CommandError(
                f"Nothing was imported: the database refused a value: {exc}"
            ) from None
        try:
            run = claim(ImportRun.Kind.CATALOGUE, source=path.name)
        except ImportBusy as exc:
            raise CommandError(f"Nothing was imported. {exc}") from None
        reports: list[ImportReport] = []

        def work(run: ImportRun) -> ImportReport:
            reports.append(import_catalogue_file(path, run=run, **settings))
            return reports[0]

        if execute(run.pk, work) != ImportRun.State.DONE:
            run.refresh_from_db()
            raise CommandError(f"{run.error} (import run #{run.pk})")
        return reports[0]

    def _from_url(self, url: str, options: dict[str, Any], progress: Any) -> ImportReport | None:
        """A fetch is a run of the import log from the start, like the scheduled refresh:
        refused while another import runs, recorded as unchanged (304) or failed too."""
        try:
            run = claim(ImportRun.Kind.CATALOGUE, source=url, dry_run=options["dry_run"])
        except ImportBusy as exc:
            raise CommandError(f"Nothing was imported. {exc}") from None
        reports: list[ImportReport] = []

        def work(run: ImportRun) -> ImportReport | None:
            report = import_from_url(run, url, progress=progress)
            if report is not None:
                reports.append(report)
            return report

        state = execute(run.pk, work)
        run.refresh_from_db()
        if state == ImportRun.State.FAILED:
            raise CommandError(f"{run.error} (import run #{run.pk})")
        if not reports:
            self.stdout.write(f"{run.summary} Recorded as import run #{run.pk}.")
            return None
        return reports[0]


class _Progress:
    """A bar on a terminal; a plain line every tenth of the way otherwise (logs, CI)."""

    def __init__(self, out: Any, tty: bool) -> None:
        self.out, self.tty, self.last = out, tty, -1

    def __call__(self, done: int, total: int) -> None:
        if self.tty:
            width = 30
            filled = width * done // max(total, 1)
            self.out.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} models", ending=""
            )
            self.out.flush()
            return
        tenth = 10 * done // max(total, 1)
        if tenth != self.last:
            self.last = tenth
            self.out.write(f"Imported {done:,} of {total:,} models")

    def finish(self) -> None:
        if self.tty:
            self.out.write("")
