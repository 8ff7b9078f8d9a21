"""Serialised facts and their fingerprint (the diff between two snapshots: facts_diff).

A review stamp stores the snapshot a reviewer approved; staleness is a difference between
that snapshot and the facts now, and the diff says what moved ("Input price (Vercel AI
Gateway), GPT-5.1 Codex: $1.25 → $1.00"). The snapshot holds what the reviewed page shows
readers: every route by its identity (provider + the provider's model id + variant,
comparisons.engine.routes), and the facts derived from them (the cheapest route, the
monthly cost at the page's traffic profile, the route count). Pure functions over plain
data.

Version 1 snapshots (stamped before routes were told apart) keyed routes by provider, so
they are compared in their own shape; see `facts_diff.changes_since_review`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from typing import Any

from comparisons.engine import formatting as fmt
from comparisons.engine.pricing import cheapest_route, route_monthly_cost
from comparisons.engine.values import ModelFacts, PairFacts, RouteFacts, TrafficFacts

SNAPSHOT_VERSION = 2

ROUTE_PRICES = (
    ("input_price", "Input price"),
    ("output_price", "Output price"),
    ("cached_input_price", "Cached input price"),
    ("cache_write_price", "Cache write price"),
    ("long_context_input_price", "Long-context input price"),
    ("long_context_output_price", "Long-context output price"),
)
ROUTE_TOKENS = (
    ("context_limit", "Context limit"),
    ("long_context_threshold", "Long-context tier from"),
)


def _route_snapshot(r: RouteFacts) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": str(r.key),
        "label": r.label,
        "model_id": r.provider_model_id,
        "variant": r.variant,
    }
    for name, _ in ROUTE_PRICES + ROUTE_TOKENS:
        data[name] = getattr(r, name)
    return data


def _cheapest(m: ModelFacts, traffic: TrafficFacts | None) -> dict[str, Any] | None:
    best = cheapest_route(m.routes, traffic)
    if best is None:
        return None
    return {
        "key": str(best.key),
        "label": best.label,
        "monthly_cost": route_monthly_cost(best, traffic) if traffic else None,
    }


def _model_snapshot(m: ModelFacts, traffic: TrafficFacts | None) -> dict[str, Any]:
    return {
        "slug": m.slug,
        "name": m.name,
        "lab": m.lab,
        "release_date": m.release_date,
        "context_window": m.context_window,
        "max_output_tokens": m.max_output_tokens,
        "parameters": fmt.parameters(
            m.parameters_billions, m.parameters_detail, m.parameters_estimated
        )
        if m.parameters_billions is not None
        else None,
        "architecture": m.architecture,
        "licence": m.licence.name if m.licence else None,
        "openness": m.licence.openness_label if m.licence else None,
        "commercial_use": (m.licence.commercial_use or None) if m.licence else None,
        "knowledge_cutoff": fmt.year_month(m.knowledge_cutoff) if m.knowledge_cutoff else None,
        "product_type": m.product_type,
        "best_for": m.best_for or None,
        "tags": [t.name for t in m.tags],
        # In the routes' own order (comparisons.engine.values.label_routes), never the database's.
        "routes": [_route_snapshot(r) for r in m.routes],
        "route_count": len(m.routes),
        "cheapest": _cheapest(m, traffic),
        "capabilities": dict(sorted(m.capabilities.items())),
        "scores": {
            s.benchmark_slug: {"name": s.benchmark_name, "score": s.score} for s in m.scores
        },
    }


def _model_snapshot_v1(m: ModelFacts) -> dict[str, Any]:
    """The version 1 shape, for comparing with stamps made in it."""
    data = _model_snapshot(m, None)
    for key in ("route_count", "cheapest"):
        del data[key]
    data["routes"] = {
        r.provider_slug: {
            "provider": f"{r.provider_name} ({r.variant})" if r.variant else r.provider_name,
            "input_price": r.input_price,
            "output_price": r.output_price,
            "cached_input_price": r.cached_input_price,
            "context_limit": r.context_limit,
        }
        for r in m.routes
    }
    return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def snapshot(pair: PairFacts, *, version: int = SNAPSHOT_VERSION) -> dict[str, Any]:
    """Everything a comparison shows readers from its models' facts, as JSON-ready data."""
    if version == 1:
        a, b = _model_snapshot_v1(pair.a), _model_snapshot_v1(pair.b)
    else:
        a, b = _model_snapshot(pair.a, pair.traffic), _model_snapshot(pair.b, pair.traffic)
    return _jsonable(
        {
            "version": version,
            "a": a,
            "b": b,
            "capabilities": {c.slug: c.name for c in pair.capabilities},
            "traffic": (
                {
                    "name": pair.traffic.name,
                    "input": pair.traffic.monthly_input_tokens,
                    "output": pair.traffic.monthly_output_tokens,
                }
                if pair.traffic
                else None
            ),
        }
    )


def fingerprint(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
