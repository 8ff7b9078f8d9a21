"""The human-readable diff between two facts snapshots, and the one test of staleness.

A review is stale when the snapshot its stamp holds differs from the facts now; the diff
says what moved ("Input price (Vercel AI Gateway), GPT-5.1 Codex: $1.25 → $1.00"), each
fact labelled as readers see it. Pure functions over plain data.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from comparisons.engine import formatting as fmt
from comparisons.engine.values import PairFacts
from comparisons.review.facts_snapshot import (
    ROUTE_PRICES,
    ROUTE_TOKENS,
    SNAPSHOT_VERSION,
    fingerprint,
    snapshot,
)

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
            for field, label in ROUTE_PRICES[:3]:
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
        for field, label in ROUTE_PRICES:
            yield (
                f"{key}.{field}",
                Fact(f"{label} ({p}), {name}", _money(route[field]), _raw_money(route[field])),
            )
        for field, label in ROUTE_TOKENS:
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
    route: str = ""  # a route price's RouteKey text: what `dated` looks its change up by
    changed_on: date | None = None  # when the catalogue's price changed (price history)

    def __str__(self) -> str:
        when = f" (price changed on {self.changed_on.isoformat()})" if self.changed_on else ""
        return f"{self.label}: {self.before} → {self.after}{when}"


_PRICE_FIELDS = {f for f, _ in ROUTE_PRICES}


def _route_price(key: str) -> str:
    """ "a.route.<route key>.input_price" -> "<route key>"; "" for any other fact."""
    head, _, field = key.rpartition(".")
    side, _, rest = head.partition(".route.")
    return rest if rest and field in _PRICE_FIELDS and side in ("a", "b") else ""


def dated(changes: list[FactChange], changed_on: dict[str, date]) -> list[FactChange]:
    """The changes, each route price dated by when its catalogue price last changed."""
    return [
        replace(c, changed_on=changed_on[c.route]) if c.route in changed_on else c for c in changes
    ]


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
        changes.append(FactChange(label, old_shown, new_shown, route=_route_price(key)))
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
