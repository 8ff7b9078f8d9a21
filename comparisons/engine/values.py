"""The values every comparison is computed from: frozen dataclasses, no Django.

The facts loader (comparisons.facts) builds them from published pages and snippets; the
engine, templates and the API read only these, so the engine imports and runs without
Django and its rules are tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from comparisons.engine.lifecycle import lifecycle_label, lifecycle_notes
from comparisons.engine.routes import RouteKey, RouteName, route_labels, route_order


@dataclass(frozen=True)
class CapabilityFacts:
    slug: str
    name: str
    description: str = ""
    phrase: str = ""  # how it reads mid-sentence: "multimodal input"
    pk: int | None = None

    @property
    def reader_phrase(self) -> str:
        return self.phrase or self.name.lower()


@dataclass(frozen=True)
class TagFacts:
    slug: str
    name: str
    reason: str = ""  # how it reads as a reason: "coding workflow support"

    @property
    def reason_phrase(self) -> str:
        return self.reason or self.name.lower()


@dataclass(frozen=True)
class LicenceFacts:
    name: str
    openness: str  # one of Licence.Openness values
    openness_label: str
    commercial_use: str = ""
    osi_approved: bool | None = None

    @property
    def label(self) -> str:
        """ "Apache 2.0 (OSI-approved)": the name readers see in spec tables."""
        return f"{self.name} (OSI-approved)" if self.osi_approved else self.name


@dataclass(frozen=True)
class RouteFacts:
    provider_slug: str
    provider_name: str  # the provider's name alone; `label` tells its routes apart
    input_price: Decimal | None = None
    output_price: Decimal | None = None
    cached_input_price: Decimal | None = None
    cache_write_price: Decimal | None = None
    context_limit: int | None = None
    # Prompts longer than the threshold are billed at the long-context prices.
    long_context_threshold: int | None = None
    long_context_input_price: Decimal | None = None
    long_context_output_price: Decimal | None = None
    provider_model_id: str = ""
    source_url: str = ""
    checked_on: date | None = None
    variant: str = ""
    # What readers see: "Amazon Bedrock (Australia)"; set by `label_routes` from the model's
    # other routes (comparisons.engine.routes), the provider's name when built alone.
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.name.provider_name)

    @property
    def name(self) -> RouteName:
        return RouteName(
            self.provider_slug, self.provider_name, self.provider_model_id, self.variant
        )

    @property
    def key(self) -> RouteKey:
        """The route's identity: provider + the provider's model id + variant."""
        return self.name.key


@dataclass(frozen=True)
class ScoreFacts:
    benchmark_slug: str
    benchmark_name: str
    score: Decimal
    unit: str = ""
    higher_is_better: bool = True
    source_url: str = ""
    measured_on: date | None = None


@dataclass(frozen=True)
class ModelFacts:
    slug: str
    name: str
    page_id: int | None = None
    url: str = ""
    lab: str | None = None
    lab_slug: str | None = None
    release_date: date | None = None
    context_window: int | None = None
    max_output_tokens: int | None = None
    parameters_billions: Decimal | None = None
    parameters_detail: str = ""
    parameters_estimated: bool = False
    architecture: str | None = None
    licence: LicenceFacts | None = None
    knowledge_cutoff: date | None = None
    product_type: str | None = None
    best_for: str = ""
    tags: tuple[TagFacts, ...] = ()
    routes: tuple[RouteFacts, ...] = ()
    # capability slug -> True (yes) / False (no); a missing slug is "not sourced".
    capabilities: dict[str, bool] = field(default_factory=dict)
    scores: tuple[ScoreFacts, ...] = ()
    lifecycle: str = ""  # "", "alpha", "beta" or "deprecated"
    unlisted_since: date | None = None  # every route retired, the last on this day

    @property
    def lifecycle_notes(self) -> tuple[str, ...]:
        return lifecycle_notes(self.name, self.lifecycle, self.unlisted_since)

    @property
    def lifecycle_label(self) -> str:
        return lifecycle_label(self.lifecycle, self.unlisted_since)

    @property
    def current(self) -> bool:
        """Neither deprecated nor unlisted: what the index lists first."""
        return self.lifecycle != "deprecated" and self.unlisted_since is None

    def supports(self, capability_slug: str) -> bool | None:
        return self.capabilities.get(capability_slug)

    @property
    def tag_names(self) -> tuple[str, ...]:
        return tuple(tag.name for tag in self.tags)

    @property
    def release_year(self) -> int | None:
        return self.release_date.year if self.release_date else None


@dataclass(frozen=True)
class TrafficFacts:
    name: str
    monthly_input_tokens: int
    monthly_output_tokens: int
    slug: str = ""
    # A workload also says how many requests carry those tokens (so the prompt length that
    # long-context tiers depend on is known) and which share of prompt tokens is cached.
    requests: int | None = None
    cached_percent: Decimal = Decimal(0)


@dataclass(frozen=True)
class PairFacts:
    """Everything a comparison's sections are computed from."""

    a: ModelFacts
    b: ModelFacts
    capabilities: tuple[CapabilityFacts, ...]
    traffic: TrafficFacts | None = None

    @property
    def models(self) -> tuple[ModelFacts, ModelFacts]:
        return (self.a, self.b)


def provider_count(routes: Iterable[RouteFacts]) -> int:
    """ "N providers": distinct providers of a model's routes as readers see them (several
    routes on one provider count once; a provider never published counts not at all)."""
    return len({r.provider_slug for r in routes})


def label_routes(
    routes: Iterable[RouteFacts], positions: dict[int, int | None] | None = None
) -> tuple[RouteFacts, ...]:
    """Routes sorted by position (where given), then `route_order`; each labelled by what
    tells it apart from the model's other routes."""
    positions = positions or {}

    def order(r: RouteFacts) -> tuple:
        position = positions.get(id(r))
        return (position is None, position or 0, route_order(r.name))

    ordered = sorted(routes, key=order)
    labels = route_labels([r.name for r in ordered])
    return tuple(replace(r, label=label) for r, label in zip(ordered, labels, strict=True))
