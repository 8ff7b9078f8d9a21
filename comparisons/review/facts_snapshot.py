"""Serialised facts, their fingerprint, and the human-readable diff between two snapshots.

A review stamp stores the snapshot a reviewer approved; staleness is a different
fingerprint now, and the diff says what moved ("Input price (Vercel AI Gateway),
GPT-5.1 Codex: $1.25 → $1.00"). Pure functions over plain data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from comparisons import formatting as fmt
from comparisons.facts import ModelFacts, PairFacts

SNAPSHOT_VERSION = 1


def _model_snapshot(m: ModelFacts) -> dict[str, Any]:
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
        "routes": {
            r.provider_slug: {
                "provider": r.provider_name,
                "input_price": r.input_price,
                "output_price": r.output_price,
                "cached_input_price": r.cached_input_price,
                "context_limit": r.context_limit,
            }
            for r in m.routes
        },
        "capabilities": dict(sorted(m.capabilities.items())),
        "scores": {
            s.benchmark_slug: {"name": s.benchmark_name, "score": s.score} for s in m.scores
        },
    }


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


def snapshot(pair: PairFacts) -> dict[str, Any]:
    """Everything a comparison's generated sections depend on, as JSON-ready data."""
    return _jsonable(
        {
            "version": SNAPSHOT_VERSION,
            "a": _model_snapshot(pair.a),
            "b": _model_snapshot(pair.b),
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


def _money(value: str | None) -> str:
    """Prices in a diff always show cents, so "$1.25 → $1.00" reads as a change of price."""
    if value is None:
        return fmt.UNKNOWN
    text = fmt.price(Decimal(value))
    return text if "." in text else f"{text}.00"


def _flatten_model(m: dict[str, Any], capability_names: dict[str, str]) -> dict[str, str]:
    name = m["name"]
    out = {
        f"Name, {m['slug']}": name,
        f"Lab, {name}": m["lab"] or fmt.UNKNOWN,
        f"Release date, {name}": m["release_date"] or fmt.UNKNOWN,
        f"Context window, {name}": fmt.tokens(m["context_window"]),
        f"Max output, {name}": fmt.tokens(m["max_output_tokens"]),
        f"Parameters, {name}": m["parameters"] or fmt.UNKNOWN,
        f"Architecture, {name}": m["architecture"] or fmt.UNKNOWN,
        f"Licence, {name}": m["licence"] or fmt.UNKNOWN,
        f"Openness, {name}": m["openness"] or fmt.UNKNOWN,
        f"Commercial use, {name}": m["commercial_use"] or fmt.UNKNOWN,
        f"Knowledge cutoff, {name}": m["knowledge_cutoff"] or fmt.UNKNOWN,
        f"Product type, {name}": m["product_type"] or fmt.UNKNOWN,
        f"Best for, {name}": m["best_for"] or fmt.UNKNOWN,
        f"Decision tags, {name}": fmt.join_list(m["tags"]) or fmt.UNKNOWN,
    }
    for route in m["routes"].values():
        p = route["provider"]
        out[f"Route ({p}), {name}"] = "tracked"
        out[f"Input price ({p}), {name}"] = _money(route["input_price"])
        out[f"Output price ({p}), {name}"] = _money(route["output_price"])
        out[f"Cached input price ({p}), {name}"] = _money(route["cached_input_price"])
        out[f"Context limit ({p}), {name}"] = fmt.tokens(route["context_limit"])
    for slug, cap_name in capability_names.items():
        out[f"{cap_name}, {name}"] = _SUPPORT[m["capabilities"].get(slug)]
    for score in m["scores"].values():
        out[f"{score['name']} score, {name}"] = score["score"]
    return out


def flatten(data: dict[str, Any]) -> dict[str, str]:
    """{"Input price (OpenRouter), gpt-oss-120b": "$0.039", ...}"""
    capability_names = data.get("capabilities", {})
    out: dict[str, str] = {}
    for side in ("a", "b"):
        out.update(_flatten_model(data[side], capability_names))
    traffic = data.get("traffic")
    out["Traffic profile"] = (
        f"{traffic['name']} ({fmt.token_volume(traffic['input'])} input, "
        f"{fmt.token_volume(traffic['output'])} output)"
        if traffic
        else fmt.UNKNOWN
    )
    return out


@dataclass(frozen=True)
class FactChange:
    label: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.label}: {self.before} → {self.after}"


def diff(reviewed: dict[str, Any], current: dict[str, Any]) -> list[FactChange]:
    """What changed between the reviewed snapshot and now, in a stable order."""
    before, after = flatten(reviewed), flatten(current)
    changes = []
    for label in list(before) + [k for k in after if k not in before]:
        old = before.get(label, fmt.UNKNOWN)
        new = after.get(label, fmt.UNKNOWN)
        if old != new:
            if label.startswith("Route ("):
                old = "tracked" if label in before else "not tracked"
                new = "tracked" if label in after else "not tracked"
            changes.append(FactChange(label, old, new))
    return changes
