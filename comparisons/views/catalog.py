"""The models index: one filterable, sortable, paginated table (query parameters only)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from comparisons import formatting as fmt
from comparisons.catalog import (
    OPENNESS,
    PAGE_SIZE,
    SORTS,
    catalog_queryset,
    parse_catalog_query,
    supported_capabilities,
)


def _initials(name: str) -> str:
    words = name.split()
    return "".join(w[0] for w in words[:3]).upper() if len(words) > 1 else name[:2]


def catalogue_row(model: Any, index_url: str, capabilities: list[Any]) -> SafeString:
    """One table row as HTML. The index shows 50 rows a page; building them here rather
    than in the template keeps a page of a 5,000-model catalogue as fast as the demo's."""
    icons = format_html_join(
        "",
        '<li title="{}"><span class="cap-icon" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></li>',
        ((c.name, _initials(c.name), c.name) for c in capabilities),
    ) or mark_safe('<li class="unknown">—</li>')
    lab = (
        format_html('<a href="/labs/{}/">{}</a>', model.lab.slug, model.lab.name)
        if model.lab
        else fmt.UNKNOWN
    )
    return format_html(
        '<tr><th scope="row"><a href="{}{}/">{}</a></th><td>{}</td><td>{}</td>'
        '<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td>'
        '<td class="num">{}</td><td>{}</td><td><ul class="cap-icons">{}</ul></td></tr>',
        index_url,
        model.slug,
        model.title,
        lab,
        fmt.iso_date(model.release_date),
        fmt.tokens(model.context_window),
        fmt.price(model.cheapest_input),
        fmt.price(model.cheapest_output),
        model.provider_count,
        model.licence.name if model.licence else fmt.UNKNOWN,
        icons,
    )


def catalog_context(request: HttpRequest) -> dict[str, Any]:
    from comparisons.models import Capability, DecisionTag, Lab, Licence, Provider

    query = parse_catalog_query(request.GET)
    # Only the columns the table shows: a page row of a Wagtail page carries many more.
    models = catalog_queryset(query).only(
        "title",
        "slug",
        "release_date",
        "context_window",
        "cheapest_input_price",
        "cheapest_output_price",
        "provider_count",
        "lab__name",
        "lab__slug",
        "licence__name",
    )
    paginator = Paginator(models, PAGE_SIZE)
    page = paginator.get_page(query.page)
    capabilities = list(Capability.objects.order_by("sort_order", "name"))
    supported = supported_capabilities([m.pk for m in page.object_list])
    index_url = request.path
    rows = [
        catalogue_row(model, index_url, [c for c in capabilities if c.slug in supported[model.pk]])
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
