"""The feed of recently reviewed comparisons."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.html import escape

from comparisons.conf import site_name
from comparisons.index_pages import index_urls
from comparisons.models import ComparisonPage


class ReviewedComparisonsFeed(Feed):
    description = "Model comparisons, newest review first."

    def title(self) -> str:
        return f"{site_name()}: recently reviewed comparisons"

    def link(self) -> str:
        return index_urls().comparisons or "/"

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
