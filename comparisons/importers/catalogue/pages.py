"""A catalogue model's page: created published, or brought up to date the way an editor's
edit would be (a new revision for pages that have them; a draft stays a draft).

Every value follows the editor-owns-the-value rule (`ownership`); routes are written by
`routes.RouteWriter`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from comparisons.facts import site_default_traffic
from comparisons.importers.catalogue.benchmarks import BenchmarkWriter
from comparisons.importers.catalogue.group import CatalogueModel
from comparisons.importers.catalogue.lifecycle import model_status, write_status
from comparisons.importers.catalogue.reference import ReferenceData
from comparisons.importers.catalogue.routes import RouteWriter
from comparisons.importers.ownership import Provenance, judge, text, write
from comparisons.importers.report import Entry, ImportReport
from comparisons.models import (
    BenchmarkScore,
    CapabilitySupport,
    Licence,
    ModelIndexPage,
    ModelPage,
    ProviderRoute,
)
from comparisons.models.model_page import CATALOGUE_COLUMNS

LABELS = {
    "lab": "lab",
    "release_date": "release date",
    "knowledge_cutoff": "knowledge cutoff",
    "context_window": "context window",
    "max_output_tokens": "max output",
}
FIELDS = tuple(LABELS)


class ModelPageWriter:
    def __init__(
        self,
        reference: ReferenceData,
        routes: RouteWriter,
        report: ImportReport,
        *,
        index: ModelIndexPage,
        pages: list[ModelPage],
        source_name: str,
        snapshot: date,
        started: datetime,
        user: Any = None,
        benchmarks: BenchmarkWriter | None = None,
    ) -> None:
        self.reference = reference
        self.benchmarks = benchmarks
        self.routes = routes
        self.report = report
        self.index = index
        self.source_name = source_name
        self.snapshot = snapshot
        self.started = started
        self.user = user
        self.used_slugs = {p.slug for p in pages}
        self.used_titles = {p.title.lower() for p in pages}
        # Pages saved in this run, for the reference index; new pages with their children.
        self.saved_pages: list[ModelPage] = []
        self.new_children: list[tuple[ModelPage, list, list, list]] = []

    def provenance(self, stored: dict | None = None) -> Provenance:
        return Provenance(stored or {}, self.source_name, self.snapshot)

    def model_values(self, model: CatalogueModel) -> dict[str, Any]:
        return {
            "lab": self.reference.lab(model.lab),
            "release_date": self._not_future(model, "release date", model.release_date),
            # Cutoffs are kept as year and month (the first of the month), as editors enter them.
            "knowledge_cutoff": self._not_future(
                model,
                "knowledge cutoff",
                model.knowledge.replace(day=1) if model.knowledge else None,
            ),
            "context_window": model.context,
            "max_output_tokens": model.output_limit,
        }

    def _not_future(self, model: CatalogueModel, label: str, value: date | None) -> date | None:
        """Admin forms refuse dates in the future, so a pre-announced date stays unknown."""
        if value is None or value <= date.today():
            return value
        self.report.add(
            "warning",
            f"Model {model.title}",
            message=f"{label} {value} is in the future: left unknown",
        )
        return None

    def _unique_slug(self, slug: str) -> str:
        candidate, n = slug, 2
        while candidate in self.used_slugs:
            candidate = f"{slug[:95]}-{n}"
            n += 1
        self.used_slugs.add(candidate)
        return candidate

    # --- new pages ---------------------------------------------------------------------

    def create(self, model: CatalogueModel) -> None:
        provenance = self.provenance()
        values = self.model_values(model)
        for name, value in values.items():
            if value is not None:
                provenance.record(name, value)
        licence = self.reference.licence_for(model)
        if licence is not None:
            provenance.record("licence", licence.openness)
        status = model_status(model)
        if status:
            provenance.record("lifecycle", status)
        now = self.started  # one time for the whole run: pages added together
        title = model.title
        if title.lower() in self.used_titles:
            # Two pages must not read alike in listings and the picker: name the id.
            title = f"{title} ({model.key})"[:255]
        self.used_titles.add(title.lower())
        page = ModelPage(
            title=title,
            slug=self._unique_slug(model.slug),
            licence=licence,
            catalogue_key=model.catalogue_key,
            lifecycle=status,
            live=True,
            first_published_at=now,
            last_published_at=now,
            **values,
        )
        routes = [self.routes.new(r) for r in model.routes]
        capabilities = self.reference.capabilities
        supports = [
            CapabilitySupport(capability=capabilities[slug], support="yes" if ok else "no")
            for slug, ok in model.capabilities
        ]
        for slug, ok in model.capabilities:
            provenance.record(f"capability:{slug}", "yes" if ok else "no")
        scores = self._benchmarks_new(model)
        page.catalogue_values = provenance.data()
        self.index.add_child(instance=page)
        # Children are inserted in bulk once every page exists (see insert_children).
        self.new_children.append((page, routes, supports, scores))
        self.saved_pages.append(page)
        self.report.tally["models added"] += 1
        self.report.tally["routes added"] += len(model.routes)
        self.report.add("added", f"Model {model.title}", message=f"{len(model.routes)} routes")

    def insert_children(self) -> None:
        """New pages' routes and capability rows in a few bulk inserts rather than one
        INSERT each, then their catalogue columns (cheapest prices, provider count)."""
        routes, supports, scores, pages = [], [], [], []
        traffic = site_default_traffic()
        for page, page_routes, page_supports, page_scores in self.new_children:
            for order, route in enumerate(page_routes):
                route.page, route.sort_order = page, order
            for support in page_supports:
                support.page = page
            for score in page_scores:
                score.page = page
            scores += page_scores
            routes += page_routes
            supports += page_supports
            page.refresh_catalogue_columns(page_routes, traffic)
            pages.append(page)
        ProviderRoute.objects.bulk_create(routes, batch_size=500)
        CapabilitySupport.objects.bulk_create(supports, batch_size=500)
        BenchmarkScore.objects.bulk_create(scores, batch_size=500)
        ModelPage.objects.bulk_update(pages, CATALOGUE_COLUMNS, batch_size=500)

    # --- existing pages ----------------------------------------------------------------

    def update(self, page: ModelPage, model: CatalogueModel | None) -> None:
        """Bring one page in line with its catalogue model (None: the catalogue no longer
        lists it, so only its routes are retired)."""
        subject = page.title
        if page.live and page.has_unpublished_changes:
            self.report.add(
                "conflict",
                subject,
                message="has an unpublished draft: catalogue changes not applied; publish or "
                "discard the draft and import again",
            )
            return
        if not page.live and page.latest_revision_id:
            # A draft: work on its latest revision, so an editor's draft text is kept.
            page = page.get_latest_revision_as_object()
        provenance = self.provenance(page.catalogue_values)
        changes: list[Entry] = []
        supports = list(page.capability_support.all())
        if model is not None:
            if not page.catalogue_key:
                page.catalogue_key = model.catalogue_key
                changes.append(Entry("changed", subject, "catalogue key", "—", page.catalogue_key))
            for name, incoming in self.model_values(model).items():
                write(page, name, incoming, LABELS[name], provenance, subject, changes)
            self._licence(page, model, provenance, subject, changes)
            supports = self._capabilities(page, model, provenance, subject, changes)
            write_status(page, model, provenance, subject, changes)
        scores, scores_moved = self._benchmarks_update(page, model, subject, changes)
        routes = self.routes.update(page, model, subject, changes)
        if (
            not provenance.changed
            and not scores_moved
            and not any(c.kind != "conflict" for c in changes)
        ):
            self.report.entries.extend(changes)  # conflicts only: nothing to write
            return
        page.catalogue_values = provenance.data()
        page.capability_support = supports
        page.benchmark_scores = scores
        page.routes = routes
        self._save(page)
        self.saved_pages.append(page)
        if any(c.kind in ("changed", "added", "retired") for c in changes):
            self.report.tally["models changed"] += 1
        self.report.entries.extend(changes)

    def _benchmarks_new(self, model: CatalogueModel) -> list[BenchmarkScore]:
        if self.benchmarks is None or not model.canonical:
            return []
        return self.benchmarks.new(model.canonical)

    def _benchmarks_update(
        self, page: ModelPage, model: CatalogueModel | None, subject: str, changes: list[Entry]
    ) -> tuple[list[BenchmarkScore], bool]:
        if self.benchmarks is None or model is None or not model.canonical:
            return list(page.benchmark_scores.all()), False
        return self.benchmarks.update(page, model.canonical, subject, changes)

    def _licence(
        self,
        page: ModelPage,
        model: CatalogueModel,
        provenance: Provenance,
        subject: str,
        changes: list[Entry],
    ) -> None:
        """The catalogue only knows open weights or not, so any licence of the right
        openness agrees with it (Apache 2.0 is open weights too)."""
        incoming = self.reference.licence_for(model)
        if incoming is None:
            return
        current = page.licence
        open_now = current is not None and current.openness != Licence.Openness.PROPRIETARY
        if current is not None and open_now == bool(model.open_weights):
            provenance.record("licence", incoming.openness)
            return
        recorded = provenance.recorded("licence")
        if current is None or (recorded is not None and recorded == current.openness):
            page.licence = incoming
            provenance.record("licence", incoming.openness)
            changes.append(Entry("changed", subject, "licence", text(current), incoming.name))
        else:
            changes.append(
                Entry(
                    "conflict",
                    subject,
                    "licence",
                    current.name,
                    incoming.name,
                    f"licence set by an editor to {current.name}; catalogue says "
                    f"{incoming.name} (kept the editor's value)",
                )
            )

    def _capabilities(
        self,
        page: ModelPage,
        model: CatalogueModel,
        provenance: Provenance,
        subject: str,
        changes: list[Entry],
    ) -> list[CapabilitySupport]:
        rows = {row.capability_id: row for row in page.capability_support.all()}
        for slug, ok in model.capabilities:
            capability = self.reference.capabilities[slug]
            row = rows.get(capability.pk)
            current = row.support if row and row.support != "unknown" else None
            incoming = "yes" if ok else "no"
            label = f"{capability.name.lower()} support"
            if judge(current, incoming, f"capability:{slug}", label, provenance, subject, changes):
                if row is None:
                    row = rows[capability.pk] = CapabilitySupport(capability=capability)
                row.support = incoming
        return list(rows.values())

    def _save(self, page: ModelPage) -> None:
        """Publish what changed the way an editor's edit would be published: a new revision
        for pages that have revisions (so the editor sees the imported values, not a stale
        draft), a plain save for pages the importer created."""
        if not page.live:
            # A draft (e.g. created by the legacy importer): a new draft revision, built on
            # its latest one, so what the editor drafted stays; nothing is published.
            if page.latest_revision_id:
                page.save_revision(user=self.user, log_action=True)
            else:
                page.save()
            return
        if page.latest_revision_id:
            revision = page.save_revision(user=self.user, log_action=True)
            revision.publish(user=self.user, skip_permission_checks=True)
        else:
            page.save()
