"""The read-only endpoints. Published data only: live model pages, and comparison pages
that are live and servable (both models live). Every endpoint costs a fixed number of
queries whatever the amount of data: facts come from comparisons.facts, lists from
comparisons.model_filters' annotated queryset."""

from __future__ import annotations

from math import ceil
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.errors import HttpError

from comparisons.api import schemas, serialize
from comparisons.facts import (
    load_capabilities,
    load_model_facts,
    site_default_traffic,
)
from comparisons.model_filters import PAGE_SIZE, models_queryset, parse_models_query
from comparisons.models import (
    Capability,
    DecisionTag,
    Lab,
    ModelPage,
    Provider,
    ProviderRoute,
)
from comparisons.models.price_history import newest_snapshot_date, route_histories
from comparisons.models.visibility import published_q
from comparisons.picker import MAX_QUERY_LENGTH, normalise, search_models
from comparisons.views.directory import provider_routes

router = Router()

MAX_SUGGESTIONS = 25
ERRORS = {400: schemas.ErrorOut, 404: schemas.ErrorOut}


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
    facts = load_model_facts(list(ids.values()), request=request).get(ids.get(slug, -1))
    if facts is None:
        raise _no_model(slug)
    return serialize.model_detail(
        facts, load_capabilities(request), site_default_traffic(request=request)
    )


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


fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/{path:rest}",
    include_in_schema=False,
    response={404: schemas.ErrorOut},
)
def not_found(request: HttpRequest, rest: str):
    raise HttpError(404, f"No API endpoint at '{request.path}'. See /api/v1/docs.")
