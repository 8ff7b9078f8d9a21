from typing import Any

from django import template

from comparisons.review.changes import fact_check_summary as summary_of

register = template.Library()


@register.simple_tag
def fact_check_summary(task_state: Any) -> Any:
    """What the reviewer approves (see `comparisons.review.changes`)."""
    return summary_of(task_state.revision)
