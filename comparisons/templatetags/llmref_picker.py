from typing import Any

from django import template
from django.db.models.functions import Lower

register = template.Library()


@register.inclusion_tag("comparisons/includes/picker.html")
def model_picker(prefix: str = "picker", a: str = "", b: str = "") -> dict[str, Any]:
    """The two-select "compare any two models" form (one query)."""
    from comparisons.models import ModelPage

    models = ModelPage.objects.live().order_by(Lower("title")).values("slug", "title")
    return {"picker_models": list(models), "prefix": prefix, "selected_a": a, "selected_b": b}
