from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    hero_heading = models.CharField(
        max_length=200, default="Compare large language models on the facts"
    )
    hero_text = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("hero_heading"), FieldPanel("hero_text")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from comparisons.models import ModelPage

        context = super().get_context(request, *args, **kwargs)
        context["recent_models"] = (
            ModelPage.objects.live().select_related("lab").order_by("-first_published_at")[:8]
        )
        return context
