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

from comparisons.blocks import default_sections
from comparisons.models import ComparisonPage, ModelPage
from comparisons.models.visibility import published_q
from comparisons.pair_slugs import pair_slug, split_pair_slug
from comparisons.picker import Choice, resolve_choices


@dataclass(frozen=True)
class Resolution:
    kind: str  # "editorial", "on_the_fly", "same_model", "unknown"
    a: Any = None
    b: Any = None
    url: str = ""
    message: str = ""


def resolve_pair(first: str, second: str, index: Any) -> Resolution:
    models = {m.slug: m for m in ModelPage.objects.filter(published_q(), slug__in=[first, second])}
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
    """/compare/?a=…&b=…: the picker's form. Each side is a model's slug or title (or, from
    the type-ahead, `a_slug`/`b_slug`); two exact matches redirect to the pair's page.
    Otherwise a page lists the models a name search finds, each a link that completes the
    comparison: 200 when every side has candidates, 404 when one matches nothing."""
    from django.shortcuts import redirect

    get = request.GET
    texts = ((get.get("a") or "").strip(), (get.get("b") or "").strip())
    slugs = ((get.get("a_slug") or "").strip(), (get.get("b_slug") or "").strip())
    if not (texts[0] or slugs[0]) or not (texts[1] or slugs[1]):
        return None  # the index shows the picker with a prompt
    first, second = resolve_choices(texts, slugs)
    if first.model and second.model:
        resolution = resolve_pair(first.model.slug, second.model.slug, index)
        if resolution.kind == "unknown":  # unpublished in between
            raise Http404(resolution.message)
        if resolution.kind == "same_model":
            return serve_same_model(request, index, resolution)
        return redirect(resolution.url)
    return serve_choose_models(request, index, first, second)


def _without(choice: Choice, other: Choice) -> Choice:
    """Leave the model already chosen on the other side out of this side's candidates,
    unless it is the only one."""
    from dataclasses import replace

    if not (other.model and choice.candidates):
        return choice
    rest = tuple(c for c in choice.candidates if c.slug != other.model.slug)
    return replace(choice, candidates=rest) if rest else choice


def _choice_url(index: Any, key: str, slug: str, other: Choice) -> str:
    """The picker's URL with `slug` on side `key` ("a" or "b") and the other side kept."""
    from urllib.parse import urlencode

    query = {"a": slug, "b": other.value} if key == "a" else {"a": other.value, "b": slug}
    return f"{index.url}?{urlencode(query)}"


def serve_choose_models(
    request: HttpRequest, index: Any, first: Choice, second: Choice
) -> HttpResponse:
    """The page between the picker and a comparison: which models did the reader mean?"""
    first, second = _without(first, second), _without(second, first)
    sides = []
    for key, label, choice, other in (
        ("a", "First model", first, second),
        ("b", "Second model", second, first),
    ):
        links = [(c, _choice_url(index, key, c.slug, other)) for c in choice.candidates]
        sides.append({"key": key, "label": label, "choice": choice, "links": links})
    unmatched = (c.text for c in (first, second) if not c.model and not c.candidates)
    missing = list(dict.fromkeys(unmatched))
    message = ""
    if missing:
        names = " and ".join(f"“{text}”" for text in missing)
        pronoun = "them" if len(missing) > 1 else "it"
        message = (
            f"There is no published model {names}, and no published model's name or slug "
            f"contains {pronoun}. Browse the models index to find the slug, or pick two "
            "models below."
        )
    return TemplateResponse(
        request,
        "comparisons/choose_models.html",
        {
            "page": index,
            "self": index,
            "sides": sides,
            "first": first,
            "second": second,
            "message": message,
        },
        status=404 if missing else 200,
    )
