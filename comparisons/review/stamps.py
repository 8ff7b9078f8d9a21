"""Writing review stamps: on workflow approval, and for historical (imported) reviews.

Wagtail imports `publish_approved` (the site's WAGTAIL_FINISH_WORKFLOW_ACTION) while
`wagtail.models` itself is loading, before any app's models exist; so this module imports
nothing at its top that needs models, and its functions import models and the review
status (which reads them) when they run.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from comparisons.review.facts_snapshot import fingerprint


def stamp_review(
    page: Any,
    *,
    reviewer: Any = None,
    revision: Any = None,
    reviewed_on: date | None = None,
    note: str = "",
    acknowledged: list[str] | None = None,
    drafts_allowed: bool = False,
    fact_checker: Any = None,
):
    """Record that `page` was reviewed against the facts it shows now.

    Against its models' published facts; with `drafts_allowed`, a model never published
    yet counts as last saved (a historical review of a page whose model is still a draft)."""
    from comparisons.models import ReviewStamp  # loaded with wagtail.models: see above
    from comparisons.review.status import pair_snapshot

    _, facts = pair_snapshot(page)
    if facts is None and drafts_allowed:
        _, facts = pair_snapshot(page, live_only=False)
    if facts is None:
        return None
    return ReviewStamp.objects.create(
        page=page,
        revision=revision,
        reviewer=reviewer,
        reviewer_name=_name(reviewer),
        fact_checker=fact_checker,
        fact_checker_name=_name(fact_checker),
        reviewed_on=reviewed_on or timezone.localdate(),
        facts=facts,
        fingerprint=fingerprint(facts),
        acknowledged_claims=acknowledged or [],
        note=note,
    )


def _name(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def stamp_historical_review(page: Any, reviewed_on: date, *, note: str, revision: Any = None):
    """Keep a review that predates this site (a seed or legacy page) with its own date.

    The stamp has no reviewer and holds the facts as they are when it is recorded, so
    later data changes make the page stale like any other. Nothing is added when the page
    already has a review on or after that date: a later review supersedes it, and loading
    the same date twice adds nothing. Returns the new stamp, or None."""
    if page.review_stamps.filter(reviewed_on__gte=reviewed_on).exists():
        return None
    return stamp_review(
        page, reviewed_on=reviewed_on, revision=revision, note=note, drafts_allowed=True
    )


def reviewed_revision(workflow_state: Any) -> Any:
    """The revision a finished workflow approved: the one its last task was reviewing.

    Not the page's latest revision: a draft saved while the page was in review (after the
    task started) was never approved, and stays a draft."""
    task_state = workflow_state.current_task_state
    if task_state is not None and task_state.revision_id is not None:
        return task_state.revision
    return workflow_state.content_object.get_latest_revision()


def publish_approved(workflow_state: Any, user: Any = None) -> None:
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish the approved revision.

    Like Wagtail's default (`wagtail.workflows.publish_workflow_state`), with two
    differences: the revision published is the one the workflow reviewed (see
    `reviewed_revision`), and the approval is the permission: reviewers do not hold the
    page publish right, so that publishing happens only through review, and Wagtail's
    default would require it."""
    reviewed_revision(workflow_state).publish(user=user, skip_permission_checks=True)


def on_workflow_approved(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:
    """workflow_approved: the workflow has just published the approved revision."""
    from comparisons.models import ComparisonPage, FactCheckTask  # see the module docstring
    from comparisons.review.status import claim_check_for_revision

    page = instance.content_object
    if not isinstance(page, ComparisonPage):
        specific = getattr(page, "specific", None)
        if not isinstance(specific, ComparisonPage):
            return
        page = specific
    revision = reviewed_revision(instance)
    # The claims that contradict the data and were accepted in the fact check.
    accepted = claim_check_for_revision(revision).acknowledged if revision else []
    fact_check = (
        instance.task_states.filter(status="approved", task__in=FactCheckTask.objects.values("pk"))
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    stamp_review(
        page,
        reviewer=user,
        fact_checker=fact_check.finished_by if fact_check else None,
        revision=revision,
        acknowledged=[str(c) for c in accepted],
        note="Approved through the Editorial review workflow.",
    )
