"""The "Needs re-review" report: stale, old, never-reviewed and contradicted comparisons."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from comparisons.review.setup import EDITORS, REVIEWERS
from comparisons.review.status import ReviewStatus, review_statuses, site_default_traffic

REASONS = [
    ("stale", "Facts changed since review"),
    ("old", "Review older than the set age"),
    ("claims", "Claims contradict data"),
    ("never", "Never reviewed"),
]


def can_see_reviews(user: Any) -> bool:
    return user.is_active and (
        user.is_superuser or user.groups.filter(name__in=[EDITORS, REVIEWERS]).exists()
    )


class ListColumn(Column):
    """A cell holding a bulleted list of strings."""

    cell_template_name = "comparisons/review/list_cell.html"


class NeedsReReviewFilterSet(WagtailFilterSet):
    reason = django_filters.ChoiceFilter(
        label="Reason", choices=REASONS, method="filter_reason", empty_label="Any reason"
    )
    # A text box, not a select of every model (1,450 after the catalogue import).
    model = django_filters.CharFilter(
        label="Model",
        method="filter_model",
        help_text="Part of a model's name or its slug.",
    )

    class Meta:
        from comparisons.models import ComparisonPage

        model = ComparisonPage
        fields: list[str] = []

    def filter_reason(self, queryset, name, value):
        statuses: dict[int, ReviewStatus] = getattr(self.request, "_review_statuses", {})
        test = {
            "stale": lambda s: s.stale,
            "old": lambda s: s.too_old,
            "claims": lambda s: bool(s.claims),
            "never": lambda s: s.never_reviewed,
        }[value]
        return queryset.filter(pk__in=[pk for pk, s in statuses.items() if test(s)])

    def filter_model(self, queryset, name, value):
        words = value.split()
        if not words:
            return queryset
        matches = Q()
        for side in ("model_a", "model_b"):
            side_match = Q(**{f"{side}__slug__iexact": value.strip()})
            named = Q()
            for word in words:
                named &= Q(**{f"{side}__title__icontains": word})
            matches |= side_match | named
        return queryset.filter(matches)


class NeedsReReviewView(ReportView):
    page_title = "Needs re-review"
    header_icon = "warning"
    index_url_name = "comparisons_needs_re_review"
    index_results_url_name = "comparisons_needs_re_review_results"
    filterset_class = NeedsReReviewFilterSet
    paginate_by = 50
    list_export = ["title", "url", "reviewed_on", "reviewer", "reasons", "changes", "claims"]
    export_headings = {
        "title": "Comparison",
        "url": "URL",
        "reviewed_on": "Last reviewed",
        "reviewer": "Reviewer",
        "reasons": "Reasons",
        "changes": "Changed facts",
        "claims": "Contradicted claims",
    }

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any):
        if not can_see_reviews(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self) -> str:
        return f"needs-re-review-{datetime.date.today():%Y-%m-%d}"

    @property
    def columns(self) -> list[Column]:
        return [
            TitleColumn(
                "title",
                label="Comparison",
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=(page.pk,)),
            ),
            Column(
                "reviewed_on",
                label="Last reviewed",
                accessor=lambda p: self._status(p).reviewed_on or "Never",
            ),
            Column("reviewer", label="Reviewer", accessor=lambda p: self._reviewer(p)),
            ListColumn("reasons", label="Why", accessor=lambda p: self._status(p).reasons),
            ListColumn(
                "changes",
                label="Changed facts",
                accessor=lambda p: [str(c) for c in self._status(p).changes],
            ),
            ListColumn(
                "claims",
                label="Contradicted claims",
                accessor=lambda p: [str(c) for c in self._status(p).claims],
            ),
        ]

    def _status(self, page: Any) -> ReviewStatus:
        return self.statuses[page.pk]

    def _reviewer(self, page: Any) -> str:
        stamp = self._status(page).stamp
        return stamp.reviewer_name or "—" if stamp else "—"

    def get_queryset(self):
        from wagtail.models import Site

        from comparisons.models import ComparisonPage, ReferenceSettings

        site = (
            Site.find_for_request(self.request) or Site.objects.filter(is_default_site=True).first()
        )
        max_age = ReferenceSettings.for_site(site).review_max_age_days if site else 180
        pages = list(ComparisonPage.objects.live().servable().select_related("model_a", "model_b"))
        self.statuses = review_statuses(pages, site_default_traffic(site), max_age_days=max_age)
        self.request._review_statuses = self.statuses
        needing = [pk for pk, status in self.statuses.items() if status.needs_review]
        # Oldest review first; pages never reviewed lead.
        return (
            ComparisonPage.objects.filter(pk__in=needing)
            .with_review_date()
            .order_by(F("reviewed_on").asc(nulls_first=True), "title")
        )

    def to_row_dict(self, item: Any) -> dict[str, Any]:
        status = self._status(item)
        # The address readers use, on the host the report was asked from (the Site record
        # may still say http://localhost).
        url = item.get_url(request=self.request)
        return {
            "title": item.title,
            "url": self.request.build_absolute_uri(url) if url else "",
            "reviewed_on": status.reviewed_on.isoformat() if status.reviewed_on else "Never",
            "reviewer": self._reviewer(item),
            "reasons": "; ".join(status.reasons),
            "changes": "\n".join(str(c) for c in status.changes),
            "claims": "\n".join(str(c) for c in status.claims),
        }
