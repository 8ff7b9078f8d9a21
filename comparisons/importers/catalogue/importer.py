"""Writing a grouped catalogue into providers, model pages and routes, with a change report.

One transaction per run: a problem anywhere leaves the database as it was. A run that
changes nothing writes nothing (no saves, no revisions). Editors' values win: a field
whose value no longer equals what the importer last wrote there was set by hand, and a
differing catalogue value is reported as a conflict instead of written (`ownership`).

The run's parts: reference data (`reference`), model pages (`pages`), their routes
(`routes`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from comparisons.content_generation import bump_catalogue_generation
from comparisons.importers.catalogue.benchmarks import BenchmarkWriter, CatalogueScore
from comparisons.importers.catalogue.group import CatalogueModel, price_outliers
from comparisons.importers.catalogue.history import LedgerWriter, newest_snapshot
from comparisons.importers.catalogue.pages import ModelPageWriter
from comparisons.importers.catalogue.parse import Catalogue, CatalogueError
from comparisons.importers.catalogue.reference import ReferenceData
from comparisons.importers.catalogue.routes import RouteWriter
from comparisons.importers.report import SOURCE_SUBJECT, ImportReport
from comparisons.models import ImportRun, ModelIndexPage, ModelPage

Progress = Callable[[int, int], None]


def summary(report: ImportReport) -> str:
    """ "2 models added, 1 changed, 9 routes added, …, 0 warnings."."""
    tally = report.tally
    parts = [
        f"{tally['models added']:,} models added",
        f"{tally['models changed']:,} changed",
        f"{tally['routes added']:,} routes added",
        f"{tally['routes changed']:,} changed",
        f"{tally['routes retired']:,} retired",
        f"{tally['providers added']:,} providers added",
        f"{tally['scores added']:,} benchmark scores added",
        f"{tally['scores changed']:,} changed",
        f"{report.count('conflict'):,} conflicts",
        f"{report.count('warning'):,} warnings",
    ]
    if tally["price history routes"]:
        parts.append(f"price history of {tally['price history routes']:,} routes extended")
    if report.history_only:
        return (
            "Older than the newest snapshot imported: price history only, current values "
            f"left as they are; {tally['price history routes']:,} routes' history extended."
        )
    if report.dry_run:
        return "Dry run, nothing written: " + ", ".join(parts) + " (would be)."
    return ", ".join(parts) + "."


class CatalogueImporter:
    def __init__(
        self,
        catalogue: Catalogue,
        models: list[CatalogueModel],
        *,
        source: str,
        source_name: str = "models.dev",
        snapshot: date,
        dry_run: bool = False,
        history_only: bool = False,
        user: Any = None,
        progress: Progress | None = None,
        run: ImportRun | None = None,
        benchmarks: dict[str, tuple[CatalogueScore, ...]] | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.benchmarks = benchmarks
        self.history_only = history_only
        self.models = models
        self.source_name = source_name
        self.snapshot = snapshot
        self.user = user
        self.progress = progress or (lambda done, total: None)
        self.report = ImportReport(
            source=source, describe=summary, snapshot=snapshot, dry_run=dry_run, run=run
        )
        self.started = timezone.now()
        if snapshot > date.today():
            # Routes are "checked on" the snapshot date, which the admin refuses in the future.
            self.report.add(
                "warning", SOURCE_SUBJECT, message=f"dated {snapshot}, in the future: dated today"
            )
            self.snapshot = self.report.snapshot = date.today()

    def run(self) -> ImportReport:
        report = self.report
        with transaction.atomic():
            for subject, message in self.catalogue.warnings:
                report.add("warning", subject, message=message)
            latest = (
                ImportRun.objects.filter(
                    kind=ImportRun.Kind.CATALOGUE,
                    snapshot_date__isnull=False,
                    state=ImportRun.State.DONE,
                    dry_run=False,
                )
                .order_by("-snapshot_date")
                .first()
            )
            newest = max(
                (d for d in (latest and latest.snapshot_date, newest_snapshot()) if d),
                default=None,
            )
            # Only the newest snapshot sets current values; an older one fills history.
            report.history_only = self.history_only or bool(newest and newest > self.snapshot)
            ledger = LedgerWriter(self.catalogue, snapshot=self.snapshot, source=report.source)
            ledger.write(self.models)
            report.tally["price history routes"] += ledger.added + ledger.changed
            if report.history_only:
                return self._finish(ledger)
            reference = ReferenceData(self.catalogue, report)
            routes = RouteWriter(
                self.catalogue,
                reference.providers,
                report,
                source_name=self.source_name,
                snapshot=self.snapshot,
            )
            # Wagtail re-indexes references on every saved row (each route, each
            # capability row); once per saved page at the end does the same work.
            with disable_reference_index_auto_update():
                writer = self._models(reference, routes)
                writer.insert_children()
            for page in writer.saved_pages:
                ReferenceIndex.create_or_update_for_object(page)
            return self._finish(ledger)

    def _finish(self, ledger: LedgerWriter) -> ImportReport:
        report = self.report
        report.put_in_report_order()
        if report.dry_run:
            transaction.set_rollback(True)
        elif report.history_only and not ledger.wrote_anything and report.run is None:
            pass  # a snapshot already in the history: nothing to log either (a run claimed
            # from the admin or the refresh is still closed, so it does not stay "running")
        else:
            report.record(
                ImportRun.Kind.CATALOGUE,
                user=self.user,
                source_name=self.source_name,
                snapshot_date=self.snapshot,
            )
            if report.changed_anything or ledger.wrote_anything:
                transaction.on_commit(bump_catalogue_generation)
        return report

    def _models(self, reference: ReferenceData, routes: RouteWriter) -> ModelPageWriter:
        index = ModelIndexPage.objects.first()
        if index is None:
            raise CatalogueError(
                [
                    "There is no models index page (/models/) to import under: add one "
                    "under the home page (load_demo_data does) and import again."
                ]
            )
        pages = list(
            ModelPage.objects.child_of(index)
            .select_related("lab", "licence")
            .prefetch_related("routes", "capability_support", "benchmark_scores")
        )
        writer = ModelPageWriter(
            reference,
            routes,
            self.report,
            index=index,
            pages=pages,
            source_name=self.source_name,
            snapshot=self.snapshot,
            started=self.started,
            user=self.user,
            benchmarks=BenchmarkWriter(
                self.benchmarks,
                self.report,
                source_name=self.source_name,
                snapshot=self.snapshot,
            )
            if self.benchmarks is not None
            else None,
        )
        by_key = {p.catalogue_key: p for p in pages if p.catalogue_key}
        by_slug = {p.slug: p for p in pages}
        total = len(self.models)
        visited: set[int] = set()
        for done, model in enumerate(self.models, 1):
            for note in price_outliers(model):
                self.report.add("warning", f"Model {model.title}", message=note)
            page = by_key.get(model.catalogue_key) or _unclaimed(by_slug.get(model.slug))
            if page is None:
                writer.create(model)
            else:
                visited.add(page.pk)
                writer.update(page, model)
            if done % 50 == 0 or done == total:
                self.progress(done, total)
        # Models the snapshot no longer lists at all: their routes are retired too.
        for page in pages:
            if page.pk not in visited and any(
                r.catalogue_key and r.tracked for r in page.routes.all()
            ):
                writer.update(page, None)
        if writer.benchmarks is not None:
            writer.benchmarks.report_unplaced()
        tracked_before = sum(
            1 for page in pages for r in page.routes.all() if r.catalogue_key and r.tracked
        )
        retired = self.report.tally["routes retired"]
        if tracked_before and retired > tracked_before / 2:
            self.report.add(
                "warning",
                SOURCE_SUBJECT,
                message=f"{retired:,} of {tracked_before:,} listed routes "
                "disappear in this file: check that it is a complete snapshot",
            )
        return writer


def _unclaimed(page: ModelPage | None) -> ModelPage | None:
    """A page of the same slug that no catalogue model claims yet (made by hand)."""
    return page if page is not None and not page.catalogue_key else None
