"""The imports as background tasks (django-tasks, the "imports" backend).

Each task takes a run claimed beforehand (`runs.claim`) and its input as JSON-safe
arguments (uploaded files as base64), and leaves the run done or failed. In production
the database backend queues them for `manage.py db_worker --backend imports`; in tests the
immediate backend runs them inside the request that starts them.
"""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from django.conf import settings
from django_tasks import task

from comparisons.importers import runs
from comparisons.importers.catalogue.run import import_catalogue_bytes
from comparisons.importers.catalogue.url import import_from_url
from comparisons.models import ImportRun

# A site gives imports a backend of their own (a queue for a worker) as TASKS["imports"];
# without one they use the default backend.
BACKEND = "imports" if "imports" in getattr(settings, "TASKS", {}) else "default"


def encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def decode(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


@task(backend=BACKEND)
def import_catalogue_upload(
    run_id: int,
    catalogue: str,
    canonical: str | None = None,
    snapshot: str | None = None,
) -> str:
    def work(run: ImportRun) -> Any:
        return import_catalogue_bytes(
            decode(catalogue),
            source=run.source,
            canonical_raw=decode(canonical) if canonical else None,
            snapshot=date.fromisoformat(snapshot) if snapshot else None,
            dry_run=run.dry_run,
            user=run.user,
            progress=runs.progress_hook(run),
            run=run,
        )

    return runs.execute(run_id, work)


@task(backend=BACKEND)
def import_catalogue_url(run_id: int, url: str) -> str:
    return runs.execute(run_id, lambda run: import_from_url(run, url))
