"""Reading, grouping and importing a catalogue file: what the command and the admin share."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from comparisons.importers.catalogue.benchmarks import parse_benchmarks
from comparisons.importers.catalogue.group import group_rows
from comparisons.importers.catalogue.importer import CatalogueImporter, Progress
from comparisons.importers.catalogue.parse import parse_canonical, parse_catalogue
from comparisons.importers.report import ImportReport
from comparisons.models import ImportRun

# models.dev's canonical models, kept with the snapshot. Used when a run is given none, so
# the command and the admin group rows the same way and pages keep their keys.
BUNDLED_CANONICAL = (
    Path(__file__).resolve().parents[3]
    / "fixtures"
    / "models-dev"
    / "models-dev-canonical-models.json"
)


def default_canonical(catalogue_path: Path | None = None) -> Path | None:
    """The canonical file beside the catalogue, else the bundled one, else none."""
    if catalogue_path is not None:
        beside = catalogue_path.parent / "models-dev-canonical-models.json"
        if beside.exists():
            return beside
    return BUNDLED_CANONICAL if BUNDLED_CANONICAL.exists() else None


def import_catalogue_bytes(
    raw: bytes,
    *,
    source: str,
    canonical_raw: bytes | None = None,
    snapshot: date | None = None,
    source_name: str = "models.dev",
    dry_run: bool = False,
    user: Any = None,
    progress: Progress | None = None,
    run: ImportRun | None = None,
) -> ImportReport:
    catalogue = parse_catalogue(raw, source=source)
    canonical = parse_canonical(canonical_raw) if canonical_raw else None
    benchmarks = parse_benchmarks(canonical_raw) if canonical_raw else None
    models = group_rows(catalogue, canonical)
    return CatalogueImporter(
        catalogue,
        models,
        source=source,
        source_name=source_name,
        snapshot=snapshot or catalogue.newest_update or date.today(),
        dry_run=dry_run,
        user=user,
        progress=progress,
        run=run,
        benchmarks=benchmarks,
    ).run()


def import_catalogue_file(
    path: Path, *, canonical_path: Path | None = None, **options: Any
) -> ImportReport:
    return import_catalogue_bytes(
        path.read_bytes(),
        source=path.name,
        canonical_raw=canonical_path.read_bytes() if canonical_path else None,
        **options,
    )
