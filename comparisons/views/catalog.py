"""The models index: one filterable, sortable, paginated table (query parameters only)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.http import urlencode

from comparisons.catalog import (
    OPENNESS,
    PAGE_SIZE,
    SORTS,
    catalog_queryset,
    parse_catalog_query,
    supported_capabilities,
)


def catalog_context(request: HttpRequest) -> dict[str, Any]:
    from comparisons.models import Capability, DecisionTag, Lab, Licence, Provider

    query = parse_catalog_query(request.GET)
    paginator = Paginator(catalog_queryset(query), PAGE_SIZE)
    page = paginator.get_page(query.page)
    capabilities = list(Capability.objects.order_by("sort_order", "name"))
    supported = supported_capabilities([m.pk for m in page.object_list])
    rows = [
        {"model": model, "capabilities": [c for c in capabilities if c.slug in supported[model.pk]]}
        for model in page.object_list
    ]

    def link(**changes: Any) -> str:
        return "?" + urlencode(query.params(**changes))

    columns = []
    for key, (label, _) in SORTS.items():
        active = query.sort == key
        next_sort = f"-{key}" if active and not query.descending else key
        columns.append(
            {
                "key": key,
                "label": label,
                "url": link(sort=next_sort, page=1),
                "aria_sort": ("descending" if query.descending else "ascending")
                if active
                else None,
            }
        )
    return {
        "query": query,
        "rows": rows,
        "page_obj": page,
        "columns": columns,
        "capabilities": capabilities,
        "filters": {
            "lab": Lab.objects.order_by("name"),
            "provider": Provider.objects.order_by("name"),
            "capability": capabilities,
            "tag": DecisionTag.objects.order_by("sort_order", "name"),
            "openness": [
                (value, label) for value, label in Licence.Openness.choices if value in OPENNESS
            ],
        },
        "filtering": any((query.lab, query.provider, query.capability, query.openness, query.tag)),
        "prev_url": link(page=page.previous_page_number()) if page.has_previous() else "",
        "next_url": link(page=page.next_page_number()) if page.has_next() else "",
    }
