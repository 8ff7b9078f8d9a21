"""Serialised facts, their fingerprint, and the human-readable diff between two snapshots.

A review stamp stores the snapshot a reviewer approved; staleness is a difference between
that snapshot and the facts now, and the diff says what moved ("Input price (Vercel AI
Gateway), GPT-5.1 Codex: $1.25 → $1.00"). The snapshot holds what the reviewed page shows
readers: every route by its identity (provider + the provider's model id + variant,
comparisons.engine.routes), and the facts derived from them (the cheapest route, the
monthly cost at the page's traffic profile, the route count). Pure functions over plain
data.

Version 1 snapshots (stamped before routes were told apart) keyed routes by provider, so
they are compared in their own shape; see `changes_since_review`.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from comparisons.engine import formatting as fmt
from comparisons.engine.pricing import cheapest_route, route_monthly_cost
from comparisons.engine.values import ModelFacts, PairFacts, RouteFacts, TrafficFacts

SNAPSHOT_VERSION = 2

_ROUTE_PRICES = (
    ("input_price", "Input price"),
    ("output_price", "Output price"),
    ("cached_input_price", "Cached input price"),
    ("cache_write_price", "Cache write price"),
    ("long_context_input_price", "Long-context input price"),
    ("long_context_output_price", "Long-context output price"),
)
_ROUTE_TOKENS = (
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
    for name, _ in _ROUTE_PRICES + _ROUTE_TOKENS:
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


# --- the diff ---------------------------------------------------------------------------

_SUPPORT = {True: "Yes", False: "No", None: "Not sourced"}


@dataclass(frozen=True)
class Fact:
    """One line a diff can show: its label, the value as readers see it, and the value as
    stored (shown instead when two stored values format alike: "131,072 → 131,000
    tokens")."""

    label: str
    shown: str
    raw: str


def _money(value: str | None) -> str:
    """Prices in a diff always show cents, so "$1.25 → $1.00" reads as a change of price."""
    if value is None:
        return fmt.UNKNOWN
    text = fmt.price(Decimal(value))
    return text if "." in text else f"{text}.00"


def _raw_money(value: str | None) -> str:
    return fmt.UNKNOWN if value is None else f"${value}"


def _raw_tokens(value: int | None) -> str:
    return fmt.UNKNOWN if value is None else f"{value:,} tokens"


def _text(value: Any) -> str:
    return fmt.UNKNOWN if value in (None, "") else str(value)


def _model_facts(side: str, m: dict[str, Any], capability_names: dict[str, str]) -> Iterator:
    name = m["name"]

    def fact(key: str, label: str, shown: str, raw: str | None = None) -> tuple[str, Fact]:
        return f"{side}.{key}", Fact(f"{label}, {name}", shown, shown if raw is None else raw)

    yield f"{side}.name", Fact(f"Name, {m['slug']}", name, name)
    for key, label in (
        ("lab", "Lab"),
        ("release_date", "Release date"),
        ("parameters", "Parameters"),
        ("architecture", "Architecture"),
        ("licence", "Licence"),
        ("openness", "Openness"),
        ("commercial_use", "Commercial use"),
        ("knowledge_cutoff", "Knowledge cutoff"),
        ("product_type", "Product type"),
        ("best_for", "Best for"),
    ):
        yield fact(key, label, _text(m[key]))
    for key, label in (("context_window", "Context window"), ("max_output_tokens", "Max output")):
        yield fact(key, label, fmt.tokens(m[key]), _raw_tokens(m[key]))
    yield fact("tags", "Decision tags", fmt.join_list(m["tags"]) or fmt.UNKNOWN)
    yield from _route_facts(side, m, name)
    for slug, cap_name in capability_names.items():
        support = _SUPPORT[m["capabilities"].get(slug)]
        yield fact(f"capability.{slug}", cap_name, support, f"{cap_name}: {support}")
    for slug, score in m["scores"].items():
        yield fact(f"score.{slug}", f"{score['name']} score", score["score"])


def _route_facts(side: str, m: dict[str, Any], name: str) -> Iterator:
    routes = m["routes"]
    if isinstance(routes, dict):  # version 1: one entry per provider, named by its label
        for route in routes.values():
            p = route["provider"]
            key = f"{side}.route.{p}"
            yield f"{key}.listed", Fact(f"Route ({p}), {name}", "listed", p)
            for field, label in _ROUTE_PRICES[:3]:
                yield (
                    f"{key}.{field}",
                    Fact(f"{label} ({p}), {name}", _money(route[field]), _raw_money(route[field])),
                )
            yield (
                f"{key}.context_limit",
                Fact(
                    f"Context limit ({p}), {name}",
                    fmt.tokens(route["context_limit"]),
                    _raw_tokens(route["context_limit"]),
                ),
            )
        return
    for route in routes:
        p, key = route["label"], f"{side}.route.{route['key']}"
        # The label is the raw value of "listed": a route renamed (its provider renamed, or
        # a sibling added that it must now be told apart from) shows old → new label.
        yield f"{key}.listed", Fact(f"Route ({p}), {name}", "listed", p)
        yield (
            f"{key}.model_id",
            Fact(f"Provider's model id ({p}), {name}", _text(route["model_id"]), route["model_id"]),
        )
        yield (
            f"{key}.variant",
            Fact(f"Variant ({p}), {name}", _text(route["variant"]), route["variant"]),
        )
        for field, label in _ROUTE_PRICES:
            yield (
                f"{key}.{field}",
                Fact(f"{label} ({p}), {name}", _money(route[field]), _raw_money(route[field])),
            )
        for field, label in _ROUTE_TOKENS:
            yield (
                f"{key}.{field}",
                Fact(f"{label} ({p}), {name}", fmt.tokens(route[field]), _raw_tokens(route[field])),
            )
    yield (
        f"{side}.route_count",
        Fact(f"Provider routes, {name}", f"{m['route_count']} tracked", str(m["route_count"])),
    )
    cheapest = m["cheapest"] or {}
    yield (
        f"{side}.cheapest",
        Fact(
            f"Cheapest route, {name}",
            cheapest.get("label") or fmt.UNKNOWN,
            cheapest.get("key") or fmt.UNKNOWN,
        ),
    )
    cost = cheapest.get("monthly_cost")
    yield (
        f"{side}.monthly_cost",
        Fact(
            f"Monthly cost, {name}",
            fmt.money(Decimal(cost)) if cost is not None else fmt.UNKNOWN,
            f"${cost}" if cost is not None else fmt.UNKNOWN,
        ),
    )


def flatten_facts(data: dict[str, Any]) -> dict[str, Fact]:
    """Every fact of a snapshot under a stable key, in reading order."""
    capability_names = data.get("capabilities", {})
    out: dict[str, Fact] = {}
    for side in ("a", "b"):
        out.update(_model_facts(side, data[side], capability_names))
    traffic = data.get("traffic")
    shown = (
        f"{traffic['name']} ({fmt.token_volume(traffic['input'])} input, "
        f"{fmt.token_volume(traffic['output'])} output)"
        if traffic
        else fmt.UNKNOWN
    )
    raw = (
        f"{traffic['name']} ({traffic['input']:,} input, {traffic['output']:,} output tokens)"
        if traffic
        else fmt.UNKNOWN
    )
    out["traffic"] = Fact("Traffic profile", shown, raw)
    return out


def flatten(data: dict[str, Any]) -> dict[str, str]:
    """{"Input price (OpenRouter), gpt-oss-120b": "$0.039", ...}"""
    return {fact.label: fact.shown for fact in flatten_facts(data).values()}


@dataclass(frozen=True)
class FactChange:
    label: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.label}: {self.before} → {self.after}"


