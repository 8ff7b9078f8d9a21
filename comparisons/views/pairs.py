"""Resolving "A vs B" requests: editorial page, on-the-fly comparison, or a redirect.

One URL per unordered pair: an editorial page keeps the order it was published in; a pair
without one is generated at /compare/<x>-vs-<y>/ with the two slugs in alphabetical order,
and the other order redirects there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse

from comparisons.pairs import pair_slug, split_pair_slug


@dataclass(frozen=True)
class Resolution:
    kind: str  # "editorial", "on_the_fly", "same_model", "unknown"
    a: Any = None
    b: Any = None
    url: str = ""
    message: str = ""


def resolve_pair(first: str, second: str, index: Any) -> Resolution:
    from comparisons.models import ComparisonPage, ModelPage

    models = {m.slug: m for m in ModelPage.objects.live().filter(slug__in=[first, second])}
    missing = [slug for slug in dict.fromkeys((first, second)) if slug not in models]
    if missing:
        names = " and ".join(f"“{slug}”" for slug in missing)
        return Resolution(
            "unknown",
            message=f"There is no published model {names}. Browse the models index to find "
            "the slug, or pick two models below.",
        )
    a, b = models[first], models[second]
    if a.pk == b.pk:
        return Resolution("same_model", a=a, b=b)
    editorial = (
        ComparisonPage.objects.live()
        .servable()
        .filter(Q(model_a=a, model_b=b) | Q(model_a=b, model_b=a))
        .first()
    )
    if editorial is not None:
        return Resolution("editorial", a=a, b=b, url=editorial.url)
    x, y = sorted((a, b), key=lambda m: m.slug)
    return Resolution("on_the_fly", a=x, b=y, url=f"{index.url}{pair_slug(x.slug, y.slug)}/")


def resolve_pair_slug(slug: str, index: Any) -> Resolution:
    readings = split_pair_slug(slug)
    if not readings:
        return Resolution(
            "unknown",
            message="Comparison addresses look like /compare/<model>-vs-<model>/.",
        )
    first_answer = None
    for first, second in readings:
        resolution = resolve_pair(first, second, index)
        if resolution.kind != "unknown":
            return resolution
        first_answer = first_answer or resolution
    return first_answer


def serve_same_model(request: HttpRequest, index: Any, resolution: Resolution) -> HttpResponse:
    return TemplateResponse(
        request,
        "comparisons/same_model.html",
        {"page": index, "model": resolution.a, "self": index},
        status=400,
    )


def serve_on_the_fly(request: HttpRequest, index: Any, resolution: Resolution) -> HttpResponse:
    from comparisons.blocks import default_sections
    from comparisons.models import ComparisonPage

    a, b = resolution.a, resolution.b
    page = ComparisonPage(
        model_a=a, model_b=b, title=f"{a.title} vs {b.title}", slug=pair_slug(a.slug, b.slug)
    )
    page.sections = default_sections()
    context = page.get_context(request)
    context.update(on_the_fly=True, canonical_url=request.build_absolute_uri(resolution.url))
    return TemplateResponse(request, "comparisons/comparison_page.html", context)


def serve_pair_path(request: HttpRequest, index: Any, slug: str) -> HttpResponse:
    """/compare/<slug>/ when no editorial page has that slug."""
    resolution = resolve_pair_slug(slug, index)
    if resolution.kind == "unknown":
        raise Http404(resolution.message)
    if resolution.kind == "same_model":
        return serve_same_model(request, index, resolution)
    if not resolution.url.endswith(f"/{slug}/"):
        return HttpResponsePermanentRedirect(resolution.url)
    return serve_on_the_fly(request, index, resolution)


def serve_picker(request: HttpRequest, index: Any) -> HttpResponse | None:
    """/compare/?a=<slug>&b=<slug>: the picker's form, answered with a redirect."""
    from django.shortcuts import redirect

    a, b = (request.GET.get("a") or "").strip(), (request.GET.get("b") or "").strip()
    if not a or not b:
        return None  # the index shows the picker with a prompt
    resolution = resolve_pair(a, b, index)
    if resolution.kind == "unknown":
        raise Http404(resolution.message)
    if resolution.kind == "same_model":
        return serve_same_model(request, index, resolution)
    return redirect(resolution.url)
