"""Reading a models.dev catalogue file (the public api.json shape) into checked values.

Pure: bytes in, frozen dataclasses out, no ORM. Every problem is collected with the
record and field it belongs to, so one run lists all of them; any problem stops the
import before a single row is written. Decoding and the field readers are in `checker`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from comparisons.importers.catalogue.checker import CatalogueError, Checker, decode, describe

MAX_PROVIDERS = 10_000
MAX_ROWS = 500_000
EARLIEST_PLAUSIBLE = date(2015, 1, 1)

MODALITIES = {"text", "audio", "image", "video", "pdf"}
STATUSES = {"alpha", "beta", "deprecated"}
PROVIDER_FIELDS = {"id", "env", "npm", "api", "name", "doc", "models"}
MODEL_REQUIRED = {
    "id", "name", "attachment", "reasoning", "tool_call", "release_date", "last_updated",
    "modalities", "open_weights", "limit",
}  # fmt: skip
MODEL_OPTIONAL = {
    "cost", "temperature", "family", "reasoning_options", "knowledge", "structured_output",
    "interleaved", "provider", "status", "experimental", "base_model",
}  # fmt: skip
COST_FIELDS = {
    "input", "output", "cache_read", "cache_write", "reasoning", "input_audio",
    "output_audio", "tiers", "context_over_200k",
}  # fmt: skip
LIMIT_FIELDS = {"context", "output", "input"}
BASE_MODEL_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._:/-]*$")


@dataclass(frozen=True)
class CatalogueProvider:
    id: str
    name: str
    doc: str = ""
    api: str = ""


@dataclass(frozen=True)
class PriceTier:
    threshold: int
    input_price: Decimal | None
    output_price: Decimal | None


@dataclass(frozen=True)
class CatalogueRow:
    """One provider-model entry: a way to call a model, with what the provider says of it."""

    provider_id: str
    model_id: str
    name: str
    release_date: date | None
    last_updated: date | None
    attachment: bool
    reasoning: bool
    tool_call: bool
    open_weights: bool
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]
    context: int | None
    output_limit: int | None
    family: str = ""
    base_model: str = ""
    knowledge: date | None = None
    structured_output: bool | None = None
    input_price: Decimal | None = None
    output_price: Decimal | None = None
    cache_read_price: Decimal | None = None
    cache_write_price: Decimal | None = None
    tier: PriceTier | None = None
    status: str = ""

    @property
    def key(self) -> str:
        """The route's identity across imports (truncated as stored)."""
        return f"{self.provider_id}/{self.model_id}"[:300]


@dataclass
class Catalogue:
    providers: dict[str, CatalogueProvider]
    rows: list[CatalogueRow]
    # (subject, message): suspicious values that were imported anyway (or left unknown).
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def newest_update(self) -> date | None:
        dates = [r.last_updated for r in self.rows if r.last_updated]
        return max(dates) if dates else None


@dataclass(frozen=True)
class CanonicalModel:
    """What models.dev's provider-agnostic file says of a model (optional input)."""

    lab: str
    name: str
    release_date: date | None = None
    knowledge: date | None = None
    context: int | None = None
    output_limit: int | None = None
    open_weights: bool | None = None


def _modalities(check: Checker, obj: dict, where: str) -> tuple[tuple[str, ...], ...]:
    mods = check.mapping(obj.get("modalities"), f"{where}.modalities")
    if mods is None:
        return (), ()
    check.unknown_fields(mods, {"input", "output"}, f"{where}.modalities")
    out = []
    for side in ("input", "output"):
        values = mods.get(side)
        path = f"{where}.modalities.{side}"
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            check.fail(path, "must be a list of modality names")
            out.append(())
            continue
        unknown = sorted(set(values) - MODALITIES)
        if unknown:
            check.fail(path, f"unknown modality {', '.join(unknown)}")
        out.append(tuple(v for v in values if v in MODALITIES))
    return out[0], out[1]


