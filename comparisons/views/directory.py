"""Provider and lab pages: who serves which models, and each lab's models."""

from __future__ import annotations

from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from comparisons.catalog import catalog_queryset, parse_catalog_query
from comparisons.facts import published_q


def _live_routes() -> Q:
    return published_q("routes__page__") & Q(routes__retired_on__isnull=True)


def provider_index(request: HttpRequest) -> HttpResponse:
    from comparisons.models import Provider

    providers = (
        Provider.objects.filter(live=True)
        .annotate(model_count=Count("routes__page", filter=_live_routes(), distinct=True))
        .order_by(Lower("name"))
    )
    return render(request, "comparisons/directory/provider_index.html", {"providers": providers})


def provider_detail(request: HttpRequest, slug: str) -> HttpResponse:
    from comparisons.models import Provider, ProviderRoute

    provider = get_object_or_404(Provider, slug=slug, live=True)
    routes = (
        ProviderRoute.objects.filter(
            published_q("page__"), provider=provider, retired_on__isnull=True
        )
        .select_related("page", "page__lab")
        .order_by(Lower("page__title"))
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


def lab_index(request: HttpRequest) -> HttpResponse:
    from comparisons.models import Lab

    labs = (
        Lab.objects.filter(live=True)
        .annotate(model_count=Count("models", filter=published_q("models__"), distinct=True))
        .order_by(Lower("name"))
    )
    return render(request, "comparisons/directory/lab_index.html", {"labs": labs})


def lab_detail(request: HttpRequest, slug: str) -> HttpResponse:
    from comparisons.models import Lab

    lab = get_object_or_404(Lab, slug=slug, live=True)
    models = catalog_queryset(parse_catalog_query({"lab": lab.slug, "sort": "-released"}))
    return render(
        request,
        "comparisons/directory/lab_detail.html",
        {
            "lab": lab,
            "models": models,
            "meta_description": f"Models by {lab.name}: specs, prices and providers.",
        },
    )
