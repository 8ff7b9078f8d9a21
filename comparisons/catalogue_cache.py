"""Values read from the published catalogue, kept in Django's cache under the catalogue
generation, so readers' pages that the page cache cannot serve (a calculator's own
traffic, a page's first render in another process, a page cache entry expired) still
skip the queries that rebuild them.

The generation is the request's (read once per request before any data, see
comparisons.page_cache): every publish, unpublish, snippet change and import bumps it, so
a request that starts after a change never reads a value from before it. Without a
request (management commands, review reports) nothing is cached: those read the
database, always current."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

from comparisons.content_generation import catalogue_version

T = TypeVar("T")
KEY_PREFIX = "comparisons.data"


def _cache() -> Any:
    return caches[getattr(settings, "COMPARISONS_DATA_CACHE_ALIAS", "default")]


def _timeout() -> int:
    # Old generations are never asked for again; the timeout only frees their memory.
    return int(getattr(settings, "COMPARISONS_DATA_CACHE_TIMEOUT", 3600))


def _key(request: HttpRequest, name: str, item: Hashable) -> str:
    return f"{KEY_PREFIX}:{catalogue_version(request)}:{name}:{item}"


def cached_many(
    request: HttpRequest | None,
    name: str,
    items: Iterable[Hashable],
    load: Callable[[list], dict],
) -> dict:
    """`load(missing)` for the items not cached under this generation (all of them
    without a request); what it returns is stored, item by item. Items `load` leaves out
    (a page not published) are not stored, so they are looked up again next time."""
    items = list(items)
    if request is None:
        return load(items)
    cache = _cache()
    keys = {_key(request, name, item): item for item in items}
    found = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
    missing = [item for item in items if item not in found]
    if missing:
        loaded = load(missing)
        cache.set_many(
            {_key(request, name, item): value for item, value in loaded.items()}, _timeout()
        )
        found.update(loaded)
    return {item: found[item] for item in items if item in found}


def cached(request: HttpRequest | None, name: str, load: Callable[[], T]) -> T:
    """One value under this generation (`load()` without a request)."""
    return cached_many(request, name, ["-"], lambda _missing: {"-": load()})["-"]