def _cost(check: Checker, obj: dict, where: str) -> dict[str, Any]:
    if "cost" not in obj:
        return {}
    cost = check.mapping(obj["cost"], f"{where}.cost")
    if cost is None:
        return {}
    path = f"{where}.cost"
    check.unknown_fields(cost, COST_FIELDS, path)
    out: dict[str, Any] = {
        "input_price": check.price(cost, "input", path, required=True),
        "output_price": check.price(cost, "output", path, required=True),
        "cache_read_price": check.price(cost, "cache_read", path),
        "cache_write_price": check.price(cost, "cache_write", path),
    }
    for extra in ("reasoning", "input_audio", "output_audio"):
        check.price(cost, extra, path)
    tiers = cost.get("tiers")
    if tiers is not None:
        if not isinstance(tiers, list):
            check.fail(f"{path}.tiers", f"must be a list, got {describe(tiers)}")
        else:
            for i, tier in enumerate(tiers):
                tier_path = f"{path}.tiers[{i}]"
                entry = check.mapping(tier, tier_path)
                spec = check.mapping(entry.get("tier"), f"{tier_path}.tier") if entry else None
                if not entry or not spec:
                    continue
                check.unknown_fields(spec, {"type", "size"}, f"{tier_path}.tier")
                check.kind_of(spec, "type", f"{tier_path}.tier", (str,), "text")
                size = check.tokens(spec, "size", f"{tier_path}.tier")
                prices = (
                    check.price(entry, "input", tier_path),
                    check.price(entry, "output", tier_path),
                )
                # The first context tier is the long-context price readers need to know.
                if spec.get("type", "context") == "context" and size and "tier" not in out:
                    out["tier"] = PriceTier(size, *prices)
    over = cost.get("context_over_200k")
    if over is not None and check.mapping(over, f"{path}.context_over_200k") is not None:
        prices = (
            check.price(over, "input", f"{path}.context_over_200k"),
            check.price(over, "output", f"{path}.context_over_200k"),
        )
        out.setdefault("tier", PriceTier(200_000, *prices))
    return out


def _row(check: Checker, provider_id: str, key: str, obj: Any) -> CatalogueRow | None:
    where = f"{provider_id}/{key}"
    record = check.mapping(obj, where)
    if record is None:
        return None
    before = len(check.problems)
    for name in sorted(MODEL_REQUIRED - set(record)):
        check.fail(f"{where}.{name}", "missing (required)")
    check.unknown_fields(record, MODEL_REQUIRED | MODEL_OPTIONAL, where)
    model_id = check.text(record, "id", where, limit=200)
    if model_id and model_id != key:
        check.fail(f"{where}.id", f"{model_id!r} does not match its key {key!r}")
    base_model = check.text(record, "base_model", where, required=False, limit=200)
    if base_model and not BASE_MODEL_RE.match(base_model):
        check.fail(f"{where}.base_model", f"{base_model!r} is not a <lab>/<model> id")
    status = check.text(record, "status", where, required=False)
    if status and status not in STATUSES:
        check.fail(f"{where}.status", f"{status!r} is not one of {', '.join(sorted(STATUSES))}")
    limit = check.mapping(record.get("limit"), f"{where}.limit") if "limit" in record else None
    if limit is not None:
        check.unknown_fields(limit, LIMIT_FIELDS, f"{where}.limit")
    inputs, outputs = _modalities(check, record, where) if "modalities" in record else ((), ())
    values = {
        "name": check.text(record, "name", where, limit=255),
        "input_modalities": inputs,
        "output_modalities": outputs,
        "release_date": check.day(record, "release_date", where),
        "last_updated": check.day(record, "last_updated", where),
        "knowledge": check.day(record, "knowledge", where, required=False),
        "attachment": check.flag(record, "attachment", where),
        "reasoning": check.flag(record, "reasoning", where),
        "tool_call": check.flag(record, "tool_call", where),
        "open_weights": check.flag(record, "open_weights", where),
        "structured_output": check.flag(record, "structured_output", where, required=False),
        "family": check.text(record, "family", where, required=False, limit=100),
        "context": check.tokens(limit, "context", f"{where}.limit") if limit else None,
        "output_limit": check.tokens(limit, "output", f"{where}.limit") if limit else None,
        **_cost(check, record, where),
    }
    check.kind_of(record, "reasoning_options", where, (list,), "a list")
    check.kind_of(record, "provider", where, (dict,), "an object")
    check.kind_of(record, "experimental", where, (dict,), "an object")
    check.kind_of(record, "temperature", where, (bool,), "true or false")
    check.kind_of(record, "interleaved", where, (bool, dict), "true or an object")
    if len(check.problems) > before:
        return None
    released = values["release_date"]
    if released and released < EARLIEST_PLAUSIBLE:
        check.warnings.append((where, f"release date {released} looks like a placeholder"))
    for name in ("input_price", "output_price"):
        if values.get(name) == 0:
            label = name.replace("_", " ")
            check.warnings.append(
                (where, f"{label} listed as 0: shown as listed at $0, never the cheapest route")
            )
    return CatalogueRow(
        provider_id=provider_id, model_id=model_id, base_model=base_model, status=status, **values
    )


