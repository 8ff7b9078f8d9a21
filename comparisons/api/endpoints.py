"""The read-only endpoints. Published data only: live model pages, and comparison pages
that are live and servable (both models live). Every endpoint costs a fixed number of
queries whatever the amount of data: facts come from comparisons.facts, lists from
comparisons.model_filters' annotated queryset."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from math import ceil
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.errors import HttpError

from comparisons.api import schemas, serialize
from comparisons.calculator import MAX_REQUESTS, MAX_TOKENS_PER_REQUEST, workload_traffic
from comparisons.engine.pricing import compare_costs
from comparisons.engine.values import PairFacts, TrafficFacts
from comparisons.facts import (
    load_capabilities,
    load_model_facts,
    load_pairs,
    site_default_traffic,
)
from comparisons.model_filters import PAGE_SIZE, models_queryset, parse_models_query
from comparisons.models import (
    Capability,
    ComparisonPage,
    DecisionTag,
    Lab,
    ModelPage,
    Provider,
    ProviderRoute,
)
from comparisons.models.price_history import newest_snapshot_date, route_histories
from comparisons.models.visibility import published_q
from comparisons.picker import MAX_QUERY_LENGTH, normalise, search_models
from comparisons.review.facts_diff import changes_since_review
from comparisons.views.directory import provider_routes

router = Router()

MAX_TOKENS = 10**15
WORKLOAD_PARAMS = ("requests", "avg_prompt_tokens", "avg_output_tokens")
MAX_SUGGESTIONS = 25
ERRORS = {400: schemas.ErrorOut, 404: schemas.ErrorOut}


def requested_traffic(
    request: HttpRequest,
    input_tokens: int | None,
    output_tokens: int | None,
    workload: tuple[int | None, int | None, int | None] = (None, None, None),
    cached_percent: Decimal | None = None,
) -> tuple[TrafficFacts | None, TrafficFacts | None, bool]:
    """(site default, traffic to use, whether it is custom). The traffic is a workload
    (requests, avg_prompt_tokens and avg_output_tokens, all three) or monthly totals; a
    token count left out of the totals keeps the site profile's value (0 without a site
    profile); cached_percent applies to either, or alone to the site profile."""
    default = site_default_traffic(request=request)
    cached = cached_percent if cached_percent is not None else Decimal(0)
    given = [
        name for name, value in zip(WORKLOAD_PARAMS, workload, strict=True) if value is not None
    ]
    if given:
        if input_tokens is not None or output_tokens is not None:
            raise HttpError(
                400,
                "Give either a workload (requests, avg_prompt_tokens, avg_output_tokens) or "
                "monthly totals (input_tokens, output_tokens), not both.",
            )
        missing = [name for name in WORKLOAD_PARAMS if name not in given]
        if missing:
            raise HttpError(400, f"A workload needs {', '.join(missing)} as well.")
        requests, prompt, output = workload
        assert requests is not None and prompt is not None and output is not None  # noqa: S101
        if not prompt and not output:
            raise HttpError(
                400,
                "avg_prompt_tokens and avg_output_tokens cannot both be 0: every model would "
                "cost $0.",
            )
        custom = workload_traffic(requests, prompt, output, cached, name="Custom workload")
        return default, custom, True
    if input_tokens is None and output_tokens is None:
        if cached_percent is None or default is None:
            return default, default, False
        return default, replace(default, cached_percent=cached, slug="custom"), True
    if input_tokens is None:
        input_tokens = default.monthly_input_tokens if default else 0
    if output_tokens is None:
        output_tokens = default.monthly_output_tokens if default else 0
    if not input_tokens and not output_tokens:
        raise HttpError(
            400,
            "input_tokens and output_tokens cannot both be 0: every model would cost $0.",
        )
    custom = TrafficFacts(
        name="Custom traffic",
        slug="",
        monthly_input_tokens=input_tokens,
        monthly_output_tokens=output_tokens,
        cached_percent=cached,
    )
    return default, custom, True


def _no_model(slug: str) -> HttpError:
    return HttpError(404, f"No published model with slug '{slug}'.")


def published_model_ids(slugs: list[str]) -> dict[str, int]:
    """Slug -> page id of the live model pages among `slugs` (one query)."""
    published = ModelPage.objects.filter(published_q(), slug__in=slugs)
    return dict(published.values_list("slug", "pk"))


# --- models --------------------------------------------------------------------------------


def _unknown_filters(query: Any) -> list[str]:
    """A filter value that names no lab, provider, capability or tag matches nothing; say
    so rather than answer with a silent empty list. (At most one query per filter given.)"""
    checks = (
        ("lab", query.lab, Lab),
        ("provider", query.provider, Provider),
        ("capability", query.capability, Capability),
        ("tag", query.tag, DecisionTag),
    )
    return [
        f"Unknown {param} '{value}': no {param} has that slug."
        for param, value, model in checks
        if value and not model.objects.filter(slug=value).exists()
    ]


@router.get(
    "/models",
    response={200: schemas.ModelListOut, **ERRORS},
    summary="List published models",
    tags=["models"],
)
def list_models(
    request: HttpRequest,
    lab: str = Query("", description="Lab slug, e.g. openai."),
    provider: str = Query("", description="Provider slug: models with a route there."),
    capability: str = Query("", description="Capability slug: models sourced as supporting it."),
    openness: str = Query("", description="open_source, open_weights or proprietary."),
    tag: str = Query("", description="Decision tag slug, e.g. coding."),
    lifecycle: str = Query(
        "",
        description="current, preview (alpha or beta), deprecated or unlisted (no longer "
        "listed by any provider). Deprecated and unlisted models sort after current ones.",
    ),
    sort: str = Query(
        "name",
        description="name, lab, released, context, input, output, providers or licence; "
        'prefix "-" for descending. Models without the value sort last either way.',
    ),
    page: int = Query(1, ge=1, le=100_000, description=f"Page of {PAGE_SIZE} results."),
):
    """The models index's filters and sorts. Prices are the lowest above 0 over each model's
    routes, in USD per 1M tokens, as decimal strings."""
    query = parse_models_query(
        {
            "lab": lab,
            "provider": provider,
            "capability": capability,
            "openness": openness,
            "tag": tag,
            "lifecycle": lifecycle,
            "sort": sort,
            "page": str(page),
        }
    )
    if query.errors:
        raise HttpError(400, " ".join(query.errors))
    models = models_queryset(query)
    count = models.count()
    pages = max(1, ceil(count / PAGE_SIZE))
    if query.page > pages:
        raise HttpError(
            400, f"Query parameter 'page' is {query.page}, past the last page ({pages})."
        )
    start = (query.page - 1) * PAGE_SIZE
    return {
        "count": count,
        "page": query.page,
        "pages": pages,
        "page_size": PAGE_SIZE,
        "results": [
            serialize.model_summary(m, m.get_url(request) or "")
            for m in models[start : start + PAGE_SIZE]
        ],
        "errors": _unknown_filters(query),
    }


@router.get(
    "/models/suggest",
    response={200: schemas.SuggestOut, **ERRORS},
    summary="Suggest published models by name",
    tags=["models"],
    url_name="suggest_models",
)
def suggest_models(
    request: HttpRequest,
    q: str = Query(
        ...,
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        description="Part of a model's name or slug, e.g. 'gpt 5'. Every word must match.",
    ),
    limit: int = Query(10, ge=1, le=MAX_SUGGESTIONS, description="How many models at most."),
):
    """The type-ahead of the "compare any two models" picker: published models whose title
    or slug contains every word of `q` (ignoring case). Exact slug or title first, then
    names starting with `q`, then names where it starts a word, then the rest (see
    comparisons.picker.rank_by_name)."""
    text = normalise(q)
    if not text:
        raise HttpError(400, "Query parameter 'q' is blank: give part of a model's name or slug.")
    results, more = search_models(text, limit)
    return {
        "query": text,
        "results": [
            {
                "slug": c.slug,
                "title": c.title,
                "lab": {"slug": c.lab_slug, "name": c.lab_name} if c.lab_slug else None,
            }
            for c in results
        ],
        "more": more,
    }


@router.get(
    "/models/{slug}",
    response={200: schemas.ModelDetailOut, **ERRORS},
    summary="One published model",
    tags=["models"],
)
def get_model(request: HttpRequest, slug: str = Path(..., description="The model's slug.")):
    """Routes with prices (USD per 1M tokens, decimal strings), every capability
    (supported true/false/null), benchmark scores, tags, licence, and the cheapest route
    at the site's default traffic profile."""
    ids = published_model_ids([slug])
    facts = load_model_facts(list(ids.values())).get(ids.get(slug, -1))
    if facts is None:
        raise _no_model(slug)
    return serialize.model_detail(facts, load_capabilities(), site_default_traffic(request=request))


