"""Review records and the editorial workflow's task types.

A ReviewStamp is written when the "Editorial review" workflow approves a comparison: who
approved which revision, when, and the facts they approved it against. It is kept apart
from the page's own fields so that later revisions cannot overwrite it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, TaskState

from comparisons.models.claims import ClaimAcknowledgement


class ReviewStamp(models.Model):
    page = models.ForeignKey(
        "comparisons.ComparisonPage", on_delete=models.CASCADE, related_name="review_stamps"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_stamps",
    )
    reviewer_name = models.CharField(
        max_length=150, blank=True, help_text="Kept if the reviewer's account is removed."
    )
    fact_checker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fact_check_stamps",
        help_text="Who approved the Fact check; the reviewer approved the last task.",
    )
    fact_checker_name = models.CharField(max_length=150, blank=True)
    reviewed_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    facts = models.JSONField(help_text="The facts snapshot the reviewer approved.")
    fingerprint = models.CharField(max_length=64)
    acknowledged_claims = models.JSONField(
        default=list, blank=True, help_text="Flagged claims the fact-checker accepted."
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]
        get_latest_by = ["reviewed_on", "created_at"]
        indexes = [models.Index(fields=["page", "-reviewed_on", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.page} reviewed {self.reviewed_on} by {self.credits or 'unknown'}"

    @property
    def credits(self) -> str:
        """Who reviewed: "Rita (fact check), Sam (final approval)", or one name."""
        if self.fact_checker_name and self.fact_checker_name != self.reviewer_name:
            return f"{self.fact_checker_name} (fact check), {self.reviewer_name} (final approval)"
        return self.reviewer_name


def excluded_approvers(task_state: TaskState | None) -> set[int]:
    """Users who may not approve this task: everyone whose work it would approve.

    In the current workflow run (one WorkflowState, from first submission to the end,
    through any "Request changes" and resubmission): whoever submitted or resubmitted it,
    whoever saved a revision of it up to and including the revision under review, and
    whoever approved an earlier task. Wagtail keeps `requested_by` as the first submitter on
    resubmission, so the revisions and the "resume" log entries are read as well."""
    if task_state is None:
        return set()
    from wagtail.log_actions import registry as log_registry
    from wagtail.models import Revision

    workflow_state = task_state.workflow_state
    users = {workflow_state.requested_by_id}
    saved = Revision.objects.filter(
        base_content_type_id=workflow_state.base_content_type_id,
        object_id=workflow_state.object_id,
        created_at__gte=workflow_state.created_at,
    )
    if task_state.revision_id is not None:
        users.add(task_state.revision.user_id)
        # Revisions saved after the one under review are not what this task approves
        # (it publishes the reviewed revision; later drafts wait for the next review).
        # Approving from the page editor saves one in the reviewer's name whenever the
        # form reports a change, so counting those would lock every reviewer out.
        saved = saved.filter(created_at__lte=task_state.revision.created_at)
    users.update(saved.values_list("user_id", flat=True))
    # Approvals of this same revision: the fact-checker of a text does not give it final
    # approval too. An approval of an earlier text, sent back and changed since, does not
    # count (that text is not what is under review now).
    users.update(
        workflow_state.task_states.filter(
            status=TaskState.STATUS_APPROVED, revision_id=task_state.revision_id
        )
        .exclude(pk=task_state.pk)
        .values_list("finished_by_id", flat=True)
    )
    users.update(
        log_registry.get_logs_for_instance(workflow_state.content_object)
        .filter(action="wagtail.workflow.resume", timestamp__gte=workflow_state.created_at)
        .values_list("user_id", flat=True)
    )
    users.discard(None)
    return users


class NoSelfApprovalMixin:
    """Four eyes: nobody approves work of their own, superusers included (see
    `excluded_approvers`).

    Enforced in get_actions (so the UI offers no Approve button, and Wagtail's workflow
    action views refuse the action) and again in on_action (so any other path is refused
    too)."""

    SELF_APPROVAL = (
        "You submitted, edited or already approved this in the current review; another "
        "reviewer has to approve it."
    )

    def get_actions(self, obj: Any, user: Any) -> list:
        state = getattr(obj, "current_workflow_task_state", None)
        actions = super().get_actions(obj, user)  # type: ignore[misc]
        if actions and user.pk in excluded_approvers(state):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any):
        if action_name == "approve" and user.pk in excluded_approvers(task_state):
            raise PermissionDenied(self.SELF_APPROVAL)
        return super().on_action(task_state, user, action_name, **kwargs)  # type: ignore[misc]

    def start(self, workflow_state: Any, user: Any = None) -> TaskState:
        """Review the revision the workflow is reviewing, not whatever was saved last.

        Wagtail starts every task on the page's latest revision, so a draft saved after the
        fact check would reach final approval (and go live) without being fact-checked.
        A task that follows an approved one reviews the revision that one approved; the
        first task, and a task restarted after changes were requested, review the latest; a
        resubmission always restarts at the first task."""
        last = workflow_state.task_states.order_by("-started_at", "-pk").first()
        if last is not None and last.status == TaskState.STATUS_REJECTED:
            # Resubmitted after "Request changes": Wagtail restarts the task that asked for
            # the changes, so changed text sent back at Final approval would go live with
            # one reviewer's approval. Every task sees the new text: start from the first.
            first = workflow_state.workflow.tasks.filter(active=True).first()
            if first is not None and first.pk != self.pk:  # type: ignore[attr-defined]
                return first.specific.start(workflow_state, user=user)
        task_state = super().start(workflow_state, user=user)  # type: ignore[misc]
        previous = (
            workflow_state.task_states.exclude(pk=task_state.pk)
            .order_by("-started_at", "-pk")
            .first()
        )
        if (
            previous is not None
            and previous.status == TaskState.STATUS_APPROVED
            and previous.revision_id != task_state.revision_id
        ):
            task_state.revision_id = previous.revision_id
            task_state.save(update_fields=["revision"])
        return task_state

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any):
        """ "Awaiting your review" lists only what this user may approve."""
        states = super().get_task_states_user_can_moderate(user, **kwargs)  # type: ignore[misc]
        refused = [
            state.pk
            for state in states.select_related("workflow_state", "revision")
            if user.pk in excluded_approvers(state)
        ]
        return states.exclude(pk__in=refused)


class FactCheckApprovalForm(TaskStateCommentForm):
    claims_flagged = forms.BooleanField(required=False, widget=forms.HiddenInput)
    acknowledge_claims = forms.BooleanField(
        required=False,
        label="I have checked the flagged claims and they are right as written",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("claims_flagged") and not cleaned.get("acknowledge_claims"):
            self.add_error(
                "acknowledge_claims",
                "Claims in this page contradict the data. Correct them, or confirm you have "
                "checked them.",
            )
        return cleaned


class FactCheckTask(NoSelfApprovalMixin, AbstractGroupApprovalTask):
    """Step one of "Editorial review": a reviewer checks the page against the facts.

    The approve dialog shows what changed since the last review and the claims in the
    editors' prose that contradict the data; those claims must be corrected or
    explicitly acknowledged before approval."""

    def get_actions(self, obj: Any, user: Any) -> list:
        actions = super().get_actions(obj, user)
        # Approval always goes through the dialog, which shows the diff and the claims.
        return [
            (name, label, modal)
            for name, label, modal in actions
            if not (name == "approve" and not modal)
        ]

    def get_form_for_action(self, action: str) -> type[forms.Form]:
        if action == "approve":
            return FactCheckApprovalForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action: str) -> str:
        if action == "approve":
            return "comparisons/review/fact_check_approve_modal.html"
        return super().get_template_for_action(action)

    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any):
        acknowledged = kwargs.pop("acknowledge_claims", False)
        kwargs.pop("claims_flagged", None)
        if action_name == "approve":
            # The review status reads these models: imported when a task is acted on.
            from comparisons.review.status import flagged_claims_for_revision

            flagged = flagged_claims_for_revision(task_state.revision)
            if flagged and not acknowledged:
                raise PermissionDenied(
                    "Claims in this page contradict the data: correct them or acknowledge "
                    "them in the approval dialog."
                )
            if flagged:
                # The audit trail says what was acknowledged, in the task's own comment.
                listed = "\n".join(f"- {claim}" for claim in flagged)
                comment = kwargs.get("comment", "")
                kwargs["comment"] = f"{comment}\n\nAcknowledged claims:\n{listed}".strip()
                # Recorded per claim and per data value, so each stays quiet until the data
                # it was checked against changes; undone if the approval itself fails.
                with transaction.atomic():
                    ClaimAcknowledgement.record(
                        task_state.revision.object_id, flagged, user=user, task_state=task_state
                    )
                    return super().on_action(task_state, user, action_name, **kwargs)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls) -> str:
        return (
            "Members of the chosen groups check the page's facts and claims. Nobody can "
            "approve a revision they submitted."
        )

    class Meta:
        verbose_name = "fact check task"
        verbose_name_plural = "fact check tasks"


class FinalApprovalTask(NoSelfApprovalMixin, AbstractGroupApprovalTask):
    """Step two: group approval, refusing self-approval (upstream GroupApprovalTask allows it)."""

    @classmethod
    def get_description(cls) -> str:
        return (
            "Members of the chosen groups approve the page. Nobody can approve their own revision."
        )

    class Meta:
        verbose_name = "final approval task"
        verbose_name_plural = "final approval tasks"
