"""Load the demo data set (fixtures/demo.json) into the site, idempotently.

Snippets are upserted by slug. Pages are created with add_child() and published through a
revision; an existing page gets a new revision only when its facts differ from the file,
so loading the same file twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from comparisons.blocks.stream_data import default_section_data, prose_values, without_ids
from comparisons.models import (
    Benchmark,
    BenchmarkScore,
    Capability,
    CapabilitySupport,
    ComparisonIndexPage,
    ComparisonPage,
    DecisionTag,
    Lab,
    Licence,
    ModelIndexPage,
    ModelPage,
    ProductType,
    Provider,
    ProviderRoute,
    ReferenceSettings,
    TrafficProfile,
)
from comparisons.review.setup import ensure_editorial_setup
from comparisons.review.stamps import stamp_historical_review

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "demo.json"


@dataclass
class LoadReport:
    # Without `update`, existing objects are left as editors may have changed them.
    update: bool = True
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, {self.unchanged} unchanged"
        )


# --- value normalisation: the file and the database must compare equal ---------------------


def _decimal(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return format(Decimal(str(value)).normalize(), "f")


def _date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value.isoformat()
    return date.fromisoformat(value).isoformat()


def _month(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}"
    return value[:7]


def _parse_month(value: str | None) -> date | None:
    return date.fromisoformat(f"{value}-01") if value else None


# --- snippets ---------------------------------------------------------------------------


def _upsert(model: type, rows: list[dict[str, Any]], report: LoadReport) -> dict[str, Any]:
    by_slug: dict[str, Any] = {}
    for row in rows:
        values = {k: v for k, v in row.items() if k != "slug"}
        obj = model.objects.filter(slug=row["slug"]).first()
        if obj is None:
            obj = model.objects.create(slug=row["slug"], **values)
            report.created.append(f"{model._meta.verbose_name} {obj}")
        elif report.update and any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            report.updated.append(f"{model._meta.verbose_name} {obj}")
        else:
            report.unchanged += 1
        by_slug[row["slug"]] = obj
    return by_slug


# --- site structure ---------------------------------------------------------------------


def ensure_site(report: LoadReport) -> tuple[Site, Page]:
    """A HomePage at the root, the default Site pointing at it, and /models/ under it."""
    from home.models import HomePage

    root = Page.get_first_root_node()
    if root is None:  # a flushed database (Wagtail's migrations normally create the root)
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(title="Root", slug="root")
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's first migration creates a placeholder "Welcome" page; replace it.
        for placeholder in root.get_children().filter(content_type__model="page", slug="home"):
            if not placeholder.get_children().exists():
                placeholder.delete()
        home = HomePage(
            title="LLM Reference",
            slug="home",
            hero_heading="Compare large language models on the facts",
            hero_text=(
                "<p>Specs, prices per provider route, capabilities and monthly cost, "
                "generated from one set of reviewed facts.</p>"
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        report.created.append("home page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="LLM Reference",
        )
        report.created.append("site")
    elif site.root_page_id != home.pk or site.site_name != "LLM Reference":
        site.root_page = home
        site.site_name = "LLM Reference"
        site.save()
        report.updated.append("site")
    return site, home


def ensure_child(parent: Page, model: type, slug: str, title: str, report: LoadReport) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        report.unchanged += 1
        return existing
    page = model(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    report.created.append(f"{model._meta.verbose_name} /{slug}/")
    return page


# --- model pages ------------------------------------------------------------------------

SCALAR_FIELDS = (
    "title",
    "summary",
    "best_for",
    "architecture",
    "parameters_detail",
    "parameters_estimated",
    "context_window",
    "max_output_tokens",
)


def model_entry_state(entry: dict[str, Any]) -> dict[str, Any]:
    """The comparable state of a model as the fixture file describes it."""
    state = {name: entry.get(name) for name in SCALAR_FIELDS}
    state["summary"] = state["summary"] or ""
    state["best_for"] = state["best_for"] or ""
    state["architecture"] = state["architecture"] or ""
    state["parameters_detail"] = state["parameters_detail"] or ""
    state["parameters_estimated"] = bool(state["parameters_estimated"])
    state.update(
        lab=entry.get("lab"),
        licence=entry.get("licence"),
        product_type=entry.get("product_type"),
        release_date=_date(entry.get("release_date")),
        knowledge_cutoff=_month(entry.get("knowledge_cutoff")),
        parameters_billions=_decimal(entry.get("parameters_billions")),
        decision_tags=sorted(entry.get("decision_tags", [])),
        routes=[
            {
                "provider": r["provider"],
                "provider_model_id": r.get("provider_model_id") or "",
                "input_price": _decimal(r.get("input_price")),
                "output_price": _decimal(r.get("output_price")),
                "cached_input_price": _decimal(r.get("cached_input_price")),
                "context_limit": r.get("context_limit"),
                "source_url": r.get("source_url") or "",
                "checked_on": _date(r.get("checked_on")),
            }
            for r in entry.get("routes", [])
        ],
        capabilities=dict(sorted(entry.get("capabilities", {}).items())),
        benchmark_scores=[
            {
                "benchmark": s["benchmark"],
                "score": _decimal(s["score"]),
                "source_url": s.get("source_url") or "",
                "measured_on": _date(s.get("measured_on")),
            }
            for s in entry.get("benchmark_scores", [])
        ],
    )
    return state


def model_page_state(page: ModelPage) -> dict[str, Any]:
    """The same shape, read back from a saved page."""
    state = {name: getattr(page, name) for name in SCALAR_FIELDS}
    state.update(
        lab=page.lab.slug if page.lab else None,
        licence=page.licence.slug if page.licence else None,
        product_type=page.product_type.slug if page.product_type else None,
        release_date=_date(page.release_date),
        knowledge_cutoff=_month(page.knowledge_cutoff),
        parameters_billions=_decimal(page.parameters_billions),
        decision_tags=sorted(tag.slug for tag in page.decision_tags.all()),
        routes=[
            {
                "provider": r.provider.slug,
                "provider_model_id": r.provider_model_id,
                "input_price": _decimal(r.input_price),
                "output_price": _decimal(r.output_price),
                "cached_input_price": _decimal(r.cached_input_price),
                "context_limit": r.context_limit,
                "source_url": r.source_url,
                "checked_on": _date(r.checked_on),
            }
            for r in page.routes.all()
        ],
        capabilities=dict(
            sorted((row.capability.slug, row.support) for row in page.capability_support.all())
        ),
        benchmark_scores=[
            {
                "benchmark": s.benchmark.slug,
                "score": _decimal(s.score),
                "source_url": s.source_url,
                "measured_on": _date(s.measured_on),
            }
            for s in page.benchmark_scores.all()
        ],
    )
    return state


def apply_model_entry(page: ModelPage, entry: dict[str, Any], refs: dict[str, dict]) -> None:
    """Copy a fixture entry onto a page (in memory: children are committed on publish)."""

    def ref(kind: str, slug: str | None) -> Any:
        return refs[kind][slug] if slug else None

    for name in SCALAR_FIELDS:
        value = entry.get(name)
        if name in ("summary", "best_for", "architecture", "parameters_detail"):
            value = value or ""
        setattr(page, name, value)
    page.parameters_estimated = bool(entry.get("parameters_estimated"))
    page.lab = ref("labs", entry.get("lab"))
    page.licence = ref("licences", entry.get("licence"))
    page.product_type = ref("product_types", entry.get("product_type"))
    page.release_date = _parse_date(entry.get("release_date"))
    page.knowledge_cutoff = _parse_month(entry.get("knowledge_cutoff"))
    params = entry.get("parameters_billions")
    page.parameters_billions = Decimal(str(params)) if params not in (None, "") else None
    page.decision_tags = [refs["decision_tags"][slug] for slug in entry.get("decision_tags", [])]
    page.routes = [
        ProviderRoute(
            provider=refs["providers"][r["provider"]],
            provider_model_id=r.get("provider_model_id") or "",
            input_price=_to_decimal(r.get("input_price")),
            output_price=_to_decimal(r.get("output_price")),
            cached_input_price=_to_decimal(r.get("cached_input_price")),
            context_limit=r.get("context_limit"),
            source_url=r.get("source_url") or "",
            checked_on=_parse_date(r.get("checked_on")),
            sort_order=i,
        )
        for i, r in enumerate(entry.get("routes", []))
    ]
    page.capability_support = [
        CapabilitySupport(capability=refs["capabilities"][slug], support=support)
        for slug, support in entry.get("capabilities", {}).items()
    ]
    page.benchmark_scores = [
        BenchmarkScore(
            benchmark=refs["benchmarks"][s["benchmark"]],
            score=Decimal(str(s["score"])),
            source_url=s.get("source_url") or "",
            measured_on=_parse_date(s.get("measured_on")),
        )
        for s in entry.get("benchmark_scores", [])
    ]


def _to_decimal(value: Any) -> Decimal | None:
    return Decimal(str(value)) if value not in (None, "") else None


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _sync_models(
    index: ModelIndexPage, entries: list[dict[str, Any]], refs: dict[str, dict], report: LoadReport
) -> dict[str, ModelPage]:
    pages: dict[str, ModelPage] = {}
    for entry in entries:
        page = ModelPage.objects.child_of(index).filter(slug=entry["slug"]).first()
        if page is None:
            page = ModelPage(slug=entry["slug"], title=entry["title"])
            apply_model_entry(page, entry, refs)
            index.add_child(instance=page)
            page.save_revision().publish()
            report.created.append(f"model page {entry['slug']}")
        elif report.update and model_page_state(page) != model_entry_state(entry):
            apply_model_entry(page, entry, refs)
            page.save_revision().publish()
            report.updated.append(f"model page {entry['slug']}")
        else:
            report.unchanged += 1
        pages[entry["slug"]] = page
    return pages


# --- comparison pages -------------------------------------------------------------------


def comparison_sections(entry: dict[str, Any], refs: dict[str, dict]) -> list[dict[str, Any]]:
    """Raw stream data for a seed comparison: the default section order plus its prose."""
    capability_rows = [refs["capabilities"][slug].pk for slug in entry.get("capability_rows", [])]
    values: dict[str, dict[str, Any]] = {
        **prose_values(entry.get("verdict", ""), entry.get("deep_dive", ""), entry.get("faq", [])),
        "monthly_cost": {"heading": "", "traffic_profile": None},
        "capabilities": {"heading": "", "capabilities": capability_rows},
    }
    return default_section_data(values)


def _sync_comparisons(
    home: Page,
    models_index: Page,
    entries: list[dict[str, Any]],
    refs: dict[str, dict],
    models: dict[str, ModelPage],
    report: LoadReport,
) -> None:
    index = ensure_child(home, ComparisonIndexPage, "compare", "Comparisons", report)
    for entry in entries:
        a, b = models[entry["model_a"]], models[entry["model_b"]]
        sections = comparison_sections(entry, refs)
        page = ComparisonPage.objects.filter(
            Q(model_a=a, model_b=b) | Q(model_a=b, model_b=a)
        ).first()
        label = f"comparison page {a.slug}-vs-{b.slug}"
        if page is None:
            page = ComparisonPage(model_a=a, model_b=b)
            page.sections = sections
            index.add_child(instance=page)
            page.save_revision().publish()
            report.created.append(label)
        elif report.update and without_ids(page.sections.get_prep_value()) != without_ids(sections):
            page.sections = sections
            page.save_revision().publish()
            report.updated.append(label)
        else:
            report.unchanged += 1
        reviewed = _parse_date(entry.get("last_reviewed_on"))
        # The seed pages' reviews predate this site: their stamp carries the historical
        # date, approved against the demo data's facts, with no reviewer account.
        note = "Historical review (seed page)."
        if reviewed and stamp_historical_review(page, reviewed, note=note):
            report.created.append(f"review stamp {label} {reviewed.isoformat()}")
    ensure_editorial_setup([index, models_index])
    featured = [models[slug] for slug in ("gpt-oss-120b", "gpt-5-1-codex")]
    if not home.specific.featured.exists():
        from home.models import FeaturedComparison

        home = home.specific
        home.featured = [
            FeaturedComparison(comparison=ComparisonPage.objects.get(model_a=m), sort_order=i)
            for i, m in enumerate(featured)
        ]
        home.save_revision().publish()
        report.created.append("home page featured comparisons")


# --- entry point ------------------------------------------------------------------------

SNIPPETS: tuple[tuple[str, type], ...] = (
    ("labs", Lab),
    ("providers", Provider),
    ("capabilities", Capability),
    ("licences", Licence),
    ("decision_tags", DecisionTag),
    ("product_types", ProductType),
    ("benchmarks", Benchmark),
    ("traffic_profiles", TrafficProfile),
)


@transaction.atomic
def load_demo_data(path: Path = DEFAULT_PATH, *, update: bool = False) -> LoadReport:
    """Create what is missing; with `update`, also reset existing objects to the file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    report = LoadReport(update=update)
    refs = {key: _upsert(model, data.get(key, []), report) for key, model in SNIPPETS}

    site, home = ensure_site(report)
    ref_settings = ReferenceSettings.for_site(site)
    wanted = data.get("settings", {})
    sentence = wanted.get("data_source_sentence", ref_settings.data_source_sentence)
    profile = refs["traffic_profiles"].get(wanted.get("default_traffic_profile"))
    settings_differ = (
        ref_settings.data_source_sentence != sentence
        or ref_settings.default_traffic_profile != profile
    )
    if settings_differ and (report.update or ref_settings.default_traffic_profile is None):
        ref_settings.data_source_sentence = sentence
        ref_settings.default_traffic_profile = profile
        ref_settings.save()
        report.updated.append("reference settings")
    else:
        report.unchanged += 1

    index = ensure_child(home, ModelIndexPage, "models", "Models", report)
    model_pages = _sync_models(index, data.get("models", []), refs, report)
    _sync_comparisons(home, index, data.get("comparisons", []), refs, model_pages, report)
    return report
