"""Response shapes of the JSON API (/api/v1/), as Ninja schemas for validation and OpenAPI.

Prices, scores, parameter counts and money amounts are decimal *strings* ("0.039",
"76.2"): JSON numbers are binary floats in most clients, and a price such as 0.039 must
reach them exactly as it was sourced. Prices are USD per 1M tokens; monthly amounts are
USD. Unknown values are null, never 0 or false.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Schema

# A decimal number written as a string, without exponent or trailing zeros: "0.039", "14".
DecimalStr = Annotated[str, Field(pattern=r"^-?\d+(\.\d+)?$", examples=["0.039"])]


class ErrorOut(Schema):
    detail: str = Field(description="What was wrong, naming the parameter or slug.")


class LabOut(Schema):
    slug: str
    name: str


class LicenceOut(Schema):
    name: str
    openness: str = Field(description="open_source, open_weights or proprietary.")
    openness_label: str
    commercial_use: str | None = None
    osi_approved: bool | None = None


class TagOut(Schema):
    slug: str
    name: str


class LongContextOut(Schema):
    threshold: int = Field(description="Prompts longer than this many tokens cost these prices.")
    input_price: DecimalStr | None = Field(None, description="USD per 1M input tokens.")
    output_price: DecimalStr | None = Field(None, description="USD per 1M output tokens.")


ROUTE_KEY = Field(
    description="The route's identity: \"provider slug|provider's model id|variant\", "
    "normalised (lower case). Stable across requests and imports."
)
ROUTE_LABEL = Field(
    description="How readers see the route: the provider, and what tells it apart from the "
    'provider\'s other routes of the model, e.g. "Amazon Bedrock (Australia)".'
)


class RouteOut(Schema):
    key: str = ROUTE_KEY
    label: str = ROUTE_LABEL
    provider_slug: str
    provider_name: str
    provider_model_id: str
    variant: str
    input_price: DecimalStr | None = Field(None, description="USD per 1M input tokens.")
    output_price: DecimalStr | None = Field(None, description="USD per 1M output tokens.")
    cached_input_price: DecimalStr | None = Field(
        None, description="USD per 1M cached input tokens."
    )
    cache_write_price: DecimalStr | None = Field(
        None, description="USD per 1M tokens written to the prompt cache."
    )
    long_context: LongContextOut | None = Field(
        None, description="The higher prices for long prompts, where the route has a tier."
    )
    context_limit: int | None = None
    source_url: str
    checked_on: date | None = None
    publicly_priced: bool = Field(
        description="Both token prices known and above 0. A route listed at $0 (no public "
        "price, or a free tier) is never the cheapest route."
    )
    monthly_cost: DecimalStr | None = Field(
        None, description="USD a month at the traffic profile, when publicly priced."
    )


class CapabilityOut(Schema):
    slug: str
    name: str
    supported: bool | None = Field(description="true (yes), false (no) or null (not sourced).")


class ScoreOut(Schema):
    benchmark_slug: str
    benchmark_name: str
    score: DecimalStr
    unit: str
    higher_is_better: bool
    source_url: str
    measured_on: date | None = None


class TrafficOut(Schema):
    name: str
    slug: str
    monthly_input_tokens: int
    monthly_output_tokens: int
    requests: int | None = Field(
        None, description="Requests a month, when the traffic is a workload (null: totals only)."
    )
    cached_percent: DecimalStr = Field(
        description="Share of prompt tokens served from cache, 0 to 100."
    )
    source: Literal["site_default", "custom"] = Field(
        description="site_default: the site's traffic profile; custom: traffic given in the "
        "query (a workload, monthly totals or a cached share)."
    )


class CheapestRouteOut(Schema):
    key: str = ROUTE_KEY
    label: str = ROUTE_LABEL
    provider_slug: str
    provider_name: str
    input_price: DecimalStr
    output_price: DecimalStr
    monthly_cost: DecimalStr | None = Field(None, description="USD a month at the traffic profile.")
    monthly_cost_display: str | None = Field(None, description='As readers see it: "$76.20".')


class LifecycleOut(Schema):
    status: str = Field(description="current, alpha, beta or deprecated (as the catalogue says).")
    no_longer_listed_since: date | None = Field(
        None, description="Set when every provider route is retired: the last one's date."
    )
    label: str = Field(description='As readers see it: "Deprecated", "Current".')
    notes: list[str] = Field(description='Sentences such as "GPT-4 Vision Preview is deprecated."')


class ModelSummaryOut(Schema):
    slug: str
    name: str
    url: str
    lab: LabOut | None = None
    release_date: date | None = None
    context_window: int | None = None
    cheapest_route: str | None = Field(
        None,
        description="The label of the model's cheapest route: the publicly priced route with "
        "the lowest monthly bill at the site's traffic profile (as on the models index).",
    )
    cheapest_input: DecimalStr | None = Field(
        None, description="Input price of the cheapest route (USD / 1M tokens)."
    )
    cheapest_output: DecimalStr | None = Field(
        None, description="Output price of the cheapest route (USD / 1M tokens)."
    )
    provider_count: int
    licence: str | None = None
    openness: str | None = None
    lifecycle: LifecycleOut


class SuggestionOut(Schema):
    slug: str
    title: str
    lab: LabOut | None = None


class SuggestOut(Schema):
    query: str = Field(description="The text searched for, with spaces collapsed.")
    results: list[SuggestionOut] = Field(
        description="Published models whose title or slug contains every word of the "
        "query, best match first."
    )
    more: bool = Field(description="More models match than the limit let through.")


class ModelListOut(Schema):
    count: int = Field(description="Models matching the filters, over all pages.")
    page: int
    pages: int
    page_size: int
    results: list[ModelSummaryOut]
    errors: list[str] = Field(
        default_factory=list,
        description="Notes on filter values that match nothing known (the results are empty).",
    )


class ModelDetailOut(Schema):
    slug: str
    name: str
    url: str
    lab: LabOut | None = None
    release_date: date | None = None
    knowledge_cutoff: str | None = Field(None, description="Year and month: YYYY-MM.")
    context_window: int | None = None
    max_output_tokens: int | None = None
    parameters_billions: DecimalStr | None = None
    parameters_detail: str
    parameters_estimated: bool
    architecture: str | None = None
    product_type: str | None = None
    best_for: str
    licence: LicenceOut | None = None
    tags: list[TagOut]
    routes: list[RouteOut]
    capabilities: list[CapabilityOut]
    lifecycle: LifecycleOut
    benchmark_scores: list[ScoreOut]
    traffic: TrafficOut | None = Field(
        None, description="The traffic profile monthly costs and the cheapest route use."
    )
    cheapest_route: CheapestRouteOut | None = Field(
        None,
        description="The publicly priced route with the lowest monthly bill at the traffic "
        "profile; null when no route has both token prices.",
    )


class ProviderOut(Schema):
    slug: str
    name: str
    kind: str | None = Field(None, description="lab_api, cloud, gateway or inference.")
    kind_label: str | None = None
    website: str
    docs_url: str
    model_count: int = Field(description="Published models this provider serves.")


class ProviderModelOut(Schema):
    slug: str
    name: str
    url: str
    key: str = ROUTE_KEY
    label: str = ROUTE_LABEL
    provider_model_id: str
    variant: str
    input_price: DecimalStr | None = None
    output_price: DecimalStr | None = None
    cached_input_price: DecimalStr | None = None
    context_limit: int | None = None
    source_url: str
    checked_on: date | None = None


class ProviderDetailOut(ProviderOut):
    description: str
    models: list[ProviderModelOut]


class CostRouteOut(Schema):
    key: str = ROUTE_KEY
    label: str = ROUTE_LABEL
    provider_slug: str
    provider_name: str
    input_price: DecimalStr
    output_price: DecimalStr


class MonthlyCostOut(Schema):
    model: str = Field(description="The model's slug.")
    amount: DecimalStr | None = Field(None, description="USD a month; null when unavailable.")
    display: str | None = Field(None, description='As readers see it: "$76.20".')
    route: CostRouteOut | None = None
    reason: str | None = Field(None, description="Why there is no amount.")


class CostComparisonOut(Schema):
    a: MonthlyCostOut
    b: MonthlyCostOut
    delta: DecimalStr | None = Field(None, description="B minus A in USD; null unless both known.")
    cheaper: str | None = Field(None, description="Slug of the cheaper model, if they differ.")
    delta_sentence: str


class CapabilityRowOut(Schema):
    slug: str
    name: str
    a: bool | None
    b: bool | None


class TradeoffsOut(Schema):
    a: list[str] = Field(description='"Choose A when..." points.')
    b: list[str] = Field(description='"Choose B when..." points.')


class FrictionOut(Schema):
    a_to_b: list[str] = Field(description="Moving traffic from A to B.")
    b_to_a: list[str] = Field(description="Moving traffic from B to A.")


class ScorecardRowOut(Schema):
    """Cells as readers see them ("$0.18/1M tokens", "131K"); null where not sourced."""

    label: str
    a: str | None
    b: str | None


class BenchmarkRowOut(Schema):
    benchmark_slug: str
    benchmark_name: str
    higher_is_better: bool
    a: ScoreOut
    b: ScoreOut
    higher: str | None = Field(
        None, description="The slug of the model with the better score; null for a tie."
    )


class OneSidedScoreOut(Schema):
    model: str = Field(description="The slug of the only model with a sourced score.")
    score: ScoreOut


class EditorialOut(Schema):
    title: str
    url: str
    last_reviewed: date | None = Field(None, description="Date of the latest review stamp.")
    stale: bool = Field(
        description="The facts the page shows changed since that review (false when never "
        "reviewed)."
    )


class CompareOut(Schema):
    a: ModelDetailOut
    b: ModelDetailOut
    traffic: TrafficOut | None = None
    monthly_cost: CostComparisonOut | None = Field(
        None, description="null only when no traffic profile is set and none was given."
    )
    capabilities: list[CapabilityRowOut]
    tradeoffs: TradeoffsOut
    switch_friction: FrictionOut
    scorecard: list[ScorecardRowOut]
    shared_benchmarks: list[BenchmarkRowOut] = Field(
        description="Benchmarks both models have a sourced score for, each with its source."
    )
    one_sided_benchmarks: list[OneSidedScoreOut] = Field(
        description="Scores only one model has: not a comparison, never a loss for the other."
    )
    editorial: EditorialOut | None = Field(
        None, description="The published comparison page for this pair (either order)."
    )


class PriceStepOut(Schema):
    first_seen: date = Field(description="Date of the first snapshot listing these prices.")
    last_seen: date = Field(description="Date of the latest snapshot still listing them.")
    input_price: DecimalStr | None = Field(None, description="USD per 1M input tokens.")
    output_price: DecimalStr | None = Field(None, description="USD per 1M output tokens.")
    cached_input_price: DecimalStr | None = Field(
        None, description="USD per 1M cached input tokens."
    )
    source_snapshot: str = Field(description="The snapshot file the step was first seen in.")


class RouteHistoryOut(Schema):
    key: str = ROUTE_KEY
    label: str = ROUTE_LABEL
    provider_slug: str
    provider_model_id: str
    variant: str
    listed: bool = Field(description="Whether the newest snapshot still lists the route.")
    steps: list[PriceStepOut] = Field(description="Oldest first; a new step per price change.")


class PriceHistoryOut(Schema):
    slug: str
    newest_snapshot: date | None = Field(None, description="The newest snapshot recorded.")
    routes: list[RouteHistoryOut]