@router.get(
    "/models/{slug}/price-history",
    response={200: schemas.PriceHistoryOut, **ERRORS},
    summary="Price history of a published model's routes",
    tags=["models"],
)
def get_price_history(request: HttpRequest, slug: str = Path(..., description="The model's slug.")):
    """Every route's price steps as catalogue snapshots listed them, oldest first: a new
    step when a price changes, each with the date it was first and last seen and the
    snapshot it came from. Routes no longer listed keep their history (`listed` false)."""
    page = ModelPage.objects.filter(published_q(), slug=slug).only("catalogue_key").first()
    if page is None:
        raise _no_model(slug)
    histories = route_histories([page.catalogue_key]).get(page.catalogue_key, [])
    newest = newest_snapshot_date() if histories else None
    return {
        "slug": slug,
        "newest_snapshot": newest,
        "routes": [serialize.route_history(h, newest) for h in histories],
    }


# --- providers -----------------------------------------------------------------------------


def _providers():
    return (
        Provider.objects.filter(live=True)
        .annotate(
            model_count=Count(
                "routes__page",
                filter=published_q("routes__page__") & Q(routes__retired_on__isnull=True),
                distinct=True,
            )
        )
        .order_by(Lower("name"), "pk")
    )


@router.get(
    "/providers",
    response={200: list[schemas.ProviderOut]},
    summary="List providers",
    tags=["providers"],
)
def list_providers(request: HttpRequest):
    """Every provider, with the number of published models it serves."""
    return [serialize.provider(p, p.model_count) for p in _providers()]


