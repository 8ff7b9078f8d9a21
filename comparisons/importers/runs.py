"""Import runs as the import log records them, from queued to done or failed.

Every import that writes is a row of the import log (`ImportRun`) from the moment it is
claimed: from the admin (the worker, `importers.catalogue.tasks` and
`importers.legacy.tasks`, moves it to running and then done or failed) and from the
commands, which run it in-process. Claiming fails while another run is queued or
running: a unique index lets the database hold only one such row, so two starts cannot
race. A run left queued or running by a worker that stopped is failed as abandoned by
the next claim once it is older than COMPARISONS_IMPORT_STALE_AFTER, or at once by a
Data manager ("Mark as failed" in the import log).

Progress while a run writes goes to Django's cache, not to the row: the import is one
transaction, and what it writes (the row included) is invisible to other connections
until it commits. With Redis (production) every process sees it; with a per-process
memory cache the page shows the run as running, without numbers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from comparisons.conf import import_stale_after
from comparisons.importers.errors import ImportRefused
from comparisons.importers.report import ImportReport
from comparisons.models import ImportRun

logger = logging.getLogger(__name__)
PROGRESS_KEY = "comparisons:import-progress:{pk}"
PROGRESS_TIMEOUT = 24 * 60 * 60


class ImportBusy(Exception):
    """Another import is queued or running."""

    def __init__(self, other: ImportRun | None) -> None:
        self.other = other
        super().__init__(
            f"Another import is in progress ({describe(other)}): "
            "start this one when it has finished."
            if other
            else "Another import is in progress: start this one when it has finished."
        )


def when(moment: Any) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i T")


def who(user: Any) -> str:
    if user is None:
        return "the command line"
    return user.get_full_name() or user.get_username()


def describe(run: ImportRun) -> str:
    """ "Catalogue (models.dev) import of models-dev.json by Mona, running since …"."""
    dry = "dry run, " if run.dry_run else ""
    return (
        f"{run.get_kind_display()} import of {run.source} by {who(run.user)}, "
        f"{dry}{run.get_state_display().lower()} since {when(run.started_at)}"
    )


def current_run() -> ImportRun | None:
    return ImportRun.objects.filter(state__in=ImportRun.IN_PROGRESS).first()


ABANDONED = "abandoned: the worker stopped before it finished; nothing was imported"


def fail_abandoned() -> list[ImportRun]:
    """Fail the runs still queued or running after COMPARISONS_IMPORT_STALE_AFTER: a worker
    that crashed (or was never started) would otherwise block every import for good. The
    import is one transaction, so a run that stopped part-way wrote nothing."""
    cutoff = timezone.now() - import_stale_after()
    stale = list(ImportRun.objects.filter(state__in=ImportRun.IN_PROGRESS, started_at__lt=cutoff))
    for run in stale:
        fail(
            run,
            f"The run was {ABANDONED}. It started {when(run.started_at)} and was still "
            f"{run.get_state_display().lower()} when the next import was started.",
        )
    return stale


def claim(
    kind: str, *, source: str, user: Any = None, dry_run: bool = False, **fields: Any
) -> ImportRun:
    """A new queued run, or ImportBusy when one is already queued or running (runs left
    over by a stopped worker are failed first)."""
    fail_abandoned()
    try:
        with transaction.atomic():
            return ImportRun.objects.create(
                kind=kind,
                source=source[:300],
                user=user if getattr(user, "pk", None) else None,
                dry_run=dry_run,
                state=ImportRun.State.QUEUED,
                **fields,
            )
    except IntegrityError:
        raise ImportBusy(current_run()) from None


def mark_failed(run: ImportRun, user: Any) -> None:
    """An editor's word that the run will not finish (its worker stopped)."""
    fail(
        run,
        f"Marked as failed by {who(user)} on {when(timezone.now())}, while it was "
        f"{run.get_state_display().lower()}: nothing was imported.",
    )


def progress_of(run: ImportRun) -> tuple[int, int] | None:
    """(done, total) of a running catalogue import, when the cache has it."""
    value = cache.get(PROGRESS_KEY.format(pk=run.pk))
    return (int(value[0]), int(value[1])) if value else None


def progress_hook(run: ImportRun) -> Callable[[int, int], None]:
    key = PROGRESS_KEY.format(pk=run.pk)

    def report(done: int, total: int) -> None:
        cache.set(key, (done, total), PROGRESS_TIMEOUT)

    return report


def execute(run_id: int, work: Callable[[ImportRun], ImportReport | None]) -> str:
    """Run `work` for a claimed run and leave the run done or failed; returns the state.

    `work` records the run itself (the importers do, in their transaction) or returns
    a report to record (a dry run, which writes nothing else)."""
    run = ImportRun.objects.get(pk=run_id)
    if run.state != ImportRun.State.QUEUED:
        return run.state  # already taken (a task delivered twice)
    run.state = ImportRun.State.RUNNING
    run.save(update_fields=["state"])
    try:
        report = work(run)
        if report is not None and report.dry_run:
            report.run = run
            report.record(run.kind)
    except ImportRefused as exc:
        fail(run, "Nothing was imported: " + "; ".join(exc.problems[:20]))
    except DatabaseError as exc:
        logger.exception("Import run %s failed", run_id)
        fail(run, f"Nothing was imported: the database refused a value ({exc}).")
    except Exception as exc:
        logger.exception("Import run %s failed unexpectedly", run_id)
        fail(run, f"Nothing was imported: an unexpected error ({type(exc).__name__}: {exc}).")
    finally:
        cache.delete(PROGRESS_KEY.format(pk=run_id))
    run.refresh_from_db()
    if run.in_progress:  # work recorded nothing (cannot happen with the importers)
        fail(run, "The run ended without a report.")
    return run.state


def fail(run: ImportRun, message: str) -> None:
    run.state = ImportRun.State.FAILED
    run.error = message
    run.finished_at = timezone.now()
    run.save(update_fields=["state", "error", "finished_at"])
