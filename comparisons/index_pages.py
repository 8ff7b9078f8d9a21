"""Where the site put the models index and the comparisons index.

The plugin does not fix their addresses: a site adds one ModelIndexPage and one
ComparisonIndexPage (each has max_count = 1) wherever it likes, and every link to them
(breadcrumbs, the picker's form, "browse all models") is read from the page tree. One
query finds both, once per catalogue generation and host (page moves, publishing and
privacy changes bump the generation), and once per request without a cache."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from wagtail.models import Page

from comparisons.catalogue_cache import cached

_ATTRIBUTE = "_comparisons_index_urls"


@dataclass(frozen=True)
class IndexUrls:
    models: str  # "" while the site has no published models index
    comparisons: str


def index_urls(request: HttpRequest | None = None) -> IndexUrls:
    """Relative URLs of the live models index and comparisons index, memoised on the
    request (a page links to them several times)."""
    memo = getattr(request, _ATTRIBUTE, None) if request is not None else None
    if memo is not None:
        return memo
    host = request.get_host() if request is not None else ""
    urls = cached(request, f"index-urls:{host}", lambda: _read_index_urls(request))
    if request is not None:
        setattr(request, _ATTRIBUTE, urls)
    return urls


def _read_index_urls(request: HttpRequest | None) -> IndexUrls:
    # By name, not by class: views that models import may link to the indexes too.
    types = {
        name: ContentType.objects.get_by_natural_key("comparisons", name)
        for name in ("modelindexpage", "comparisonindexpage")
    }
    found: dict[str, str] = {}
    pages = (
        Page.objects.live()
        .public()
        .filter(content_type__in=types.values())
        .order_by("path")
        .only("url_path", "path", "content_type")
    )
    by_type = {ct.pk: name for name, ct in types.items()}
    for page in pages:
        found.setdefault(by_type[page.content_type_id], page.get_url(request) or "")
    return IndexUrls(
        models=found.get("modelindexpage", ""), comparisons=found.get("comparisonindexpage", "")
    )
