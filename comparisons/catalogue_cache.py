"""Values read from the published catalogue, kept in Django's cache under the catalogue
generation, so readers' pages that the page cache cannot serve (a calculator's own
traffic, a page's first render in another process, a page cache entry expired) still
skip the queries that rebuild them.

The generation is the request's (read once per request before any data, see
comparisons.page_cache): every publish, unpublish, snippet change and import bumps it, so
a request that starts after a change never reads a value from before it. Without a
request (management commands, review reports) nothing is cached: those read the
database, always current.

Each process also keeps the values it read or stored, unpickled, least recently used out
first (`COMPARISONS_DATA_CACHE_LOCAL_ITEMS`, 2,000; 0 turns it off): a key names its
generation, so a copy is never out of date, and unpickling a 50-route model's facts from
the shared cache cost more than the rest of its page's data. The values are the loader's
frozen dataclasses and lists that readers' views never change."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
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


def local_items() -> int:
    return int(getattr(settings, "COMPARISONS_DATA_CACHE_LOCAL_ITEMS", 2000))


class LocalValues:
    """The process's own copies, within a number of items, each until the shared
    entry's timeout."""

    _missing = object()

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        now, found = time.monotonic(), {}
        with self._lock:
            for key in keys:
                entry = self._entries.get(key)
                if entry is None:
                    continue
                if entry[0] < now:
                    del self._entries[key]
                    continue
                self._entries.move_to_end(key)
                found[key] = entry[1]
        return found

    def set_many(self, values: dict[str, Any], seconds: int) -> None:
        limit = local_items()
        if not limit:
            return
        expires = time.monotonic() + seconds
        with self._lock:
            for key, value in values.items():
                self._entries[key] = (expires, value)
                self._entries.move_to_end(key)
            while len(self._entries) > limit:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


local_values = LocalValues()


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
    keys = {_key(request, name, item): item for item in items}
    local = local_values.get_many(keys)
    found = {keys[key]: value for key, value in local.items()}
    if len(found) < len(keys):
        shared = _cache().get_many([key for key in keys if key not in local])
        local_values.set_many(shared, _timeout())
        found.update({keys[key]: value for key, value in shared.items()})
    missing = [item for item in items if item not in found]
    if missing:
        loaded = load(missing)
        stored = {_key(request, name, item): value for item, value in loaded.items()}
        _cache().set_many(stored, _timeout())
        local_values.set_many(stored, _timeout())
        found.update(loaded)
    return {item: found[item] for item in items if item in found}


def cached(
    request: HttpRequest | None, name: str, load: Callable[[], T], item: Hashable = "-"
) -> T:
    """One value under this generation (`load()` without a request); `item` names it
    among the values of the same kind (a page's, a pair's)."""
    return cached_many(request, name, [item], lambda _missing: {item: load()})[item]
