"""Writing a grouped catalogue into providers, model pages and routes, with a change report.

One transaction per run: a problem anywhere leaves the database as it was. A run that
changes nothing writes nothing (no saves, no revisions). Editors' values win: a field
whose value no longer equals what the importer last wrote there was set by hand, and a
differing catalogue value is reported as a conflict instead of written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from comparisons.facts import site_default_traffic
from comparisons.importers.catalogue.group import (
    CAPABILITIES,
    LAB_ALIASES,
    LAB_NAMES,
    CatalogueModel,
    RouteRow,
    price_outliers,
)
from comparisons.importers.catalogue.parse import Catalogue, CatalogueError, CatalogueProvider
from comparisons.models import (
    Capability,
    CapabilitySupport,
    ImportRun,
    Lab,
    Licence,
    ModelIndexPage,
    ModelPage,
    Provider,
    ProviderRoute,
)
from comparisons.models.model_page import CATALOGUE_COLUMNS

Progress = Callable[[int, int], None]

MODEL_FIELDS = ("lab", "release_date", "knowledge_cutoff", "context_window", "max_output_tokens")
ROUTE_FIELDS = (
    "input_price", "output_price", "cached_input_price", "cache_write_price", "context_limit",
    "long_context_threshold", "long_context_input_price", "long_context_output_price",
)  # fmt: skip
LABELS = {
    "lab": "lab",
    "release_date": "release date",
    "knowledge_cutoff": "knowledge cutoff",
    "context_window": "context window",
    "max_output_tokens": "max output",
    "licence": "licence",
    "input_price": "input price",
    "output_price": "output price",
    "cached_input_price": "cached input price",
    "cache_write_price": "cache write price",
    "context_limit": "context limit",
    "long_context_threshold": "long-context tier",
    "long_context_input_price": "long-context input price",
    "long_context_output_price": "long-context output price",
}


@dataclass(frozen=True)
class Change:
    kind: str  # added | changed | retired | conflict | warning
    subject: str
    field: str = ""
    old: str = ""
    new: str = ""
    message: str = ""

    def line(self) -> str:
        if self.message:
            return f"{self.kind:<9} {self.subject}: {self.message}"
        if self.kind == "changed" or (self.kind == "conflict" and self.old):
            return f"{self.kind:<9} {self.subject} {self.field}: {self.old} → {self.new}"
        return f"{self.kind:<9} {self.subject}" + (f" {self.field}" if self.field else "")

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class ImportReport:
    source: str
    snapshot: date
    dry_run: bool = False
    changes: list[Change] = field(default_factory=list)
    models_added: int = 0
    models_changed: int = 0
    routes_added: int = 0
    routes_changed: int = 0
    routes_retired: int = 0
    providers_added: int = 0
    run_id: int | None = None

    def add(self, kind: str, subject: str, **values: str) -> None:
        self.changes.append(Change(kind, subject, **values))

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def changed_anything(self) -> bool:
        return any(c.kind in ("added", "changed", "retired") for c in self.changes)

    def summary(self) -> str:
        verb = "would be" if self.dry_run else ""
        parts = [
            f"{self.models_added:,} models added",
            f"{self.models_changed:,} changed",
            f"{self.routes_added:,} routes added",
            f"{self.routes_changed:,} changed",
            f"{self.routes_retired:,} retired",
            f"{self.providers_added:,} providers added",
            f"{self.count('conflict'):,} conflicts",
            f"{self.count('warning'):,} warnings",
        ]
        head = "Dry run, nothing written: " if self.dry_run else ""
        return head + ", ".join(parts) + (f" ({verb.strip()})" if verb else "") + "."

    @property
    def notices(self) -> list[Change]:
        """Warnings about the file as a whole (a partial or dated snapshot): shown first."""
        return [c for c in self.changes if c.subject == "Snapshot"]

    def ordered(self) -> list[Change]:
        order = {"added": 0, "changed": 1, "retired": 2, "conflict": 3, "warning": 4}
        return sorted(self.changes, key=lambda c: (c.subject != "Snapshot", order.get(c.kind, 9)))

    def lines(self) -> list[str]:
        return [c.line() for c in self.ordered()]

    SECTION_HEADINGS = {
        "added": "Added",
        "changed": "Changed",
        "retired": "Retired",
        "conflict": "Conflicts",
        "warning": "Warnings",
    }

    def sections(self) -> list[tuple[str, str, list[str]]]:
        """Every line of the report, by kind in report order: (kind, heading, lines)."""
        grouped: dict[str, list[str]] = {}
        for change in self.ordered():
            grouped.setdefault(change.kind, []).append(change.line())
        return [
            (kind, self.SECTION_HEADINGS.get(kind, kind.capitalize()), lines)
            for kind, lines in grouped.items()
        ]


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, Lab):
        return value.slug
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    return str(value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a.compare(b) == 0
    if isinstance(a, Lab) or isinstance(b, Lab):
        return getattr(a, "pk", a) == getattr(b, "pk", b)
    return a == b


class _Provenance:
    """Per-value record of what the importer wrote: {field: {"value", "snapshot"}}."""

    def __init__(self, stored: dict, source: str, snapshot: date) -> None:
        self.source = source
        self.snapshot = snapshot.isoformat()
        self.values: dict[str, dict[str, str]] = dict(stored.get("values", {}))
        self.original = stored

    def recorded(self, name: str) -> str | None:
        entry = self.values.get(name)
        return entry["value"] if entry else None

    def record(self, name: str, value: Any) -> None:
        if self.recorded(name) != _text(value):
            self.values[name] = {"value": _text(value), "snapshot": self.snapshot}

    def data(self) -> dict:
        return {"source": self.source, "values": self.values}

    @property
    def changed(self) -> bool:
        return self.data() != self.original


def _decide(current: Any, recorded: str | None, incoming: Any) -> str:
    """set | keep | adopt | conflict, for one field (the editor-owned rule)."""
    if incoming is None:
        return "keep"
    if current in (None, ""):
        # Empty after the importer wrote a value: an editor cleared it on purpose.
        return "set" if recorded is None else "conflict"
    if _same(current, incoming):
        return "adopt"
    if recorded is not None and recorded == _text(current):
        return "set"
    return "conflict"


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
        user: Any = None,
        progress: Progress | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.models = models
        self.source_name = source_name
        self.snapshot = snapshot
        self.user = user
        self.progress = progress or (lambda done, total: None)
        self.report = ImportReport(source=source, snapshot=snapshot, dry_run=dry_run)
        self.started = timezone.now()
        if snapshot > date.today():
            # Routes are "checked on" the snapshot date, which the admin refuses in the future.
            self.report.add(
                "warning", "Snapshot", message=f"dated {snapshot}, in the future: dated today"
            )
            self.snapshot = self.report.snapshot = date.today()

    # --- entry point -------------------------------------------------------------------

    def run(self) -> ImportReport:
        with transaction.atomic():
            for subject, message in self.catalogue.warnings:
                self.report.add("warning", subject, message=message)
            latest = (
                ImportRun.objects.filter(kind=ImportRun.Kind.CATALOGUE, snapshot_date__isnull=False)
                .order_by("-snapshot_date")
                .first()
            )
            if latest and latest.snapshot_date > self.snapshot:
                self.report.add(
                    "warning",
                    "Snapshot",
                    message=f"dated {self.snapshot}, older than the {latest.snapshot_date} "
                    "snapshot imported before: values it changes go back in time",
                )
            self._reference_data()
            # Wagtail re-indexes references on every saved row (each route, each
            # capability row); once per saved page at the end does the same work.
            self.saved_pages: list[ModelPage] = []
            with disable_reference_index_auto_update():
                self.new_children: list[tuple[ModelPage, list, list]] = []
                self._models()
                self._insert_children()
            for page in self.saved_pages:
                ReferenceIndex.create_or_update_for_object(page)
            if self.report.dry_run:
                transaction.set_rollback(True)
            else:
                self._log()
                if self.report.changed_anything:
                    from comparisons.catalog import bump_catalogue_generation

                    transaction.on_commit(bump_catalogue_generation)
        return self.report

    def _log(self) -> None:
        report = self.report
        run = ImportRun.objects.create(
            kind=ImportRun.Kind.CATALOGUE,
            source=report.source[:300],
            source_name=self.source_name,
            snapshot_date=self.snapshot,
            user=self.user if getattr(self.user, "pk", None) else None,
            added=report.count("added"),
            changed=report.count("changed"),
            retired=report.count("retired"),
            conflicts=report.count("conflict"),
            warnings=report.count("warning"),
            summary=report.summary()[:300],
            report=[c.as_dict() for c in report.ordered()],  # what changed before warnings
            finished_at=timezone.now(),
        )
        report.run_id = run.pk

    # --- reference data ----------------------------------------------------------------

    def _reference_data(self) -> None:
        self.providers = self._providers(self.catalogue.providers.values())
        self.labs = {lab.slug: lab for lab in Lab.objects.all()}
        self.capabilities = {cap.slug: cap for cap in Capability.objects.all()}
        next_order = max((c.sort_order for c in self.capabilities.values()), default=0) + 10
        for slug, (name, phrase) in CAPABILITIES.items():
            if slug not in self.capabilities:
                self.capabilities[slug] = Capability.objects.create(
                    slug=slug, name=name, reader_phrase=phrase, sort_order=next_order
                )
                next_order += 10
                self.report.add("added", f"Capability {name}")
        self.licences = {
            "open_weights": self._licence(
                "open-weights", "Open weights", Licence.Openness.OPEN_WEIGHTS
            ),
            "proprietary": self._licence(
                "proprietary", "Proprietary", Licence.Openness.PROPRIETARY
            ),
        }

    def _licence(self, slug: str, name: str, openness: str) -> Licence:
        found = Licence.objects.filter(slug=slug).first()
        if found is None:
            found = Licence.objects.create(slug=slug, name=name, openness=openness)
            self.report.add("added", f"Licence {name}")
        return found

    def _providers(self, items: Iterable[CatalogueProvider]) -> dict[str, Provider]:
        existing = list(Provider.objects.all())
        by_catalogue = {p.catalogue_id: p for p in existing if p.catalogue_id}
        by_slug = {p.slug: p for p in existing}
        by_name = {p.name.lower(): p for p in existing}
        out: dict[str, Provider] = {}
        for item in items:
            slug = slugify(item.id) or "provider"
            # A provider another catalogue id already points at is not this one.
            candidates = (
                by_catalogue.get(item.id),
                by_slug.get(slug),
                by_name.get(item.name.lower()),
            )
            found = next(
                (p for p in candidates if p is not None and p.catalogue_id in ("", item.id)), None
            )
            if found is None:
                name = item.name if item.name.lower() not in by_name else f"{item.name} ({item.id})"
                candidate, n = slug, 2
                while candidate in by_slug:
                    candidate, n = f"{slug[:110]}-{n}", n + 1
                found = Provider.objects.create(
                    name=name[:120],
                    slug=candidate,
                    catalogue_id=item.id,
                    docs_url=item.doc,
                    kind=Provider.Kind.LAB_API if item.id in LAB_ALIASES else "",
                )
                by_slug[found.slug] = by_name[found.name.lower()] = found
                self.report.providers_added += 1
                self.report.add("added", f"Provider {found.name}")
            elif not found.catalogue_id:
                found.catalogue_id = item.id
                found.docs_url = found.docs_url or item.doc
                found.save()
                self.report.add(
                    "changed", f"Provider {found.name}", field="catalogue id", old="—", new=item.id
                )
            by_catalogue[item.id] = found
            out[item.id] = found
        return out

    def _lab(self, slug: str | None) -> Lab | None:
        if not slug:
            return None
        if slug not in self.labs:
            name = LAB_NAMES.get(slug, slug.replace("-", " ").title())
            lab = Lab.objects.filter(name__iexact=name).first() or Lab.objects.create(
                slug=slug, name=name
            )
            self.labs[slug] = lab
            self.report.add("added", f"Lab {lab.name}")
        return self.labs[slug]

    # --- models ------------------------------------------------------------------------

    def _models(self) -> None:
        self.index = ModelIndexPage.objects.first()
        if self.index is None:
            raise CatalogueError(
                [
                    "There is no models index page (/models/) to import under: add one "
                    "under the home page (load_demo_data does) and import again."
                ]
            )
        pages = list(
            ModelPage.objects.child_of(self.index)
            .select_related("lab", "licence")
            .prefetch_related("routes", "capability_support")
        )
        by_key = {p.catalogue_key: p for p in pages if p.catalogue_key}
        by_slug = {p.slug: p for p in pages}
        self.used_slugs = set(by_slug)
        self.used_titles = {p.title.lower() for p in pages}
        total = len(self.models)
        visited: set[int] = set()
        for done, model in enumerate(self.models, 1):
            for note in price_outliers(model):
                self.report.add("warning", f"Model {model.title}", message=note)
            page = by_key.get(model.catalogue_key) or self._unclaimed(by_slug.get(model.slug))
            if page is None:
                self._create(model)
            else:
                visited.add(page.pk)
                self._update(page, model)
            if done % 50 == 0 or done == total:
                self.progress(done, total)
        # Models the snapshot no longer lists at all: their routes are retired too.
        for page in pages:
            if page.pk not in visited and any(
                r.catalogue_key and r.tracked for r in page.routes.all()
            ):
                self._update(page, None)
        tracked_before = sum(
            1 for page in pages for r in page.routes.all() if r.catalogue_key and r.tracked
        )
        if tracked_before and self.report.routes_retired > tracked_before / 2:
            self.report.add(
                "warning",
                "Snapshot",
                message=f"{self.report.routes_retired:,} of {tracked_before:,} listed routes "
                "disappear in this file: check that it is a complete snapshot",
            )

    @staticmethod
    def _unclaimed(page: ModelPage | None) -> ModelPage | None:
        """A page of the same slug that no catalogue model claims yet (made by hand)."""
        return page if page is not None and not page.catalogue_key else None

    def _route_values(self, route_row: RouteRow) -> dict[str, Any]:
        row = route_row.row
        tier = row.tier
        return {
            "input_price": row.input_price,
            "output_price": row.output_price,
            "cached_input_price": row.cache_read_price,
            "cache_write_price": row.cache_write_price,
            "context_limit": row.context,
            "long_context_threshold": tier.threshold if tier else None,
            "long_context_input_price": tier.input_price if tier else None,
            "long_context_output_price": tier.output_price if tier else None,
        }

    def _model_values(self, model: CatalogueModel) -> dict[str, Any]:
        return {
            "lab": self._lab(model.lab),
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

    def _licence_for(self, model: CatalogueModel) -> Licence | None:
        if model.open_weights is None:
            return None
        return self.licences["open_weights" if model.open_weights else "proprietary"]

    def _new_route(self, route_row: RouteRow, provenance: _Provenance) -> ProviderRoute:
        row = route_row.row
        values = self._route_values(route_row)
        for name, value in values.items():
            if value is not None:
                provenance.record(name, value)
        return ProviderRoute(
            provider=self.providers[row.provider_id],
            provider_model_id=row.model_id[:200],
            variant=route_row.variant[:40],
            source_url=self.catalogue.providers[row.provider_id].doc[:200],
            checked_on=self.snapshot,
            catalogue_key=row.key,
            catalogue_values=provenance.data(),
            **values,
        )

    def _unique_slug(self, slug: str) -> str:
        candidate, n = slug, 2
        while candidate in self.used_slugs:
            candidate = f"{slug[:95]}-{n}"
            n += 1
        self.used_slugs.add(candidate)
        return candidate

    def _create(self, model: CatalogueModel) -> None:
        provenance = _Provenance({}, self.source_name, self.snapshot)
        values = self._model_values(model)
        for name, value in values.items():
            if value is not None:
                provenance.record(name, value)
        licence = self._licence_for(model)
        if licence is not None:
            provenance.record("licence", licence.openness)
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
            live=True,
            first_published_at=now,
            last_published_at=now,
            **values,
        )
        routes = [
            self._new_route(r, _Provenance({}, self.source_name, self.snapshot))
            for r in model.routes
        ]
        supports = [
            CapabilitySupport(capability=self.capabilities[slug], support="yes" if ok else "no")
            for slug, ok in model.capabilities
        ]
        for slug, ok in model.capabilities:
            provenance.record(f"capability:{slug}", "yes" if ok else "no")
        page.catalogue_values = provenance.data()
        self.index.add_child(instance=page)
        # Children are inserted in bulk once every page exists (see _insert_children).
        self.new_children.append((page, routes, supports))
        self.saved_pages.append(page)
        self.report.models_added += 1
        self.report.routes_added += len(model.routes)
        self.report.add("added", f"Model {model.title}", message=f"{len(model.routes)} routes")

    def _insert_children(self) -> None:
        """New pages' routes and capability rows in a few bulk inserts rather than one
        INSERT each, then their catalogue columns (cheapest prices, provider count)."""
        routes, supports, pages = [], [], []
        traffic = site_default_traffic()
        for page, page_routes, page_supports in self.new_children:
            for order, route in enumerate(page_routes):
                route.page, route.sort_order = page, order
            for support in page_supports:
                support.page = page
            routes += page_routes
            supports += page_supports
            page.refresh_catalogue_columns(page_routes, traffic)
            pages.append(page)
        ProviderRoute.objects.bulk_create(routes, batch_size=500)
        CapabilitySupport.objects.bulk_create(supports, batch_size=500)
        ModelPage.objects.bulk_update(pages, CATALOGUE_COLUMNS, batch_size=500)

    def _update(self, page: ModelPage, model: CatalogueModel | None) -> None:
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
        provenance = _Provenance(page.catalogue_values or {}, self.source_name, self.snapshot)
        changes: list[Change] = []
        supports = list(page.capability_support.all())
        if model is not None:
            if not page.catalogue_key:
                page.catalogue_key = model.catalogue_key
                changes.append(Change("changed", subject, "catalogue key", "—", page.catalogue_key))
            for name, incoming in self._model_values(model).items():
                self._field(page, name, incoming, provenance, subject, changes)
            self._licence_field(page, model, provenance, subject, changes)
            supports = self._capabilities(page, model, provenance, subject, changes)
        routes = self._routes(page, model, subject, changes)
        if not provenance.changed and not any(c.kind != "conflict" for c in changes):
            self.report.changes.extend(changes)  # conflicts only: nothing to write
            return
        page.catalogue_values = provenance.data()
        page.capability_support = supports
        page.routes = routes
        self._save(page)
        self.saved_pages.append(page)
        if any(c.kind in ("changed", "added", "retired") for c in changes):
            self.report.models_changed += 1
        self.report.changes.extend(changes)

    def _field(
        self,
        obj: Any,
        name: str,
        incoming: Any,
        provenance: _Provenance,
        subject: str,
        changes: list[Change],
    ) -> None:
        current = getattr(obj, name)
        if self._judge(current, incoming, name, LABELS[name], provenance, subject, changes):
            setattr(obj, name, incoming)

    @staticmethod
    def _judge(
        current: Any,
        incoming: Any,
        key: str,
        label: str,
        provenance: _Provenance,
        subject: str,
        changes: list[Change],
    ) -> bool:
        """The editor-owned rule for one value: records provenance, reports a change or a
        conflict, and says whether the caller should write the catalogue's value."""
        decision = _decide(current, provenance.recorded(key), incoming)
        if decision in ("set", "adopt"):
            provenance.record(key, incoming)
        if decision == "set":
            changes.append(Change("changed", subject, label, _text(current), _text(incoming)))
        elif decision == "conflict":
            changes.append(
                Change(
                    "conflict",
                    subject,
                    label,
                    _text(current),
                    _text(incoming),
                    f"{label} {_editor_did(current)}; catalogue says {_text(incoming)} "
                    "(kept the editor's value)",
                )
            )
        return decision == "set"

    def _licence_field(
        self,
        page: ModelPage,
        model: CatalogueModel,
        provenance: _Provenance,
        subject: str,
        changes: list[Change],
    ) -> None:
        """The catalogue only knows open weights or not, so any licence of the right
        openness agrees with it (Apache 2.0 is open weights too)."""
        incoming = self._licence_for(model)
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
            changes.append(Change("changed", subject, "licence", _text(current), incoming.name))
        else:
            changes.append(
                Change(
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
        provenance: _Provenance,
        subject: str,
        changes: list[Change],
    ) -> list[CapabilitySupport]:
        rows = {row.capability_id: row for row in page.capability_support.all()}
        for slug, ok in model.capabilities:
            capability = self.capabilities[slug]
            row = rows.get(capability.pk)
            current = row.support if row and row.support != "unknown" else None
            incoming = "yes" if ok else "no"
            label = f"{capability.name.lower()} support"
            if self._judge(
                current, incoming, f"capability:{slug}", label, provenance, subject, changes
            ):
                if row is None:
                    row = rows[capability.pk] = CapabilitySupport(capability=capability)
                row.support = incoming
        return list(rows.values())

    def _routes(
        self, page: ModelPage, model: CatalogueModel | None, subject: str, changes: list[Change]
    ) -> list[ProviderRoute]:
        existing = list(page.routes.all())
        by_key = {r.catalogue_key: r for r in existing if r.catalogue_key}
        by_call = {(r.provider_id, r.provider_model_id): r for r in existing if not r.catalogue_key}
        seen: set[str] = set()
        for route_row in model.routes if model else ():
            row = route_row.row
            seen.add(row.key)
            provider = self.providers[row.provider_id]
            route = by_key.get(row.key) or by_call.pop((provider.pk, row.model_id), None)
            label = f"{subject} route {provider.name}" + (
                f" ({route_row.variant})" if route_row.variant else ""
            )
            if route is None:
                new = self._new_route(route_row, _Provenance({}, self.source_name, self.snapshot))
                existing.append(new)
                self.report.routes_added += 1
                changes.append(Change("added", label, message=_price_text(new)))
                continue
            provenance = _Provenance(route.catalogue_values or {}, self.source_name, self.snapshot)
            before = len(changes)
            if not route.catalogue_key:
                route.catalogue_key = row.key
            if route.retired_on is not None:
                retired = route.retired_on.isoformat()
                if provenance.recorded("retired_on") == retired:  # the importer retired it
                    changes.append(
                        Change("changed", label, "listed", "no longer listed", "listed again")
                    )
                    route.retired_on = None
                    provenance.values.pop("retired_on", None)
                else:
                    changes.append(
                        Change(
                            "conflict",
                            label,
                            "listed",
                            f"retired on {retired}",
                            "listed",
                            f"retired by an editor on {retired}; the catalogue still lists "
                            "it (kept retired)",
                        )
                    )
            for name, incoming in self._route_values(route_row).items():
                self._field(route, name, incoming, provenance, label, changes)
            if any(c.kind == "changed" for c in changes[before:]):
                route.checked_on = self.snapshot
                self.report.routes_changed += 1
            route.catalogue_values = provenance.data()
        for route in existing:
            if route.catalogue_key and route.catalogue_key not in seen and route.tracked:
                route.retired_on = self.snapshot
                provenance = _Provenance(
                    route.catalogue_values or {}, self.source_name, self.snapshot
                )
                provenance.record("retired_on", self.snapshot)
                route.catalogue_values = provenance.data()
                self.report.routes_retired += 1
                changes.append(
                    Change(
                        "retired",
                        f"{subject} route {route.provider.name}",
                        message=f"no longer listed by {self.source_name} "
                        f"(snapshot {self.snapshot}); kept, but left out of prices",
                    )
                )
        return existing

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


def _editor_did(current: Any) -> str:
    return (
        "cleared by an editor" if current in (None, "") else f"set by an editor to {_text(current)}"
    )


def _price_text(route: ProviderRoute) -> str:
    def price(value: Decimal | None) -> str:
        return "—" if value is None else f"${_text(value)}"

    return f"{price(route.input_price)} in / {price(route.output_price)} out per 1M tokens"
