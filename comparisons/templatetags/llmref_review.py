from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def fact_check_summary(task_state: Any) -> dict[str, Any]:
    """What the fact-checker approves: the diff since the last review and the claims in
    the revision under review that contradict the data."""
    from comparisons.review.status import (
        flagged_claims_for_revision,
        status_for_page,
    )

    revision = task_state.revision
    page = revision.as_object()
    status = status_for_page(page)
    return {
        "stamp": status.stamp,
        "changes": status.changes,
        "claims": flagged_claims_for_revision(revision),
    }
