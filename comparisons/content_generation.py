"""The content generation: one number, bumped on every change readers could see (a publish,
an unpublish, reference data, an import), that keys every cache of reader content (the page
cache and the models index's fragments). It lives in one database row, so every process
sees a change on its next request."""

from __future__ import annotations

from typing import Any

from comparisons.models import CatalogueState


def bump_catalogue_generation(**kwargs: Any) -> None:
    """A model page or reference data (labs, licences, capabilities, providers) changed:
    cached catalogue fragments that show it are stale (connected to their post_save and
    post_delete). The counter lives in the database, so every process sees the change."""
    CatalogueState.bump()


def catalogue_version(request: Any = None) -> str:
    """A key that changes whenever a model is published, changed or unpublished, or
    reference data changes: cached fragments of the catalogue (result pages, filter
    choices) are stored under it. One primary-key read, once per request."""
    memo = getattr(request, "_catalogue_version", None) if request is not None else None
    if memo is not None:
        return memo
    value = str(CatalogueState.current())
    if request is not None:
        request._catalogue_version = value
    return value
