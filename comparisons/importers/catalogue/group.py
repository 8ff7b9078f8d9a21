"""Grouping catalogue rows into models: one model page per real model, its rows as routes.

Pure functions, no ORM. The rule, in order:

1. A row with `base_model` ("openai/gpt-oss-120b") belongs to that canonical model, unless
   its own id names a model made from that one (`-distill-`, `-abliterated`, fine-tuned,
   merged: "deepseek-r1-distill-qwen-32b" stays apart from DeepSeek-R1).
2. Otherwise its id is normalised to a key: the last path segment ("accounts/fireworks/
   models/gpt-oss-120b" -> "gpt-oss-120b"), lower case, without a cloud vendor prefix
   ("openai.gpt-oss-120b-1:0" -> "gpt-oss-120b"), with dots, underscores and spaces as
   dashes ("qwen3.5-4b" -> "qwen3-5-4b"). A size tag after a colon is part of the model
   ("qwen3:8b" -> "qwen3-8b").
3. Variants are routes, not models: a ":free", ":thinking", ":nitro"... suffix, and a
   "-fast", "-free", "-maas", "-high-throughput" or "-tee" suffix, or a "<provider>-" or
   "<lab>-" prefix, when what is left is a model the catalogue knows by itself (a
   canonical model or another row's key). A service tier ("-fast", "-free",
   "-high-throughput") also needs the same provider to list the plain model, and a key
   that heads a family of its own is a product: "grok-4-fast" stays a model because
   "grok-4-fast-reasoning" exists; "gpt-oss-120b-fast" on Nebius is a fast route of
   gpt-oss-120b. A lab's own API never lists variants: its ids are its products.
4. Dated snapshots ("gpt-4o-2024-05-13") stay separate models: their prices differ.

The lab comes from the canonical model, else the id's organisation prefix
("meta-llama/..."), else the provider when it is the lab's own API, else the model family.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.text import slugify

from comparisons.importers.catalogue.parse import CanonicalModel, Catalogue, CatalogueRow
from comparisons.importers.catalogue.vocabulary import LAB_ALIASES, lab_of_family, lab_of_prefix

COLON_VARIANTS = {
    "free", "thinking", "nitro", "exacto", "floor", "extended", "beta", "online", "web",
    "low", "medium", "high", "max", "minimal",
}  # fmt: skip
# Deployment labels: always a route of the model they name.
DASH_LABELS = (
    "maas", "tee", "nvfp4", "fp8", "fp4", "int4", "int8", "awq", "gptq", "bf16", "fp16",
    "4bit", "6bit", "8bit", "mlx", "gguf",
)  # fmt: skip
# What is left after a prefix must still name a model: not a bare version ("v3", "r1")
# nor a word without a number ("small", "auto").
GENERIC_WORD = re.compile(r"^[^\W\d_]+$")
BARE_VERSION = re.compile(r"^[a-z]{0,2}\d")
TOO_GENERIC = re.compile(r"^(?:[a-z]{0,2}\d|[^\d]*$)")
# Service tiers: a route variant only where the same provider also lists the plain model
# (Nebius's gpt-oss-120b and gpt-oss-120b-fast); elsewhere "-fast" can be a product of
# its own (xAI's Grok 4 Fast).
DASH_TIERS = ("high-throughput", "fast", "free")
# Words naming a model made from another one: a different model, never a route of it.
DERIVATIVE = re.compile(
    r"(?<![a-z0-9])(distill(?:ed)?|abliterated|uncensored|fine-?tuned?|finetune|merged?|lora)"
    r"(?![a-z0-9])"
)
SIZE_TAG = re.compile(r"^\d+(?:\.\d+)?[bkmt]$")
VENDOR_PREFIX = re.compile(r"^(?:[a-z]+\.)+(?=[a-z])")
VENDOR_VERSION = re.compile(r"-(?:v\d+|\d+):\d+$")


def normalise(model_id: str) -> tuple[str, str]:
    """A catalogue id -> (model key, route variant). Steps 2 and 3's colon rule above."""
    last = model_id.strip().lower().rsplit("/", 1)[-1]
    vendor = VENDOR_PREFIX.match(last)
    if vendor:
        rest = last[vendor.end() :]
        # "deepseek.v3-v1:0" names deepseek-v3, not a model called "v3".
        name = vendor.group(0).rstrip(".").rsplit(".", 1)[-1]
        last = f"{name}-{rest}" if BARE_VERSION.match(rest) else rest
    last = VENDOR_VERSION.sub("", last)
    variant = ""
    if ":" in last:
        base, suffix = last.rsplit(":", 1)
        if SIZE_TAG.match(suffix):
            last = f"{base}-{suffix}"
        elif suffix in COLON_VARIANTS or suffix.isdigit():
            last, variant = base, suffix
        else:
            last = f"{base}-{suffix}"
    last = re.sub(r"(\d)p(\d)", r"\1-\2", last)  # Fireworks writes 2.6 as "2p6"
    key = re.sub(r"[\W_]+", "-", last).strip("-")  # letters of any script are kept
    if not key:
        key = "model-" + hashlib.sha256(model_id.encode()).hexdigest()[:8]
    return key, variant


