"""Admin views of the review workflow: a confirmation after acting from the dashboard,
and the dashboard's "Awaiting your review" panel comparing the right revisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import Page, TaskState
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.views.snippets import WorkflowActionView as SnippetWorkflowActionView

PAGE_WORKFLOW_ACTION = "comparisons_page_workflow_action"


class ConfirmedActionMixin:
    """Wagtail's workflow action view, which says nothing when it succeeds: say what was
    done (the page editor already does after its own workflow actions)."""

    task_state: Any
    object: Any

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)  # type: ignore[misc]
        state = TaskState.objects.select_related("workflow_state").get(pk=self.task_state.pk)
        title = get_latest_str(self.object)
        task = state.task.name
        if state.status == TaskState.STATUS_APPROVED:
            if state.workflow_state.status == state.workflow_state.STATUS_APPROVED:
                text = f"'{title}' approved at {task} and published."
            else:
                text = f"'{title}' approved at {task}; it goes on to the next task."
            messages.success(request, text)
        elif state.status == TaskState.STATUS_REJECTED:
            messages.success(request, f"Changes requested on '{title}' at {task}.")
        return response


class PageWorkflowAction(ConfirmedActionMixin, WorkflowActionView):
    submit_url_name = PAGE_WORKFLOW_ACTION


class SnippetWorkflowAction(ConfirmedActionMixin, SnippetWorkflowActionView):
    pass


class ReviewedSnippetViewSet(SnippetViewSet):
    """Reference data under review: drafts, revisions, the workflow, a read-only view."""

    workflow_action_view_class = SnippetWorkflowAction
    inspect_view_enabled = True


def _reviewed_before(state: TaskState) -> int | None:
    """The revision this run's previous task looked at, when it differs: after "Request
    changes" and a resubmission, that is what the reviewer wants to compare with (the
    revision just before the resubmitted one is often the same draft saved twice)."""
    earlier = (
        state.workflow_state.task_states.exclude(pk=state.pk)
        .exclude(revision_id=state.revision_id)
        .filter(started_at__lte=state.started_at)
        .order_by("-started_at", "-pk")
        .values_list("revision_id", flat=True)
        .first()
    )
    return earlier


class AwaitingReviewPanel(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context: dict) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        for item in context["states"]:
            if isinstance(item["obj"], Page):
                item["workflow_action_url_name"] = PAGE_WORKFLOW_ACTION
            previous = _reviewed_before(item["task_state"])
            if previous is not None:
                item["previous_revision_id"] = previous
        return context
