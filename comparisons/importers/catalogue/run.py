"""Reading, grouping and importing a catalogue file: what the command and the admin share."""

from __future__ import annotations

import re
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


# "models-dev-2026-03-01.json": a snapshot named after its date.
DATED_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})\.json$")


def date_in_name(name: str) -> date | None:
    match = DATED_NAME.search(name)
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def snapshot_date(name: str, catalogue_newest: date | None) -> date:
    """A snapshot's date: the one in its file name, else the newest `last_updated` in it,
    else today. An explicit date (--as-of, the admin's field) overrides both."""
    return date_in_name(name) or catalogue_newest or date.today()


def import_catalogue_bytes(
    raw: bytes,
    *,
    source: str,
    canonical_raw: bytes | None = None,
    snapshot: date | None = None,
    source_name: str = "models.dev",
    dry_run: bool = False,
    history_only: bool = False,
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
        snapshot=snapshot or snapshot_date(source, catalogue.newest_update),
        dry_run=dry_run,
        history_only=history_only,
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
