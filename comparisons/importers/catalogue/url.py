"""The catalogue from a URL onto a claimed run: a conditional fetch (the last fetch's
ETag and Last-Modified), then the same import as a file; a 304 records the run as
unchanged."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from comparisons.importers.catalogue.fetch import fetch_catalogue
from comparisons.importers.catalogue.run import default_canonical, import_catalogue_bytes
from comparisons.importers.report import ImportReport
from comparisons.importers.runs import progress_hook
from comparisons.models import ImportRun

UNCHANGED = "Unchanged since the last fetch (304 Not Modified): nothing imported."


def last_fetch(url: str) -> ImportRun | None:
    """The last fetch of `url` that was imported (or found unchanged)."""
    return (
        ImportRun.objects.filter(
            kind=ImportRun.Kind.CATALOGUE, source=url[:300], state=ImportRun.State.DONE
        )
        .filter(dry_run=False)
        .exclude(etag="", last_modified="")
        .order_by("-started_at", "-pk")
        .first()
    )


def import_from_url(
    run: ImportRun, url: str, *, progress: Callable[[int, int], None] | None = None
) -> ImportReport | None:
    """Fetch the catalogue and import it onto `run`; a 304 records the run as unchanged."""
    previous = None if run.dry_run else last_fetch(url)
    fetched = fetch_catalogue(
        url,
        etag=previous.etag if previous else "",
        last_modified=previous.last_modified if previous else "",
    )
    run.etag, run.last_modified = fetched.etag, fetched.last_modified
    if fetched.not_modified:
        run.state = ImportRun.State.DONE
        run.summary = UNCHANGED
        run.snapshot_date = previous.snapshot_date if previous else None
        run.finished_at = timezone.now()
        run.save()
        return None
    bundled = default_canonical()
    return import_catalogue_bytes(
        fetched.body or b"",
        source=url,
        canonical_raw=bundled.read_bytes() if bundled else None,
        dry_run=run.dry_run,
        user=run.user,
        progress=progress or progress_hook(run),
        run=run,
    )
