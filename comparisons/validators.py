"""Field validators shared by snippets and page inlines."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone


def not_in_future(value: date | None) -> None:
    """A fact about a release, a check or a measurement cannot be dated after today."""
    if value is not None and value > timezone.localdate():
        raise ValidationError(
            "%(value)s is in the future; enter the date the fact was true.",
            code="future_date",
            params={"value": value.isoformat()},
        )
