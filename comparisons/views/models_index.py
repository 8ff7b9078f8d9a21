"""The models index: one filterable, sortable, paginated table (query parameters only)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from comparisons.content_generation import catalogue_version
from comparisons.engine import formatting as fmt
from comparisons.engine.lifecycle import lifecycle_label
from comparisons.facts import site_default_traffic
from comparisons.model_filters import (
    LIFECYCLES,
    OPENNESS,
    PAGE_SIZE,
    SORTS,
    models_queryset,
    parse_models_query,
    supported_capabilities,
)
from comparisons.models import Capability, DecisionTag, Lab, Licence, Provider


def _initials(name: str) -> str:
    words = name.split()
    return "".join(w[0] for w in words[:3]).upper() if len(words) > 1 else name[:2]


def catalogue_row(model: dict[str, Any], index_url: str, capabilities: list[Any]) -> SafeString:
    """One table row as HTML. The index shows 50 rows a page; building them here from plain
    values (every value escaped) keeps a page of a 5,000-model catalogue about as fast as
    the demo's six."""
    icons = (
        "".join(
            f'<li title="{escape(c.name)}"><span class="cap-icon" aria-hidden="true">'
            f"{escape(_initials(c.name))}</span>"
            f'<span class="visually-hidden">{escape(c.name)}</span></li>'
            for c in capabilities
        )
        or '<li class="unknown">—</li>'
    )
    lab = (
        f'<a href="{escape(reverse("comparisons:lab_detail", args=[model["lab__slug"]]))}">'
        f"{escape(model['lab__name'])}</a>"
        if model["lab__slug"]
        else fmt.UNKNOWN
    )
    past = model["lifecycle"] or model["unlisted_since"]
    badge = (
        f' <span class="lifecycle-badge lifecycle-{escape(model["lifecycle"] or "unlisted")}">'
        f"{escape(lifecycle_label(model['lifecycle'], model['unlisted_since']))}</span>"
        if past
        else ""
    )
    cells = (
        f'<tr><th scope="row"><a href="{escape(index_url)}{escape(model["slug"])}/">'
        f"{escape(model['title'])}</a>{badge}</th><td>{lab}</td>"
        f"<td>{fmt.iso_date(model['release_date'])}</td>"
        f'<td class="num">{fmt.tokens(model["context_window"])}</td>'
        f"<td>{escape(model['cheapest_route'] or fmt.UNKNOWN)}</td>"
        f'<td class="num">{fmt.price(model["cheapest_input"])}</td>'
        f'<td class="num">{fmt.price(model["cheapest_output"])}</td>'
        f'<td class="num">{model["provider_count"]}</td>'
        f"<td>{escape(model['licence__name'] or fmt.UNKNOWN)}</td>"
        f'<td><ul class="cap-icons">{icons}</ul></td></tr>'
    )
    return mark_safe(cells)  # noqa: S308 - every interpolated value is escaped above


def _options(choices: Any, selected: str) -> SafeString:
    html = "".join(
        f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in choices
    )
    return _select(html, selected)


def _select(html: str, selected: str) -> SafeString:
    """Mark one option of already-escaped option HTML as selected."""
    if selected:
        needle = f'<option value="{escape(selected)}">'
        html = html.replace(needle, needle[:-1] + " selected>", 1)
    return mark_safe(html)  # noqa: S308 - values and labels are escaped


def _filter_options(request: HttpRequest, capabilities: list[Any]) -> dict[str, str]:
    """The filter selects' options as HTML; reference data changes rarely, so they are
    cached per catalogue version (150 providers need not be read or escaped for every
    page view)."""
    key = f"models-index-filter-options-{catalogue_version(request)}"
    options = cache.get(key)
    if options is None:
        choices = {
            "lab": list(
                Lab.objects.filter(live=True).order_by(Lower("name")).values_list("slug", "name")
            ),
            "provider": list(
                Provider.objects.filter(live=True)
                .order_by(Lower("name"))
                .values_list("slug", "name")
            ),
            "capability": [(c.slug, c.name) for c in capabilities],
            "tag": list(
                DecisionTag.objects.filter(live=True)
                .order_by("sort_order", "name")
                .values_list("slug", "name")
            ),
            "openness": [(v, str(label)) for v, label in Licence.Openness.choices if v in OPENNESS],
            "lifecycle": [(value, label) for value, (label, _) in LIFECYCLES.items()],
        }
        options = {name: str(_options(values, "")) for name, values in choices.items()}
        cache.set(key, options, 60 * 60)
    return options


@dataclass(frozen=True)
class ResultsPage:
    """One page of the table, as cached: rendered rows and the paging figures."""

    rows: tuple[str, ...]
    count: int
    number: int
    num_pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def _results(request: HttpRequest, query: Any, capabilities: list[Any]) -> ResultsPage:
    """The table's rows for a query. They only change when a model or reference data is
    published, so a rendered page of results is cached per catalogue version: a page of a
    5,000-model catalogue then costs what the demo's costs."""
    # Hashed: the query's values are readers' text (up to 120 characters each), and a key
    # must stay short (memcached takes 250 characters) and differ whenever they differ.
    identity = repr((PAGE_SIZE, request.path, sorted(query.params().items())))
    digest = hashlib.sha256(identity.encode()).hexdigest()
    key = f"models-index-page-{catalogue_version(request)}-{digest}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    models = models_queryset(query).values(
        "pk",
        "title",
        "slug",
        "release_date",
        "context_window",
        "cheapest_route",
        "cheapest_input",
        "cheapest_output",
        "provider_count",
        "lab__name",
        "lab__slug",
        "licence__name",
        "lifecycle",
        "unlisted_since",
    )
    page = Paginator(models, PAGE_SIZE).get_page(query.page)
    supported = supported_capabilities([m["pk"] for m in page.object_list])
    results = ResultsPage(
        rows=tuple(
            str(
                catalogue_row(
                    model,
                    request.path,
                    [c for c in capabilities if c.slug in supported[model["pk"]]],
                )
            )
            for model in page.object_list
        ),
        count=page.paginator.count,
        number=page.number,
        num_pages=page.paginator.num_pages,
    )
    cache.set(key, results, 60 * 60)
    return results


def models_index_context(request: HttpRequest) -> dict[str, Any]:
    query = parse_models_query(request.GET)
    capabilities = list(Capability.objects.filter(live=True).order_by("sort_order", "name"))
    results = _results(request, query, capabilities)

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
    page = results
    return {
        "query": query,
        "rows": [mark_safe(row) for row in results.rows],  # noqa: S308 - built escaped
        "page_obj": page,
        "columns": columns,
        "capabilities": capabilities,
        "filters": {
            name: _select(html, getattr(query, name))
            for name, html in _filter_options(request, capabilities).items()
        },
        "filtering": any(
            (
                query.lab,
                query.provider,
                query.capability,
                query.openness,
                query.tag,
                query.lifecycle,
            )
        ),
        "traffic": site_default_traffic(),
        "prev_url": link(page=page.number - 1) if page.has_previous else "",
        "next_url": link(page=page.number + 1) if page.has_next else "",
    }
