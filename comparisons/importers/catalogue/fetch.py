"""Fetching the catalogue from a URL (models.dev's api.json by default).

A timeout, a size limit and a conditional GET: the ETag and Last-Modified of the last
fetch of the same URL that was imported go back as If-None-Match / If-Modified-Since, and
a 304 means nothing to import. What comes back is validated like an uploaded file.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from comparisons.importers.catalogue.checker import MAX_FILE_BYTES
from comparisons.importers.errors import ImportRefused

DEFAULT_URL = "https://models.dev/api.json"
CHUNK = 64 * 1024


class FetchError(ImportRefused):
    """The catalogue could not be fetched: the message says what and where."""

    @property
    def problems(self) -> list[str]:  # type: ignore[override]
        return [str(self)]


@dataclass(frozen=True)
class Fetched:
    url: str
    body: bytes | None  # None: not modified since the last fetch
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.body is None


def catalogue_url() -> str:
    return getattr(settings, "COMPARISONS_CATALOGUE_URL", DEFAULT_URL)


def fetch_catalogue(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> Fetched:
    timeout = timeout or getattr(settings, "COMPARISONS_CATALOGUE_FETCH_TIMEOUT", 30)
    max_bytes = max_bytes or getattr(settings, "COMPARISONS_CATALOGUE_MAX_BYTES", MAX_FILE_BYTES)
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise FetchError(f"{url}: not an http:// or https:// address.")
    headers = {"Accept": "application/json", "User-Agent": "llmref-catalogue-import"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (scheme checked)
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(_too_large(url, f"{int(declared):,} bytes", max_bytes))
            chunks, size = [], 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(_too_large(url, "more", max_bytes))
                if time.monotonic() > deadline:
                    raise FetchError(f"{url}: no complete answer within {timeout:g} s.")
                chunks.append(chunk)
            return Fetched(
                url,
                b"".join(chunks),
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(url, None, etag=etag, last_modified=last_modified)
        raise FetchError(f"{url}: the server answered {exc.code} {exc.reason}.") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} s.") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchError(f"{url}: no answer within {timeout:g} s.") from None
        raise FetchError(f"{url}: cannot connect ({exc.reason}).") from None
    except OSError as exc:
        raise FetchError(f"{url}: the connection failed ({exc}).") from None


def _too_large(url: str, size: str, limit: int) -> str:
    return f"{url}: the answer is {size}; the limit is {limit:,} bytes."