def derived_from(key: str, base_key: str) -> bool:
    """Whether `key` names a model made from `base_key`'s (distilled, fine-tuned, merged,
    abliterated...) rather than the model itself: "deepseek-r1-distill-qwen-32b" is not a
    route of DeepSeek-R1, whatever the catalogue's base_model says."""
    own = set(DERIVATIVE.findall(key))
    return bool(own - set(DERIVATIVE.findall(base_key)))


@dataclass(frozen=True)
class RouteRow:
    row: CatalogueRow
    variant: str = ""


@dataclass(frozen=True)
class CatalogueModel:
    key: str  # "gpt-oss-120b": also the slug of a new page
    title: str
    lab: str | None
    routes: tuple[RouteRow, ...]
    release_date: date | None = None
    knowledge: date | None = None
    context: int | None = None
    output_limit: int | None = None
    open_weights: bool | None = None
    capabilities: tuple[tuple[str, bool], ...] = ()
    canonical: str = ""  # "openai/gpt-oss-120b" where the catalogue names one

    @property
    def slug(self) -> str:
        return slugify(self.key, allow_unicode=True)[:100] or "model"

    @property
    def catalogue_key(self) -> str:
        """What a page is matched on at the next import: the normalised key alone, so it
        does not depend on the lab vote or the canonical file (truncated as stored)."""
        return self.key[:200]


def _dash_variant(
    key: str, known: set[str], canonical: set[str], same_provider: set[str]
) -> tuple[str, str]:
    if key in canonical:
        return key, ""
    for suffix in DASH_LABELS + DASH_TIERS:
        base = key[: -len(suffix) - 1]
        labelled = suffix in DASH_LABELS or base in same_provider
        if key.endswith(f"-{suffix}") and base in known and labelled:
            # "grok-4-fast" heads a family of its own ("grok-4-fast-reasoning"): a product.
            if any(other.startswith(f"{key}-") for other in known):
                return key, ""
            return base, suffix
    return key, ""


def _strip_prefix(key: str, prefixes: Iterable[str], known: set[str]) -> str:
    for prefix in prefixes:
        rest = key[len(prefix) + 1 :]
        if (
            prefix
            and key.startswith(f"{prefix}-")
            and rest in known
            and not TOO_GENERIC.match(rest)
        ):
            return rest
    return key


def _capabilities(rows: list[CatalogueRow]) -> tuple[tuple[str, bool], ...]:
    """A model supports what any of its routes exposes (a provider may switch a feature
    off; it cannot add one the model lacks)."""
    inputs = {m for r in rows for m in r.input_modalities}
    outputs = {m for r in rows for m in r.output_modalities}
    structured = [r.structured_output for r in rows if r.structured_output is not None]
    caps = {
        "vision": "image" in inputs,
        "multimodal": bool(inputs & {"image", "audio", "video", "pdf"}),
        "audio-input": "audio" in inputs,
        "video-input": "video" in inputs,
        "pdf-input": "pdf" in inputs,
        "file-attachments": any(r.attachment for r in rows),
        "image-output": "image" in outputs,
        "reasoning": any(r.reasoning for r in rows),
        "function-calling": any(r.tool_call for r in rows),
    }
    if structured:
        caps["structured-outputs"] = any(structured)
    return tuple(sorted(caps.items()))


def _clean_name(name: str) -> str:
    name = re.sub(r"^[^:]{1,40}:\s+", "", name.strip())  # "OpenAI: gpt-oss-120b"
    if "/" in name and " " not in name:  # "Qwen/Qwen3.5-4B"
        name = name.rsplit("/", 1)[-1]
    return re.sub(r"\s*\((?:free|thinking|fast|latest)\)$", "", name, flags=re.I).strip() or name


def _first(values: Iterable):
    return next((v for v in values if v is not None), None)