def diff(reviewed: dict[str, Any], current: dict[str, Any]) -> list[FactChange]:
    """What changed between the reviewed snapshot and now, in a stable order. A route that
    appears is "added" and one that goes is "dropped"; values that format alike are shown
    as stored."""
    before, after = flatten_facts(reviewed), flatten_facts(current)
    added = {k.rsplit(".", 1)[0] for k in after if k.endswith(".listed") and k not in before}
    dropped = {k.rsplit(".", 1)[0] for k in before if k.endswith(".listed") and k not in after}
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        old, new = before.get(key), after.get(key)
        if old is not None and new is not None and old.raw == new.raw:
            continue
        label = (new or old).label  # type: ignore[union-attr]
        route = key.rsplit(".", 1)[0]
        if key.endswith(".listed") and (route in added or route in dropped):
            changes.append(
                FactChange(label, "not listed", "added")
                if route in added
                else FactChange(label, "listed", "dropped")
            )
            continue
        if (route in added or route in dropped) and (new or old).shown == fmt.UNKNOWN:  # type: ignore[union-attr]
            continue  # the values of a route that comes or goes: blank ones say nothing
        old_shown = old.shown if old else fmt.UNKNOWN
        new_shown = new.shown if new else fmt.UNKNOWN
        if old_shown == new_shown:
            old_shown = old.raw if old else fmt.UNKNOWN
            new_shown = new.raw if new else fmt.UNKNOWN
        changes.append(FactChange(label, old_shown, new_shown))
    return changes


def _leaves(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, f"{path}[{index}]")
    else:
        yield path, json.dumps(data, ensure_ascii=False)


def _leaf_changes(reviewed: dict[str, Any], current: dict[str, Any]) -> list[FactChange]:
    """The last word on a difference no labelled fact shows: the stored values themselves,
    so a stale page never has an empty diff."""
    before, after = dict(_leaves(reviewed)), dict(_leaves(current))
    return [
        FactChange(
            f"Reviewed facts ({path})", before.get(path, fmt.UNKNOWN), after.get(path, fmt.UNKNOWN)
        )
        for path in list(before) + [p for p in after if p not in before]
        if before.get(path) != after.get(path)
    ]


def _v1_blind_spots(pair: PairFacts) -> list[FactChange]:
    """A version 1 snapshot kept one route per provider: where a model now has several
    routes on one provider, the review cannot vouch for them, and says so."""
    changes = []
    for m in pair.models:
        counts = Counter(r.provider_name for r in m.routes)
        for provider, count in counts.items():
            if count > 1:
                changes.append(
                    FactChange(
                        f"Routes ({provider}), {m.name}",
                        "reviewed as one route",
                        f"{count} routes, each to review",
                    )
                )
    return changes


def changes_since_review(
    reviewed: dict[str, Any], reviewed_fingerprint: str, pair: PairFacts
) -> list[FactChange]:
    """What a reviewed page shows now that its review did not see; empty when nothing
    changed. The one test of staleness (the report, the page's note and the API use it).

    A version 1 stamp is compared in version 1's shape, so a stamp made before routes were
    told apart does not go stale for the new shape alone; where one provider now has
    several routes of a model, which that shape could not record, the page is stale and
    the diff says why."""
    version = reviewed.get("version", 1)
    current = snapshot(pair, version=1 if version == 1 else SNAPSHOT_VERSION)
    if version == 1:
        blind = _v1_blind_spots(pair)
        if fingerprint(current) == reviewed_fingerprint and not blind:
            return []
        changes = diff(reviewed, current) + blind
    else:
        if fingerprint(current) == reviewed_fingerprint:
            return []
        changes = diff(reviewed, current)
    if not changes and fingerprint(current) != reviewed_fingerprint:
        changes = _leaf_changes(reviewed, current)
    return changes
