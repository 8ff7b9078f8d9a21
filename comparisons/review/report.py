"""The "Needs re-review" report: stale, old, never-reviewed and contradicted comparisons."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from comparisons.facts import site_default_traffic
from comparisons.models import ComparisonPage, ReferenceSettings
from comparisons.review.setup import EDITORS, REVIEWERS
from comparisons.review.status import ReviewStatus, review_statuses

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
    # Radio buttons, as Wagtail's own choice filters: a select overflows the filter panel.
    reason = django_filters.ChoiceFilter(
        label="Reason",
        choices=REASONS,
        method="filter_reason",
        empty_label="Any reason",
        widget=forms.RadioSelect,
    )
    # A text box, not a select of every model (1,450 after the catalogue import).
    model = django_filters.CharFilter(
        label="Model",
        method="filter_model",
        help_text="Part of a model's name or its slug.",
    )

    class Meta:
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


# Spreadsheet programs read a cell starting with one of these as a formula (a tab or
# carriage return can hide one). Titles, names and fact diffs come from what editors and
# catalogues typed, so an export must never hand them over as formulas.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def reads_as_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


class LiteralCellsMixin:
    """For a view with Wagtail's spreadsheet export: text that could be read as a formula
    is exported as text. CSV has no types, so such a cell gets the leading apostrophe that
    spreadsheet programs take as "text follows"; an XLSX cell is already a string cell, and
    is also marked quote-prefixed, so editing it in Excel keeps it text."""

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)  # type: ignore[misc]
        if export_format == self.FORMAT_CSV and reads_as_formula(value):  # type: ignore[attr-defined]
            return "'" + value
        return value

    def generate_xlsx_row(self, worksheet: Any, row_dict: dict, date_format: Any = None) -> Any:
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):  # type: ignore[misc]
            if reads_as_formula(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell


class NeedsReReviewView(LiteralCellsMixin, ReportView):
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
                get_url=self._open_url,
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

    def _open_url(self, page: Any) -> str:
        """The editor for those who may edit the page; for the others (reviewers, unless
        the page is at their task) the published page, which they may read."""
        if page.permissions_for_user(self.request.user).can_edit():
            return reverse("wagtailadmin_pages:edit", args=(page.pk,))
        return page.url

    def _status(self, page: Any) -> ReviewStatus:
        return self.statuses[page.pk]

    def _reviewer(self, page: Any) -> str:
        stamp = self._status(page).stamp
        return stamp.credits or "—" if stamp else "—"

    def get_queryset(self):
        from wagtail.models import Site

        site = (
            Site.find_for_request(self.request) or Site.objects.filter(is_default_site=True).first()
        )
        max_age = ReferenceSettings.for_site(site).review_max_age_days if site else 180
        pages = list(ComparisonPage.objects.live().servable().select_related("model_a", "model_b"))
        self.statuses = review_statuses(pages, site_default_traffic(site), max_age_days=max_age)
        self.request._review_statuses = self.statuses
        needing = [pk for pk, status in self.statuses.items() if status.needs_review]
        # Oldest review first; pages never reviewed lead.
        # Workflow states prefetched: each row's link asks whether the user may edit the
        # page, which reads its workflow state (one query for all rows, not one per row).
        return (
            ComparisonPage.objects.filter(pk__in=needing)
            .with_review_date()
            .prefetch_workflow_states()
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
