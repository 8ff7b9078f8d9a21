"""Facts and engine results as plain JSON-ready dicts (pure functions, no queries).

Decimals become strings written exactly (see schemas.py); dates stay dates (Ninja writes
them as ISO 8601).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from comparisons.engine import formatting as fmt
from comparisons.engine.benchmarks import one_sided_scores, shared_benchmark_rows
from comparisons.engine.capabilities import capability_rows
from comparisons.engine.friction import switch_friction
from comparisons.engine.history import RouteHistory
from comparisons.engine.lifecycle import lifecycle_label, lifecycle_notes
from comparisons.engine.pricing import (
    CostComparison,
    MonthlyCost,
    cheapest_route,
    has_public_price,
    route_monthly_cost,
)
from comparisons.engine.prose import delta_sentence
from comparisons.engine.scorecard import scorecard_rows
from comparisons.engine.tradeoffs import tradeoffs
from comparisons.engine.values import (
    CapabilityFacts,
    LicenceFacts,
    ModelFacts,
    PairFacts,
    RouteFacts,
    ScoreFacts,
    TrafficFacts,
)


def decimal(value: Decimal | None) -> str | None:
    """Decimal("0.039000") -> "0.039"; Decimal("14.000000") -> "14"; None stays None."""
    return None if value is None else fmt.plain_decimal(value)


def lab(slug: str | None, name: str | None) -> dict[str, str] | None:
    return {"slug": slug, "name": name} if slug and name else None


def licence(value: LicenceFacts | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "name": value.name,
        "openness": value.openness,
        "openness_label": value.openness_label,
        "commercial_use": value.commercial_use or None,
        "osi_approved": value.osi_approved,
    }


def lifecycle(name: str, status: str, since: date | None) -> dict[str, Any]:
    """A model's lifecycle: its status and, when every route is retired, since when."""
    return {
        "status": status or "current",
        "no_longer_listed_since": since,
        "label": lifecycle_label(status, since),
        "notes": list(lifecycle_notes(name, status, since)),
    }


def score(s: ScoreFacts) -> dict[str, Any]:
    return {
        "benchmark_slug": s.benchmark_slug,
        "benchmark_name": s.benchmark_name,
        "score": decimal(s.score),
        "unit": s.unit,
        "higher_is_better": s.higher_is_better,
        "source_url": s.source_url,
        "measured_on": s.measured_on,
    }


def traffic(value: TrafficFacts | None, *, custom: bool = False) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "name": value.name,
        "slug": value.slug,
        "monthly_input_tokens": value.monthly_input_tokens,
        "monthly_output_tokens": value.monthly_output_tokens,
        "requests": value.requests,
        "cached_percent": decimal(value.cached_percent),
        "source": "custom" if custom else "site_default",
    }


def route(value: RouteFacts, profile: TrafficFacts | None) -> dict[str, Any]:
    return {
        "key": str(value.key),
        "label": value.label,
        "provider_slug": value.provider_slug,
        "provider_name": value.provider_name,
        "provider_model_id": value.provider_model_id,
        "variant": value.variant,
        "input_price": decimal(value.input_price),
        "output_price": decimal(value.output_price),
        "cached_input_price": decimal(value.cached_input_price),
        "cache_write_price": decimal(value.cache_write_price),
        "long_context": {
            "threshold": value.long_context_threshold,
            "input_price": decimal(value.long_context_input_price),
            "output_price": decimal(value.long_context_output_price),
        }
        if value.long_context_threshold
        else None,
        "context_limit": value.context_limit,
        "source_url": value.source_url,
        "checked_on": value.checked_on,
        "publicly_priced": has_public_price(value),
        "monthly_cost": decimal(route_monthly_cost(value, profile)) if profile else None,
    }


def cheapest(m: ModelFacts, profile: TrafficFacts | None) -> dict[str, Any] | None:
    best = cheapest_route(m.routes, profile)
    if best is None:
        return None
    amount = route_monthly_cost(best, profile) if profile else None
    return {
        "key": str(best.key),
        "label": best.label,
        "provider_slug": best.provider_slug,
        "provider_name": best.provider_name,
        "input_price": decimal(best.input_price),
        "output_price": decimal(best.output_price),
        "monthly_cost": decimal(amount),
        "monthly_cost_display": fmt.money(amount) if amount is not None else None,
    }


def model_detail(
    m: ModelFacts,
    capabilities: Sequence[CapabilityFacts],
    profile: TrafficFacts | None,
    *,
    custom_traffic: bool = False,
) -> dict[str, Any]:
    return {
        "slug": m.slug,
        "name": m.name,
        "url": m.url,
        "lab": lab(m.lab_slug, m.lab),
        "release_date": m.release_date,
        "knowledge_cutoff": fmt.year_month(m.knowledge_cutoff) if m.knowledge_cutoff else None,
        "context_window": m.context_window,
        "max_output_tokens": m.max_output_tokens,
        "parameters_billions": decimal(m.parameters_billions),
        "parameters_detail": m.parameters_detail,
        "parameters_estimated": m.parameters_estimated,
        "architecture": m.architecture,
        "product_type": m.product_type,
        "best_for": m.best_for,
        "licence": licence(m.licence),
        "tags": [{"slug": t.slug, "name": t.name} for t in m.tags],
        "routes": [route(r, profile) for r in m.routes],
        "capabilities": [
            {"slug": c.slug, "name": c.name, "supported": m.supports(c.slug)} for c in capabilities
        ],
        "lifecycle": lifecycle(m.name, m.lifecycle, m.unlisted_since),
        "benchmark_scores": [score(s) for s in m.scores],
        "traffic": traffic(profile, custom=custom_traffic),
        "cheapest_route": cheapest(m, profile),
    }


