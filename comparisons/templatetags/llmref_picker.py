from typing import Any

from django import template
from django.core.cache import cache
from django.db.models.functions import Lower
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

from comparisons.catalog import catalogue_version

register = template.Library()


def _options_html(request: Any = None) -> str:
    """The picker's <option>s for every published model.

    A catalogue of thousands of models would make every page pay for rendering them, so
    the HTML is cached under a key that changes whenever a model is published, renamed or
    unpublished (one small aggregate query per page)."""
    from comparisons.models import ModelPage

    key = f"picker-options-{catalogue_version(request)}"
    html = cache.get(key)
    if html is None:
        models = ModelPage.objects.live().order_by(Lower("title")).values_list("slug", "title")
        html = str(format_html_join("", '<option value="{}">{}</option>', models))
        cache.set(key, html, 60 * 60)
    return html


def _with_selected(html: str, slug: str) -> SafeString:
    if slug:
        needle = f'<option value="{escape(slug)}">'
        html = html.replace(needle, needle[:-1] + " selected>", 1)
    return mark_safe(html)  # noqa: S308 - built by format_html_join from escaped values


@register.inclusion_tag("comparisons/includes/picker.html", takes_context=True)
def model_picker(context: Any, prefix: str = "picker", a: str = "", b: str = "") -> dict[str, Any]:
    """The two-select "compare any two models" form."""
    options = _options_html(context.get("request"))
    return {
        "prefix": prefix,
        "options_a": _with_selected(options, a),
        "options_b": _with_selected(options, b),
        "has_models": bool(options),
    }
