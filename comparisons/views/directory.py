"""Provider and lab pages: who serves which models, and each lab's models."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from comparisons.engine.routes import RouteKey, route_qualifiers
from comparisons.facts import route_facts
from comparisons.model_filters import models_queryset, parse_models_query
from comparisons.models import Lab, Provider, ProviderRoute
from comparisons.models.visibility import published_q


def _live_routes() -> Q:
    return published_q("routes__page__") & Q(routes__retired_on__isnull=True)


def provider_index(request: HttpRequest) -> HttpResponse:
    providers = (
        Provider.objects.filter(live=True)
        .annotate(model_count=Count("routes__page", filter=_live_routes(), distinct=True))
        .order_by(Lower("name"))
    )
    return render(request, "comparisons/directory/provider_index.html", {"providers": providers})


def provider_detail(request: HttpRequest, slug: str) -> HttpResponse:
    provider = get_object_or_404(Provider, slug=slug, live=True)
    routes = provider_routes(
        ProviderRoute.objects.filter(
            published_q("page__"), provider=provider, retired_on__isnull=True
        )
        .select_related("page", "page__lab", "provider")
        .order_by(Lower("page__title"), "page_id")
    )
    return render(
        request,
        "comparisons/directory/provider_detail.html",
        {
            "provider": provider,
            "routes": routes,
            "meta_description": f"Models served by {provider.name} and their prices per 1M tokens.",
        },
    )


def provider_routes(routes: Iterable[Any]) -> list[Any]:
    """One provider's routes, each with `.facts` (labelled as on its model's page), ordered
    by model and then as the model page lists them: a model served several ways (regions,
    tiers) shows rows that say which is which."""
    by_page: dict[int, list[Any]] = {}
    for route in routes:
        by_page.setdefault(route.page_id, []).append(route)
    ordered = []
    for page_routes in by_page.values():
        facts = route_facts(page_routes)
        qualifiers = dict(zip(facts, route_qualifiers([f.name for f in facts]), strict=True))
        by_key = {f.key: f for f in facts}
        for route in page_routes:
            route.facts = by_key[
                RouteKey.of(route.provider.slug, route.provider_model_id, route.variant)
            ]
            route.qualifier = qualifiers[route.facts]
        ordered += sorted(page_routes, key=lambda r: facts.index(r.facts))
    return ordered


def lab_index(request: HttpRequest) -> HttpResponse:
    labs = (
        Lab.objects.filter(live=True)
        .annotate(model_count=Count("models", filter=published_q("models__"), distinct=True))
        .order_by(Lower("name"))
    )
    return render(request, "comparisons/directory/lab_index.html", {"labs": labs})


def lab_detail(request: HttpRequest, slug: str) -> HttpResponse:
    lab = get_object_or_404(Lab, slug=slug, live=True)
    models = models_queryset(parse_models_query({"lab": lab.slug, "sort": "-released"}))
    return render(
        request,
        "comparisons/directory/lab_detail.html",
        {
            "lab": lab,
            "models": models,
            "meta_description": f"Models by {lab.name}: specs, prices and providers.",
        },
    )
