"""The content generation: one number, bumped on every change readers could see (a publish,
an unpublish, reference data, an import), that keys every cache of reader content (the page
cache and the models index's fragments). It lives in one database row, so every process
sees a change on its next request."""

from __future__ import annotations

from typing import Any

from wagtail.models import COMMENTS_RELATION_NAME

from comparisons.models import CatalogueState


def bump_catalogue_generation(**kwargs: Any) -> None:
    """A model page or reference data (labs, licences, capabilities, providers) changed:
    cached catalogue fragments that show it are stale (connected to their post_save and
    post_delete). The counter lives in the database, so every process sees the change."""
    CatalogueState.bump()


# What a draft, an autosave, a workflow step or a lock writes to the page's own row: the
# pointers to its newest revision and its lock. None of it is what readers see (a draft
# reaches them only when published, which bumps the generation itself), so saving only
# these fields keeps every cached page.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        COMMENTS_RELATION_NAME,
        "locked",
        "locked_at",
        "locked_by",
    }
)


def bump_unless_bookkeeping(update_fields: Any = None, **kwargs: Any) -> None:
    """post_save: bump, unless the save wrote only revision bookkeeping (a draft)."""
    if update_fields and BOOKKEEPING_FIELDS.issuperset(update_fields):
        return
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
