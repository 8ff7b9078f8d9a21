from typing import Any

from django import template
from django.template import Context
from django.urls import reverse

from comparisons.index_pages import index_urls

register = template.Library()


@register.inclusion_tag("comparisons/includes/picker.html", takes_context=True)
def model_picker(
    context: Context,
    prefix: str = "picker",
    a: str = "",
    b: str = "",
    a_slug: str = "",
    b_slug: str = "",
) -> dict[str, Any]:
    """The "compare any two models" form: two text boxes, for a model's name or slug.

    `a`/`b` prefill the boxes (a model's title on its own page) and `a_slug`/`b_slug` name
    the model they stand for, so the form resolves exactly while the text is left as it
    is. The page carries no list of models, whatever the size of the catalogue: with
    JavaScript, suggestions come from the API as the reader types (static/comparisons/js/picker.js),
    and without it the server resolves what was typed (comparisons.picker). The form
    posts to the comparisons index, wherever the site put it (one query per request)."""
    return {
        "prefix": prefix,
        "a": a or "",
        "b": b or "",
        "a_slug": a_slug or "",
        "b_slug": b_slug or "",
        "suggest_url": reverse("api:suggest_models"),
        "action": index_urls(context.get("request")).comparisons,
    }