@router.get(
    "/providers/{slug}",
    response={200: schemas.ProviderDetailOut, **ERRORS},
    summary="One provider and the published models it serves",
    tags=["providers"],
)
def get_provider(request: HttpRequest, slug: str = Path(..., description="The provider's slug.")):
    """The published models served by this provider, with the prices on this route."""
    found = _providers().filter(slug=slug).first()
    if found is None:
        raise HttpError(404, f"No provider with slug '{slug}'.")
    routes = provider_routes(
        ProviderRoute.objects.filter(published_q("page__"), provider=found, retired_on__isnull=True)
        .select_related("page", "provider")
        .order_by(Lower("page__title"), "page_id")
    )
    return {
        **serialize.provider(found, found.model_count),
        "description": found.description,
        "models": [
            {
                "slug": route.page.slug,
                "name": route.page.title,
                "url": route.page.get_url(request) or "",
                "key": str(route.facts.key),
                "label": route.facts.label,
                "provider_model_id": route.provider_model_id,
                "variant": route.variant,
                "input_price": serialize.decimal(route.input_price),
                "output_price": serialize.decimal(route.output_price),
                "cached_input_price": serialize.decimal(route.cached_input_price),
                "context_limit": route.context_limit,
                "source_url": route.source_url,
                "checked_on": route.checked_on,
            }
            for route in routes
        ],
    }


# --- comparisons ---------------------------------------------------------------------------


