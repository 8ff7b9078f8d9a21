from typing import Any

from django import template
from django.core.cache import cache
from django.db.models import Count, Max
from django.db.models.functions import Lower
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _options_html() -> str:
    """The picker's <option>s for every published model.

    A catalogue of thousands of models would make every page pay for rendering them, so
    the HTML is cached under a key that changes whenever a model is published, renamed or
    unpublished (one small aggregate query per page)."""
    from comparisons.models import ModelPage

    live = ModelPage.objects.live()
    version = live.aggregate(n=Count("pk"), published=Max("last_published_at"))
    stamp = version["published"].timestamp() if version["published"] else 0
    key = f"picker-options-{version['n']}-{stamp:.6f}"
    html = cache.get(key)
    if html is None:
        models = live.order_by(Lower("title")).values_list("slug", "title")
        html = str(format_html_join("", '<option value="{}">{}</option>', models))
        cache.set(key, html, 60 * 60)
    return html


def _with_selected(html: str, slug: str) -> SafeString:
    if slug:
        needle = f'<option value="{escape(slug)}">'
        html = html.replace(needle, needle[:-1] + " selected>", 1)
    return mark_safe(html)  # noqa: S308 - built by format_html_join from escaped values


@register.inclusion_tag("comparisons/includes/picker.html")
def model_picker(prefix: str = "picker", a: str = "", b: str = "") -> dict[str, Any]:
    """The two-select "compare any two models" form."""
    options = _options_html()
    return {
        "prefix": prefix,
        "options_a": _with_selected(options, a),
        "options_b": _with_selected(options, b),
        "has_models": bool(options),
    }
