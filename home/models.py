from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F
from django.http import HttpRequest
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from comparisons.models.visibility import published_q


class HomePage(Page):
    hero_heading = models.CharField(
        max_length=200, default="Compare large language models on the facts"
    )
    hero_text = RichTextField(blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        InlinePanel("featured", heading="Featured comparisons", label="Comparison"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from comparisons.models import ComparisonPage, ModelPage

        context = super().get_context(request, *args, **kwargs)
        featured_ids = [f.comparison_id for f in self.featured.all()]
        servable = ComparisonPage.objects.live().servable()
        by_id = servable.filter(pk__in=featured_ids).in_bulk()
        context["featured"] = [by_id[pk] for pk in featured_ids if pk in by_id]
        context["latest_reviewed"] = (
            servable.with_review_date()
            .filter(reviewed_on__isnull=False)
            .order_by("-reviewed_on", "title")[:6]
        )
        context["recent_models"] = (
            ModelPage.objects.filter(published_q())
            .select_related("lab")
            # A catalogue import adds many models at once: the newest releases first.
            .order_by(
                F("first_published_at").desc(nulls_last=True),
                F("release_date").desc(nulls_last=True),
                "title",
            )[:8]
        )
        return context


class FeaturedComparison(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured")
    comparison = models.ForeignKey(
        "comparisons.ComparisonPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("comparison")]

    def __str__(self) -> str:
        return str(self.comparison)