def editorial(a_id: int, b_id: int, default: TrafficFacts | None) -> dict[str, Any] | None:
    """The published comparison page for the pair (either order): its latest review date,
    and whether the facts it shows moved on since that review."""
    page = (
        ComparisonPage.objects.live()
        .servable()
        .filter(Q(model_a_id=a_id, model_b_id=b_id) | Q(model_a_id=b_id, model_b_id=a_id))
        .first()
    )
    if page is None:
        return None
    stamp = page.review_stamps.order_by("-reviewed_on", "-created_at").first()
    # The pair as the page presents it (its own traffic profile and capability rows).
    pair = load_pairs([page], default).get(page.pk)
    return {
        "title": page.title,
        "url": page.url or "",
        "last_reviewed": stamp.reviewed_on if stamp else None,
        "stale": bool(
            stamp and pair and changes_since_review(stamp.facts, stamp.fingerprint, pair)
        ),
    }


@router.get(
    "/compare/{a}/{b}",
    response={200: schemas.CompareOut, **ERRORS},
    summary="Compare two published models",
    tags=["compare"],
)
def compare(
    request: HttpRequest,
    a: str = Path(..., description="Slug of model A."),
    b: str = Path(..., description="Slug of model B."),
    input_tokens: int | None = Query(
        None,
        ge=0,
        le=MAX_TOKENS,
        description="Monthly input tokens, overriding the site's traffic profile.",
    ),
    output_tokens: int | None = Query(
        None,
        ge=0,
        le=MAX_TOKENS,
        description="Monthly output tokens, overriding the site's traffic profile.",
    ),
    requests: int | None = Query(
        None,
        ge=1,
        le=MAX_REQUESTS,
        description="Requests a month: with avg_prompt_tokens and avg_output_tokens, a "
        "workload instead of monthly totals (the prompt length decides long-context prices).",
    ),
    avg_prompt_tokens: int | None = Query(
        None, ge=0, le=MAX_TOKENS_PER_REQUEST, description="Average prompt tokens a request."
    ),
    avg_output_tokens: int | None = Query(
        None, ge=0, le=MAX_TOKENS_PER_REQUEST, description="Average output tokens a request."
    ),
    # Decimal is immutable too, though B008 knows only the built-in types as such.
    cached_percent: Decimal | None = Query(  # noqa: B008
        None,
        ge=0,
        le=100,
        allow_inf_nan=False,
        description="Share of prompt tokens served from cache, 0 to 100 (billed at the route's "
        "cache-read price, or its input price where it has none).",
    ),
):
    """Both models' facts and the comparison engine's sections as data: monthly cost at the
    traffic profile (delta = B minus A), capability rows, tradeoffs, switch friction and
    scorecard; plus the editorial comparison page for the pair, if one is published."""
    if a == b:
        raise HttpError(400, "A model cannot be compared with itself.")
    default, traffic, custom = requested_traffic(
        request,
        input_tokens,
        output_tokens,
        (requests, avg_prompt_tokens, avg_output_tokens),
        cached_percent,
    )
    ids = published_model_ids([a, b])
    missing = [slug for slug in (a, b) if slug not in ids]
    if missing:
        raise _no_model(missing[0])
    facts = load_model_facts([ids[a], ids[b]])
    if ids[a] not in facts or ids[b] not in facts:  # unpublished in between
        raise _no_model(a if ids[a] not in facts else b)
    pair = PairFacts(
        a=facts[ids[a]], b=facts[ids[b]], capabilities=load_capabilities(), traffic=traffic
    )
    cost = (
        compare_costs(pair.a.name, pair.a.routes, pair.b.name, pair.b.routes, traffic)
        if traffic
        else None
    )
    return {
        "a": serialize.model_detail(pair.a, pair.capabilities, traffic, custom_traffic=custom),
        "b": serialize.model_detail(pair.b, pair.capabilities, traffic, custom_traffic=custom),
        "traffic": serialize.traffic(traffic, custom=custom),
        "monthly_cost": serialize.cost_comparison(cost, pair) if cost else None,
        **serialize.sections(pair),
        "editorial": editorial(ids[a], ids[b], default),
    }


# --- anything else under /api/v1/ ----------------------------------------------------------

fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/{path:rest}",
    include_in_schema=False,
    response={404: schemas.ErrorOut},
)
def not_found(request: HttpRequest, rest: str):
    raise HttpError(404, f"No API endpoint at '{request.path}'. See /api/v1/docs.")
