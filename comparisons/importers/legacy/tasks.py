"""The legacy import as a background task, on the imports' backend (see
`importers.catalogue.tasks`): the files travel as (name, base64) pairs."""

from __future__ import annotations

from django_tasks import task

from comparisons.importers import runs
from comparisons.importers.catalogue.tasks import BACKEND, decode, encode
from comparisons.importers.legacy.importer import Source, import_legacy_pages
from comparisons.models import ImportRun


def encode_sources(sources: list[Source]) -> list[list[str]]:
    return [[source.name, encode(source.data)] for source in sources]


@task(backend=BACKEND)
def import_legacy_upload(run_id: int, files: list[list[str]]) -> str:
    sources = [Source(name, decode(data)) for name, data in files]

    def work(run: ImportRun):
        return import_legacy_pages(sources, dry_run=run.dry_run, user=run.user, run=run)

    return runs.execute(run_id, work)
