"""The demo data's model pages: a file entry's facts, a page's facts in the same shape
(so an unchanged entry writes nothing), and writing an entry onto a page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from comparisons.models import (
    BenchmarkScore,
    CapabilitySupport,
    ModelIndexPage,
    ModelPage,
    ProviderRoute,
)

if TYPE_CHECKING:
    from home.demo_data import LoadReport


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


SCALAR_FIELDS = (
    "title",
    "summary",
    "best_for",
    "architecture",
    "parameters_detail",
    "parameters_estimated",
    "context_window",
    "max_output_tokens",
    "lifecycle",
)


def model_entry_state(entry: dict[str, Any]) -> dict[str, Any]:
    """The comparable state of a model as the fixture file describes it."""
    state = {name: entry.get(name) for name in SCALAR_FIELDS}
    state["summary"] = state["summary"] or ""
    state["best_for"] = state["best_for"] or ""
    state["architecture"] = state["architecture"] or ""
    state["parameters_detail"] = state["parameters_detail"] or ""
    state["lifecycle"] = state["lifecycle"] or ""
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
        if name in ("summary", "best_for", "architecture", "parameters_detail", "lifecycle"):
            value = value or ""
        setattr(page, name, value)
    page.parameters_estimated = bool(entry.get("parameters_estimated"))
    page.lab = ref("labs", entry.get("lab"))
    page.licence = ref("licences", entry.get("licence"))
    page.product_type = ref("product_types", entry.get("product_type"))
    page.release_date = parse_date(entry.get("release_date"))
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
            checked_on=parse_date(r.get("checked_on")),
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
            measured_on=parse_date(s.get("measured_on")),
        )
        for s in entry.get("benchmark_scores", [])
    ]


def _to_decimal(value: Any) -> Decimal | None:
    return Decimal(str(value)) if value not in (None, "") else None


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def sync_models(
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
