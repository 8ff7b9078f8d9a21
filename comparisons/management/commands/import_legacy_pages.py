from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from comparisons.importers.legacy.importer import (
    LegacyImportError,
    Source,
    import_legacy_pages,
    read_sources,
)
from comparisons.importers.legacy.page_report import lines
from comparisons.importers.legacy.parse import MAX_FILE_BYTES, too_large
from comparisons.importers.report import ImportReport
from comparisons.importers.runs import ImportBusy, claim, execute
from comparisons.models import ImportRun


class Command(BaseCommand):
    help = (
        "Import old 'Model A vs Model B' comparison pages (.txt or .html) as draft comparison "
        "pages, with a report of created and updated pages, matched models and conflicts "
        "with our data. All files are imported together or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Legacy page files.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the report; save nothing."
        )

    def handle(self, *args, **options) -> None:
        sources, problems = [], []
        for path in options["paths"]:
            try:
                # The admin's limit: a file this big is refused before it is read.
                if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
                    problems.append(f"{path.name}: {too_large()}.")
                    continue
                sources.append(Source(path.name, path.read_bytes()))
            except OSError as exc:
                problems.append(f"{path}: the file cannot be read ({exc.strerror or exc}).")
        try:
            if problems:
                raise LegacyImportError(problems)
            if options["dry_run"]:  # writes nothing, so it needs no run of the import log
                result = import_legacy_pages(sources, dry_run=True)
            else:
                result = self._import(sources)
        except LegacyImportError as exc:
            raise CommandError(str(exc)) from exc
        for line in lines(result):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(result.summary()))
        if result.run_id:
            self.stdout.write(f"Recorded as import run #{result.run_id}.")

    def _import(self, sources: list[Source]) -> ImportReport:
        """A run of the import log from the start, as in the admin: refused while another
        import is queued or running; a failure is recorded on it."""
        read_sources(sources)  # a file that cannot be read is refused before the claim
        try:
            run = claim(ImportRun.Kind.LEGACY, source=", ".join(s.name for s in sources))
        except ImportBusy as exc:
            raise CommandError(f"Nothing was imported. {exc}") from None
        outcome: list = []

        def work(run: ImportRun) -> ImportReport:
            try:
                outcome.append(import_legacy_pages(sources, run=run))
            except LegacyImportError as exc:
                outcome.append(exc)
                raise
            return outcome[0]

        if execute(run.pk, work) != ImportRun.State.DONE:
            if outcome and isinstance(outcome[0], LegacyImportError):
                raise outcome[0]
            run.refresh_from_db()
            raise CommandError(f"{run.error} (import run #{run.pk})")
        return outcome[0]
