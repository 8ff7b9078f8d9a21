"""The readers' page cache: whole responses of anonymous GETs, kept in Django's cache.

Which responses: only the reader views named in READER_URL_NAMES (every Wagtail page,
which includes model pages, comparisons editorial and on the fly, the indexes and home;
provider and lab pages; the sitemap, feed and robots.txt) and every endpoint of the JSON
API (READER_URL_NAMESPACES). Everything else (the admin, search, health) never touches
the cache.

The key is the scheme, host (so the Wagtail site), path and full query string (the
calculator's tokens included) and the catalogue generation: one row in the database
(CatalogueState) that every publish, unpublish, move or deletion of a page, every change
of reference data or settings and every catalogue import bumps, in the same transaction
as the change itself (the import's bump follows its commit). The generation is read from
the database once per request, before the view reads anything: a request that starts
after a change has committed reads the new generation, so it never gets a page cached
before the change, in any process. A request that read the old generation and then the
new data stores a newer page under an old key nobody reads any more: harmless.

Never stored or served from the cache: requests with a session or messages cookie (a
signed-in editor, a preview, a flash message) or an Authorization header, methods other
than GET/HEAD, previews, responses other than 200, streaming responses, responses that
set a cookie, use the CSRF token, say private/no-cache/no-store, or vary on a header
other than Cookie. A reader response served to a signed-in user is marked private, so a
CDN never keeps it.

Each process also keeps the pages it served last in its own memory
(COMPARISONS_PAGE_CACHE_LOCAL_BYTES, 32 MB by default; 0 turns it off): an entry's key
names its generation, so a copy can never be out of date, and a hit then costs the
generation's read alone, not a round trip to Redis for the body.

Stored responses carry `Cache-Control: public, max-age=COMPARISONS_PAGE_CACHE_MAX_AGE`
and an ETag (a hash of the body); a conditional GET whose If-None-Match matches gets a
304. `X-Cache` says hit, miss (rendered and stored) or bypass (rendered, not stored)."""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils.cache import get_conditional_response, patch_cache_control

from comparisons.content_generation import catalogue_version

# The reader views, by URL name: the one place that opts a view in.
READER_URL_NAMES = frozenset(
    {
        "wagtail_serve",
        "provider_index",
        "provider_detail",
        "lab_index",
        "lab_detail",
        "sitemap",
        "reviewed_feed",
        "robots_txt",
    }
)
READER_URL_NAMESPACES = frozenset({"api"})

# A stored response may vary on Cookie only: the cookies that change what a reader sees
# (session, messages) make the request bypass the cache. Any other Vary header would
# need its value in the key.
STORABLE_VARY = frozenset({"cookie"})
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store")
KEY_PREFIX = "comparisons.page"


def timeout() -> int:
    """How long the server keeps a page (bounds what depends on the date alone, such as
    a review's age); a change to the data invalidates it at once through the key."""
    return int(getattr(settings, "COMPARISONS_PAGE_CACHE_TIMEOUT", 600))


def max_age() -> int:
    """How long browsers and CDNs may keep a page without asking again."""
    return int(getattr(settings, "COMPARISONS_PAGE_CACHE_MAX_AGE", 60))


def cache_alias() -> str:
    return getattr(settings, "COMPARISONS_PAGE_CACHE_ALIAS", "default")


def local_bytes() -> int:
    return int(getattr(settings, "COMPARISONS_PAGE_CACHE_LOCAL_BYTES", 32 * 1024 * 1024))


Entry = tuple[bytes, list[tuple[str, str]]]


class LocalPages:
    """The process's own copies of stored pages, least recently used out first, within
    a size in bytes; each expires with its shared entry's timeout."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[float, Entry]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return found[1]

    def set(self, key: str, entry: Entry, seconds: int) -> None:
        limit = local_bytes()
        size = len(entry[0])
        if size > limit // 4:  # a limit of 0 keeps nothing
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (time.monotonic() + seconds, entry)
            self._size += size
            while self._size > limit:
                self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        _expires, entry = self._entries.pop(key)
        self._size -= len(entry[0])

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0


local_pages = LocalPages()


def is_reader_view(match: ResolverMatch | None) -> bool:
    if match is None:
        return False
    return match.url_name in READER_URL_NAMES or bool(
        READER_URL_NAMESPACES.intersection(match.namespaces)
    )


@functools.lru_cache(maxsize=8192)
def _reader_path(urlconf: str, path_info: str) -> bool:
    # Resolving a page's address walks every pattern before Wagtail's catch-all: about a
    # quarter of a cache hit's time. URLconfs do not change while a process runs, so the
    # answer for an address is kept (least recently used out first).
    try:
        return is_reader_view(resolve(path_info, urlconf))
    except Resolver404:
        return False


def is_reader_request(request: HttpRequest) -> bool:
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return _reader_path(str(urlconf), request.path_info)


def is_personal(request: HttpRequest) -> bool:
    """The request may get a page made for someone: never served from or stored in the
    cache."""
    cookies = request.COOKIES
    return bool(
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or "authorization" in request.headers
    )


def page_cache_key(request: HttpRequest) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"{KEY_PREFIX}:{catalogue_version(request)}:{digest}"


def is_storable(request: HttpRequest, response: HttpResponse) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in UNCACHEABLE_CONTROL):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= STORABLE_VARY


def _etag(content: bytes) -> str:
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def _from_entry(entry: Entry) -> HttpResponse:
    content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Place after SecurityMiddleware (and WhiteNoise) and before SessionMiddleware, so
    it sees the cookies every inner middleware sets."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if not is_reader_request(request):
            return self.get_response(request)
        if is_personal(request):
            response = self.get_response(request)
            if response.status_code < 500:
                patch_cache_control(response, private=True)
            response["X-Cache"] = "bypass"
            return response

        cache = caches[cache_alias()]
        # The key (so the generation) is read before the view reads any data.
        key = page_cache_key(request)
        entry = local_pages.get(key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                local_pages.set(key, entry, timeout())
        if entry is not None:
            response = _from_entry(entry)
            response["X-Cache"] = "hit"
            return self._conditional(request, response)

        response = self.get_response(request)
        if not is_storable(request, response):
            response["X-Cache"] = "bypass"
            return response
        response["ETag"] = _etag(response.content)
        patch_cache_control(response, public=True, max_age=max_age())
        headers = [(name, value) for name, value in response.items() if name != "X-Cache"]
        entry = (response.content, headers)
        cache.set(key, entry, timeout())
        local_pages.set(key, entry, timeout())
        response["X-Cache"] = "miss"
        return self._conditional(request, response)

    @staticmethod
    def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        conditional = get_conditional_response(request, etag=response["ETag"], response=response)
        if conditional is not response:  # 304 Not Modified (or 412)
            conditional["X-Cache"] = response["X-Cache"]
        return conditional


def purge_comparisons_of_model(instance: Any, **kwargs: Any) -> None:
    """Connected to page_published/page_unpublished of ModelPage: the CDN keeps the
    model's editorial comparisons and the models index too, which show its facts
    (Wagtail's frontend cache app purges the model page itself)."""
    from django.db.models import Q
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from comparisons.models import ComparisonPage

    batch = PurgeBatch()
    batch.add_pages(ComparisonPage.objects.live().filter(Q(model_a=instance) | Q(model_b=instance)))
    parent = instance.get_parent()
    if parent is not None and parent.live:
        batch.add_page(parent)
    batch.purge()


__all__ = [
    "READER_URL_NAMES",
    "PageCacheMiddleware",
    "is_personal",
    "is_storable",
    "local_pages",
    "page_cache_key",
    "purge_comparisons_of_model",
]
