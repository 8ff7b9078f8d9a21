"""robots.txt and the feed of recently reviewed comparisons."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import escape

from comparisons.models import ComparisonPage


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class ReviewedComparisonsFeed(Feed):
    title = "LLM Reference: recently reviewed comparisons"
    link = "/compare/"
    description = "Model comparisons, newest review first."

    def items(self) -> Any:
        return (
            ComparisonPage.objects.live()
            .servable()
            .with_review_date()
            .filter(reviewed_on__isnull=False)
            .order_by("-reviewed_on", "title")[:30]
        )

    # RSS readers treat <title> and <description> as HTML, so the text is escaped once
    # before the XML writer escapes it again (as Django's own defaults do): a title such
    # as "<svg onload=...>" reaches the reader as text, never as markup.
    def item_title(self, item: Any) -> str:
        return escape(item.title)

    def item_link(self, item: Any) -> str:
        return item.url

    def item_description(self, item: Any) -> str:
        return escape(f"{item.title}: reviewed on {item.reviewed_on.isoformat()}.")

    def item_pubdate(self, item: Any) -> datetime:
        return timezone.make_aware(datetime.combine(item.reviewed_on, time(12)))