def model_summary(page: Any, url: str) -> dict[str, Any]:
    """A row of the models list, from a page annotated by models_queryset."""
    return {
        "slug": page.slug,
        "name": page.title,
        "url": url,
        "lab": lab(page.lab.slug, page.lab.name) if page.lab else None,
        "release_date": page.release_date,
        "context_window": page.context_window,
        "cheapest_route": page.cheapest_route or None,
        "cheapest_input": decimal(page.cheapest_input),
        "cheapest_output": decimal(page.cheapest_output),
        "provider_count": page.provider_count,
        "licence": page.licence.name if page.licence else None,
        "openness": page.licence.openness if page.licence else None,
        "lifecycle": lifecycle(page.title, page.lifecycle, page.unlisted_since),
    }


def provider(value: Any, model_count: int) -> dict[str, Any]:
    return {
        "slug": value.slug,
        "name": value.name,
        "kind": value.kind or None,
        "kind_label": value.get_kind_display() if value.kind else None,
        "website": value.website,
        "docs_url": value.docs_url,
        "model_count": model_count,
    }


def _monthly_cost(cost: MonthlyCost, slug: str) -> dict[str, Any]:
    return {
        "model": slug,
        "amount": decimal(cost.amount),
        "display": fmt.money(cost.amount) if cost.amount is not None else None,
        "route": (
            {
                "key": str(cost.route.key),
                "label": cost.route.label,
                "provider_slug": cost.route.provider_slug,
                "provider_name": cost.route.provider_name,
                "input_price": decimal(cost.route.input_price),
                "output_price": decimal(cost.route.output_price),
            }
            if cost.route
            else None
        ),
        "reason": cost.reason or None,
    }


def cost_comparison(cost: CostComparison, pair: PairFacts) -> dict[str, Any]:
    delta = cost.delta
    cheaper = cost.cheaper
    return {
        "a": _monthly_cost(cost.a, pair.a.slug),
        "b": _monthly_cost(cost.b, pair.b.slug),
        "delta": decimal(delta),
        "cheaper": (pair.a.slug if cheaper is cost.a else pair.b.slug) if cheaper else None,
        "delta_sentence": delta_sentence(cost),
    }


def _known(text: str) -> str | None:
    """A formatted cell, or None where readers see "—"."""
    return None if text in (fmt.UNKNOWN, "") else text


def sections(pair: PairFacts) -> dict[str, Any]:
    """The engine's generated sections for a pair, as data."""
    side_a, side_b = tradeoffs(pair)
    a_to_b, b_to_a = switch_friction(pair)
    return {
        "capabilities": [
            {"slug": row.capability.slug, "name": row.capability.name, "a": row.a, "b": row.b}
            for row in capability_rows(pair)
        ],
        "tradeoffs": {"a": list(side_a.points), "b": list(side_b.points)},
        "switch_friction": {"a_to_b": list(a_to_b.points), "b_to_a": list(b_to_a.points)},
        "scorecard": [
            {"label": r.label, "a": _known(r.a), "b": _known(r.b)} for r in scorecard_rows(pair)
        ],
        "shared_benchmarks": [
            {
                "benchmark_slug": row.a_score.benchmark_slug,
                "benchmark_name": row.benchmark,
                "higher_is_better": row.higher_is_better,
                "a": score(row.a_score),
                "b": score(row.b_score),
                "higher": {"a": pair.a.slug, "b": pair.b.slug}.get(row.leader),
            }
            for row in shared_benchmark_rows(pair)
        ],
        "one_sided_benchmarks": [
            {
                "model": pair.a.slug if item.side == "a" else pair.b.slug,
                "score": score(item.score),
            }
            for item in one_sided_scores(pair)
        ],
    }


def route_history(history: RouteHistory, newest: date | None) -> dict[str, Any]:
    return {
        "key": history.key,
        "label": history.label,
        "provider_slug": history.provider_slug,
        "provider_model_id": history.provider_model_id,
        "variant": history.variant,
        "listed": newest is None or history.last_listed(newest) is None,
        "steps": [
            {
                "first_seen": step.first_seen,
                "last_seen": step.last_seen,
                "input_price": decimal(step.prices.input),
                "output_price": decimal(step.prices.output),
                "cached_input_price": decimal(step.prices.cached_input),
                "source_snapshot": step.source,
            }
            for step in history.steps
        ],
    }
