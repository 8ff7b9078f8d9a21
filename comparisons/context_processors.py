"""Defaults every template can use for canonical links and sharing metadata."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comparisons import conf


def seo(request: HttpRequest) -> dict[str, Any]:
    # Query strings (filters, sort, calculator input) are views of the same page.
    return {"default_canonical_url": request.build_absolute_uri(request.path)}


def base_template(request: HttpRequest) -> dict[str, Any]:
    # The template the plugin's reader pages extend (comparisons/base.html reads it).
    return {"comparisons_base_template": conf.base_template()}
