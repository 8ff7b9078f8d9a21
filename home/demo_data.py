"""Load the demo data set (fixtures/demo.json) into the site, idempotently.

Snippets are upserted by slug. Pages are created with add_child() and published through a
revision; an existing page gets a new revision only when its facts differ from the file,
so loading the same file twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
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
    Capability,
    ComparisonIndexPage,
    ComparisonPage,
    DecisionTag,
    Lab,
    Licence,
    ModelIndexPage,
    ModelPage,
    ProductType,
    Provider,
    ReferenceSettings,
    TrafficProfile,
)
from comparisons.review.setup import ensure_editorial_setup
from comparisons.review.stamps import stamp_historical_review
from home.demo_models import parse_date, sync_models

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
        reviewed = parse_date(entry.get("last_reviewed_on"))
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
    model_pages = sync_models(index, data.get("models", []), refs, report)
    _sync_comparisons(home, index, data.get("comparisons", []), refs, model_pages, report)
    return report