def parse_catalogue(raw: bytes, *, source: str = "the file") -> Catalogue:
    """Decode and check a whole catalogue file; raise CatalogueError listing every problem."""
    data = decode(raw, source=source)
    check = Checker()
    if not isinstance(data, dict):
        raise CatalogueError([f"{source}: must be an object of providers, got {describe(data)}"])
    check.duplicates(data, source)
    if len(data) > MAX_PROVIDERS:
        check.fail(source, f"{len(data):,} providers is more than the limit of {MAX_PROVIDERS:,}")
    providers: dict[str, CatalogueProvider] = {}
    rows: list[CatalogueRow] = []
    count = 0
    for provider_id, pobj in data.items():
        where = provider_id
        record = check.mapping(pobj, where)
        if record is None:
            continue
        check.unknown_fields(record, PROVIDER_FIELDS, where)
        pid = check.text(record, "id", where, limit=100)
        if pid and pid != provider_id:
            check.fail(f"{where}.id", f"{pid!r} does not match its key {provider_id!r}")
        env = record.get("env")
        if env is not None and not (isinstance(env, list) and all(isinstance(e, str) for e in env)):
            check.fail(f"{where}.env", "must be a list of environment variable names")
        check.kind_of(record, "npm", where, (str,), "text")
        providers[provider_id] = CatalogueProvider(
            id=provider_id,
            name=check.text(record, "name", where, limit=120),
            doc=check.url(record, "doc", where),
            # `api` may be a template ("https://${HOST}/v1"); it is kept as text, never a link.
            api=check.text(record, "api", where, required=False, limit=300),
        )
        models = check.mapping(record.get("models"), f"{where}.models")
        if models is None:
            continue
        count += len(models)
        if count > MAX_ROWS:
            check.fail(source, f"more than {MAX_ROWS:,} provider-model entries")
            break
        for key, mobj in models.items():
            row = _row(check, provider_id, key, mobj)
            if row is not None:
                rows.append(row)
    if not check.problems and not rows:
        check.fail(source, "has no provider-model entries: nothing to import")
    if check.problems:
        raise CatalogueError(check.problems)
    return Catalogue(providers=providers, rows=rows, warnings=check.warnings)


CANONICAL_FIELDS = {
    "id", "name", "family", "attachment", "reasoning", "tool_call", "structured_output",
    "temperature", "knowledge", "release_date", "last_updated", "modalities", "open_weights",
    "limit", "license", "links", "weights", "benchmarks", "reasoning_options", "interleaved",
    "cost", "status",
}  # fmt: skip


def parse_canonical(raw: bytes, *, source: str = "the canonical file") -> dict[str, Any]:
    """models.dev's provider-agnostic models ({"<lab>/<id>": {...}}) -> CanonicalModel
    values, checked like the catalogue itself."""
    data = decode(raw, source=source)
    if not isinstance(data, dict):
        raise CatalogueError([f"{source}: must be an object of models, got {describe(data)}"])
    check = Checker()
    check.duplicates(data, source)
    out: dict[str, CanonicalModel] = {}
    for cid, obj in data.items():
        where = f"{source}: {cid}"
        record = check.mapping(obj, where)
        if record is None:
            continue
        if not BASE_MODEL_RE.match(cid):
            check.fail(where, "key is not a <lab>/<model> id")
            continue
        check.unknown_fields(record, CANONICAL_FIELDS, where)
        limit = check.mapping(record.get("limit", {}), f"{where}.limit") or {}
        out[cid] = CanonicalModel(
            lab=cid.split("/", 1)[0],
            name=check.text(record, "name", where),
            release_date=check.day(record, "release_date", where, required=False),
            knowledge=check.day(record, "knowledge", where, required=False),
            context=check.tokens(limit, "context", f"{where}.limit", required=False),
            output_limit=check.tokens(limit, "output", f"{where}.limit", required=False),
            open_weights=check.flag(record, "open_weights", where, required=False),
        )
    if check.problems:
        raise CatalogueError(check.problems)
    return out
