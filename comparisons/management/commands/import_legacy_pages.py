from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from comparisons.importers.legacy.importer import LegacyImportError, Source, import_legacy_pages
from comparisons.importers.legacy.page_report import lines
from comparisons.importers.legacy.parse import MAX_FILE_BYTES, too_large


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
            result = import_legacy_pages(sources, dry_run=options["dry_run"])
        except LegacyImportError as exc:
            raise CommandError(str(exc)) from exc
        for line in lines(result):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(result.summary()))
