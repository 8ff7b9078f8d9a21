"""Which route is which: the identity of a provider route and the label readers see.

A model may be served several ways by one provider: regions (Amazon Bedrock's
`us.anthropic.…` and `eu.anthropic.…`), tiers (`:free`, `-fast`), deployments (NanoGPT's
`TEE/…`). A route is identified by its provider, the provider's model id and its
variant; everything that tells routes apart (form validation, the importer, the facts
loader, review snapshots and their diffs, the API, the price chart) uses `RouteKey`, and
everything that names a route uses `route_labels`. Pure: no Django import.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass


def _norm(text: str) -> str:
    # Providers' ids are matched without regard to case or surrounding spaces: "openai/GPT-4o"
    # and "openai/gpt-4o " on one provider are one route.
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, order=True)
class RouteKey:
    """provider slug + the provider's model id + variant, normalised for comparison."""

    provider: str
    model_id: str = ""
    variant: str = ""

    @classmethod
    def of(cls, provider: str, model_id: str = "", variant: str = "") -> RouteKey:
        return cls(provider.strip().casefold(), _norm(model_id), _norm(variant))

    def __str__(self) -> str:
        """A stable text form, used as the route's key in review snapshots and the API."""
        return "|".join((self.provider, self.model_id, self.variant))


@dataclass(frozen=True)
class RouteName:
    """What a label is made from: the provider's display name and the route's raw identity."""

    provider: str  # the provider's slug (groups routes of one provider)
    provider_name: str
    model_id: str = ""
    variant: str = ""

    @property
    def key(self) -> RouteKey:
        return RouteKey.of(self.provider, self.model_id, self.variant)


# Cross-region inference prefixes (Amazon Bedrock, Google Vertex): "us.anthropic.claude-…".
REGIONS = {
    "us": "US",
    "eu": "EU",
    "jp": "Japan",
    "au": "Australia",
    "apac": "APAC",
    "ca": "Canada",
    "uk": "UK",
    "global": "global",
    "us-gov": "US GovCloud",
}
_REGION = re.compile(
    r"^(" + "|".join(sorted(map(re.escape, REGIONS), key=len, reverse=True)) + r")\."
)
# Words that name a deployment or tier wherever they stand in an id ("TEE/glm-5").
MARKERS = {"tee": "TEE", "free": "free", "fast": "fast", "batch": "batch", "turbo": "turbo"}
VARIANT_WORDS = {"tee": "TEE", "maas": "MaaS"}


def _region(model_id: str) -> str:
    last = model_id.strip().rsplit("/", 1)[-1].lower()
    match = _REGION.match(last)
    return REGIONS[match.group(1)] if match else ""


def _variant_word(variant: str) -> str:
    text = variant.strip()
    return VARIANT_WORDS.get(text.lower(), text)


def _path_marker(model_id: str) -> str:
    """A deployment marker as a path segment of its own: "TEE/gpt-oss-120b" -> "TEE"."""
    segments = model_id.strip().split("/")[:-1]
    for segment in segments:
        word = MARKERS.get(segment.lower())
        if word:
            return word
    return ""


def _token_spans(model_id: str) -> list[tuple[str, int, int]]:
    return [
        (m.group(0).casefold(), m.start(), m.end())
        for m in re.finditer(r"[^/.:_\-\s]+", model_id.strip())
    ]


def _distinguishing_part(model_id: str, others: Sequence[str]) -> str:
    """The shortest stretch of `model_id` that its look-alikes lack: "Pro" of
    "Pro/deepseek-ai/DeepSeek-R1" beside "deepseek-ai/DeepSeek-R1". Empty when every token
    of the id is shared."""
    shared = set.intersection(*({t for t, _, _ in _token_spans(o)} for o in others))
    spans = [(start, end) for token, start, end in _token_spans(model_id) if token not in shared]
    if not spans:
        return ""
    # The original spelling, from the first to the last token the others lack; a bare
    # number ("1:0") says nothing on its own, so the whole id is named instead.
    part = model_id.strip()[spans[0][0] : spans[-1][1]]
    return part if any(ch.isalpha() for ch in part) else model_id.strip()


def route_qualifiers(routes: Sequence[RouteName]) -> list[str]:
    """For each route, what tells it apart from the other routes of the same provider in
    `routes` ("" when nothing needs saying): its region, deployment marker and variant,
    then, where those still leave two routes alike, the shortest distinguishing part of
    the id, and last the whole id. Never a clipped id."""
    result = [""] * len(routes)
    by_provider: dict[str, list[int]] = defaultdict(list)
    for index, route in enumerate(routes):
        by_provider[route.provider].append(index)
    for indexes in by_provider.values():
        if len(indexes) == 1:
            only = routes[indexes[0]]
            result[indexes[0]] = _variant_word(only.variant)
            continue
        parts: dict[int, list[str]] = {}
        for i in indexes:
            route = routes[i]
            words = [_region(route.model_id), _path_marker(route.model_id)]
            variant = _variant_word(route.variant)
            if variant and variant.lower() not in {w.lower() for w in words}:
                words.append(variant)
            parts[i] = [w for w in words if w]
        for group in _alike(indexes, parts):
            ids = {i: routes[i].model_id for i in group}
            for i in group:
                extra = _distinguishing_part(ids[i], [ids[j] for j in group if j != i])
                if extra:
                    parts[i].append(extra)
        for group in _alike(indexes, parts):
            # Still alike: the provider's whole model id says it (it is unique with the
            # variant, which is already in the parts).
            for i in group:
                parts[i] = [w for w in parts[i] if w.lower() != routes[i].model_id.lower()]
                parts[i].append(routes[i].model_id.strip() or "no model id")
        for i in indexes:
            result[i] = ", ".join(parts[i])
    return result


def _alike(indexes: list[int], parts: dict[int, list[str]]) -> list[list[int]]:
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in indexes:
        groups[tuple(p.lower() for p in parts[i])].append(i)
    return [g for g in groups.values() if len(g) > 1]


def route_labels(routes: Sequence[RouteName]) -> list[str]:
    """ "Amazon Bedrock (Australia)", "NanoGPT (TEE)", "OpenRouter (free)", "Helicone"."""
    return [
        f"{route.provider_name} ({qualifier})" if qualifier else route.provider_name
        for route, qualifier in zip(routes, route_qualifiers(routes), strict=True)
    ]


def route_order(route: RouteName) -> tuple[str, str, str, str]:
    """The order routes are listed in everywhere: by provider name, then identity. It
    depends on nothing but the routes themselves (not on rows' order in a database)."""
    key = route.key
    return (route.provider_name.casefold(), key.provider, key.model_id, key.variant)


def duplicates(keys: Sequence[RouteKey | None]) -> list[int]:
    """Positions of keys that repeat an earlier one (None is never a duplicate)."""
    seen: set[RouteKey] = set()
    repeated = []
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in seen:
            repeated.append(index)
        seen.add(key)
    return repeated
