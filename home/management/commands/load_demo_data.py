from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.demo_data import DEFAULT_PATH, load_demo_data


class Command(BaseCommand):
    help = "Load the demo data set (models, providers, reference data, pages). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=DEFAULT_PATH, help="Fixture JSON file.")
        parser.add_argument(
            "--update",
            action="store_true",
            help="Also reset existing demo objects to the file (publishes a new revision of "
            "every page that differs, discarding editors' changes to it).",
        )

    def handle(self, *args, **options) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"Demo data file not found: {path}")
        try:
            report = load_demo_data(path, update=options["update"])
        except (ValueError, KeyError) as exc:
            raise CommandError(f"Demo data in {path} is invalid: {exc!r}") from exc
        for line in report.created:
            self.stdout.write(f"  created {line}")
        for line in report.updated:
            self.stdout.write(f"  updated {line}")
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {report.summary()}."))
