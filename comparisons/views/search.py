"""Site search (Wagtail's search backend): models, comparisons, providers and labs."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.search.backends import get_search_backend

from comparisons.models import ComparisonPage, Lab, ModelPage, Provider
from comparisons.models.visibility import published_q

MAX_QUERY = 200
PER_KIND = 20


def _find(backend: Any, query: str, source: Any) -> list[Any]:
    """Full-text matches first, then prefix matches ("qwe" finds Qwen3.5-4B). One more
    than is shown is fetched, so the page can say when there are more."""
    found: dict[int, Any] = {}
    for method in (backend.search, backend.autocomplete):
        for obj in method(query, source)[: PER_KIND + 1]:
            found.setdefault(obj.pk, obj)
    return list(found.values())[: PER_KIND + 1]


def search(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    # Punctuation means nothing to a model-name search and trips SQLite's FTS syntax.
    terms = " ".join(re.sub(r"[^\w.\-]+", " ", query).split())
    results: dict[str, list[Any]] = {}
    if terms:
        backend = get_search_backend()
        results = {
            # The search backend filters on indexed fields only, so "published" (no view
            # restriction) and "both models published" are applied as sets of page ids.
            "Models": _find(
                backend,
                terms,
                ModelPage.objects.live().filter(
                    pk__in=list(
                        ModelPage.objects.filter(published_q()).values_list("pk", flat=True)
                    )
                ),
            ),
            "Comparisons": _find(
                backend,
                terms,
                ComparisonPage.objects.live().filter(
                    pk__in=list(
                        ComparisonPage.objects.live().servable().values_list("pk", flat=True)
                    )
                ),
            ),
            # Reference data created as a draft is absent for readers until review publishes it.
            "Providers": _find(backend, terms, Provider.objects.filter(live=True)),
            "Labs": _find(backend, terms, Lab.objects.filter(live=True)),
        }
    more = {kind for kind, items in results.items() if len(items) > PER_KIND}
    shown = {kind: items[:PER_KIND] for kind, items in results.items()}
    total = sum(len(items) for items in shown.values())
    return render(
        request,
        "comparisons/search.html",
        {"query": query, "results": shown, "more": more, "total": total, "per_kind": PER_KIND},
    )
