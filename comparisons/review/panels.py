"""Review information where editors and reviewers look: the page editor and the dashboard.

The comparison page model imports these panels, so what reads the page models (the review
status, the loader) is imported when a panel renders.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component


class ReviewStatusPanel(Panel):
    """In the comparison editor: last review, facts changed since, contradicted claims in
    the draft being edited (recomputed every time the editor opens or saves the page)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "comparisons/review/status_panel.html"

        def get_context_data(self, parent_context: dict | None = None) -> dict[str, Any]:
            from comparisons.review.status import status_for_page

            context = super().get_context_data(parent_context)
            page = self.instance
            context["status"] = status_for_page(page) if page.pk else None
            # A page in review is not "never reviewed, submit it": say where it is.
            state = page.current_workflow_state if page.pk else None
            context["in_review_task"] = (
                state.current_task_state.task.name
                if state is not None and state.current_task_state is not None
                else None
            )
            context["needs_changes"] = (
                state is not None and state.status == state.STATUS_NEEDS_CHANGES
            )
            context["report_url"] = reverse("comparisons_needs_re_review")
            return context


class NeedsReReviewPanel(Component):
    """Dashboard: how many comparisons need a review, linking to the report."""

    name = "needs_re_review"
    template_name = "comparisons/review/dashboard_panel.html"
    order = 90

    def get_context_data(self, parent_context: dict | None = None) -> dict[str, Any]:
        from comparisons.facts import site_default_traffic
        from comparisons.models import ComparisonPage
        from comparisons.review.status import review_statuses

        pages = list(ComparisonPage.objects.live().servable())
        statuses = review_statuses(pages, site_default_traffic()).values()
        return {
            "count": sum(1 for s in statuses if s.needs_review),
            "stale": sum(1 for s in statuses if s.stale),
            "report_url": reverse("comparisons_needs_re_review"),
        }