def group_rows(
    catalogue: Catalogue, canonical: dict[str, CanonicalModel] | None = None
) -> list[CatalogueModel]:
    """Every row of the catalogue, grouped into models (sorted by key, so runs are stable)."""
    canonical = canonical or {}
    canonical_by_key = {normalise(cid.split("/", 1)[1])[0]: cid for cid in canonical}
    first_pass: list[tuple[CatalogueRow, str, str, str]] = []  # row, key, variant, canonical
    for row in catalogue.rows:
        key, variant = normalise(row.model_id)
        cid = ""
        base_key = normalise(row.base_model.split("/", 1)[1])[0] if row.base_model else ""
        if base_key and not derived_from(key, base_key):
            cid, key = row.base_model, base_key
        first_pass.append((row, key, variant, cid))
    known = {key for _, key, _, _ in first_pass} | set(canonical_by_key)
    canonical_keys = set(canonical_by_key) | {k for _, k, _, cid in first_pass if cid}
    # Keys standing alone are a model unless they are a variant of another known one.
    singles = {key: sum(1 for _, k, _, _ in first_pass if k == key) for _, key, _, _ in first_pass}
    by_provider: dict[str, set[str]] = {}
    providers_of: dict[str, set[str]] = {}
    for row, key, _, _ in first_pass:
        by_provider.setdefault(row.provider_id, set()).add(key)
        providers_of.setdefault(key, set()).add(row.provider_id)
    prefixes = sorted({*catalogue.providers, *LAB_ALIASES}, key=len, reverse=True)
    groups: dict[str, list[RouteRow]] = {}
    group_canonical: dict[str, str] = {}
    for row, key, variant, cid in first_pass:
        if not cid:
            others = known - {key} if singles.get(key, 0) <= 1 else known
            key = _strip_prefix(key, prefixes, others)
            own_api = LAB_ALIASES.get(row.provider_id) is not None
            stripped, dash = (
                (key, "")
                if own_api  # a lab names its own products: never a variant
                else _dash_variant(key, others, canonical_keys, by_provider[row.provider_id])
            )
            key, variant = stripped, variant or dash
            cid = canonical_by_key.get(key, "")
        if not cid and GENERIC_WORD.match(key) and len(providers_of.get(key, ())) > 1:
            # "auto", "free", "balanced": each provider's own router, not one model.
            key = f"{row.provider_id}-{key}"
        groups.setdefault(key, []).append(RouteRow(row, variant))
        if cid:
            group_canonical.setdefault(key, cid)
    return [
        _model(key, routes, group_canonical.get(key, ""), canonical)
        for key, routes in sorted(groups.items())
    ]


def _model(
    key: str, routes: list[RouteRow], cid: str, canonical: dict[str, CanonicalModel]
) -> CatalogueModel:
    rows = [r.row for r in routes]
    votes: Counter[str] = Counter()
    if cid:
        votes[LAB_ALIASES.get(cid.split("/", 1)[0], cid.split("/", 1)[0])] += 5
    for row in rows:
        if lab := lab_of_prefix(row.model_id):
            votes[lab] += 2
        if lab := LAB_ALIASES.get(row.provider_id):
            votes[lab] += 2
        if lab := lab_of_family(row.family or key):
            votes[lab] += 1
    lab = min(votes, key=lambda k: (-votes[k], k)) if votes else None
    # The lab's own API speaks for the model first, then rows naming the canonical model.
    ordered = sorted(
        rows,
        key=lambda r: (
            LAB_ALIASES.get(r.provider_id) != lab,
            not r.base_model,
            r.provider_id,
            r.model_id,
        ),
    )
    canon = canonical.get(cid) if cid else None
    names = Counter(_clean_name(r.name) for r in rows)
    lab_rows = [r for r in rows if LAB_ALIASES.get(r.provider_id) == lab]
    title = (
        _clean_name(canon.name)
        if canon
        else _clean_name(lab_rows[0].name)
        if lab_rows
        else min(names, key=lambda n: (-names[n], n))
    )
    plausible = [r for r in ordered if r.release_date and r.release_date.year >= 2015]
    # Two rows of one provider keep their own ids (Bedrock's "openai.gpt-oss-120b" and
    # "openai.gpt-oss-120b-1:0"): a route's identity and label come from provider, id and
    # variant (comparisons.engine.routes), so the variant stays what the catalogue says.
    weights = Counter(r.open_weights for r in rows)
    return CatalogueModel(
        key=key,
        title=title[:255],
        lab=lab,
        routes=tuple(sorted(routes, key=lambda r: (r.row.provider_id, r.row.model_id))),
        release_date=(canon.release_date if canon else None)
        or _first(r.release_date for r in plausible),
        knowledge=(canon.knowledge if canon else None) or _first(r.knowledge for r in ordered),
        context=(canon.context if canon else None) or _first(r.context for r in ordered),
        output_limit=(canon.output_limit if canon else None)
        or _first(r.output_limit for r in ordered),
        # Most rows speak for the weights; a tie goes to the model's own source.
        open_weights=canon.open_weights
        if canon and canon.open_weights is not None
        else (
            weights[True] > weights[False]
            if weights[True] != weights[False]
            else ordered[0].open_weights
        ),
        capabilities=_capabilities(rows),
        canonical=cid,
    )


def price_outliers(model: CatalogueModel, *, share: float = 0.25, least: int = 4) -> list[str]:
    """Routes priced far below the model's other routes: often a typo or a unit slip in
    the catalogue, and such a route would become the model's cheapest. Reported, not
    changed: a real discount stays on the page."""
    notes = []
    for field, label in (("input_price", "input"), ("output_price", "output")):
        prices = sorted(
            getattr(r.row, field) for r in model.routes if (getattr(r.row, field) or 0) > 0
        )
        if len(prices) < least:
            continue
        median = prices[len(prices) // 2]
        for route in model.routes:
            value = getattr(route.row, field)
            if value and value < median * Decimal(str(share)):
                notes.append(
                    f"{route.row.key}: {label} price ${value.normalize():f} is under a quarter "
                    f"of the median ${median.normalize():f} across {len(prices)} routes: check it"
                )
    return notes
