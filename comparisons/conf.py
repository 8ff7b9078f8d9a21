"""The settings a site may give the plugin, each with its default, read in one place.

COMPARISONS_SITE_NAME
    The name feeds and the API give the site; defaults to WAGTAIL_SITE_NAME.
COMPARISONS_BASE_TEMPLATE
    The template every reader page extends (default "base.html", as `wagtail start`
    makes). It must have `{% block content %}`; `extra_css` and `extra_js` (also from
    `wagtail start`) receive the plugin's stylesheet and script.
COMPARISONS_INDEX_PARENT_PAGE_TYPES
    Which page types may hold the models index and the comparisons index, as Wagtail's
    `parent_page_types` (e.g. ["home.HomePage"]); default: any page.
COMPARISONS_IMPORT_STALE_AFTER
    How long an import run may stay queued or running before the next start takes it for
    abandoned (its worker stopped) and marks it failed: a `timedelta` or seconds; default
    2 hours. Longer than any import takes.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings


def site_name() -> str:
    return getattr(settings, "COMPARISONS_SITE_NAME", None) or getattr(
        settings, "WAGTAIL_SITE_NAME", "Wagtail site"
    )


def base_template() -> str:
    return getattr(settings, "COMPARISONS_BASE_TEMPLATE", "base.html")


def index_parent_page_types() -> list[str] | None:
    return getattr(settings, "COMPARISONS_INDEX_PARENT_PAGE_TYPES", None)


def import_stale_after() -> timedelta:
    value = getattr(settings, "COMPARISONS_IMPORT_STALE_AFTER", timedelta(hours=2))
    return value if isinstance(value, timedelta) else timedelta(seconds=float(value))
