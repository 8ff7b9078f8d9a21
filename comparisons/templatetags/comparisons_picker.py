from typing import Any

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("comparisons/includes/picker.html")
def model_picker(
    prefix: str = "picker", a: str = "", b: str = "", a_slug: str = "", b_slug: str = ""
) -> dict[str, Any]:
    """The "compare any two models" form: two text boxes, for a model's name or slug.

    `a`/`b` prefill the boxes (a model's title on its own page) and `a_slug`/`b_slug` name
    the model they stand for, so the form resolves exactly while the text is left as it
    is. The page carries no list of models, whatever the size of the catalogue: with
    JavaScript, suggestions come from the API as the reader types (static/js/picker.js),
    and without it the server resolves what was typed (comparisons.picker). No query."""
    return {
        "prefix": prefix,
        "a": a or "",
        "b": b or "",
        "a_slug": a_slug or "",
        "b_slug": b_slug or "",
        "suggest_url": reverse("api:suggest_models"),
    }
