"""A model's lifecycle: its status (alpha, beta, deprecated) and whether any provider
still lists it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from comparisons.engine import formatting as fmt

STATUS_LABELS = {"alpha": "Alpha", "beta": "Beta", "deprecated": "Deprecated"}
# How a status reads in a sentence: "GPT-4 Vision Preview is deprecated".
STATUS_PHRASES = {"alpha": "in alpha", "beta": "in beta", "deprecated": "deprecated"}


def unlisted_since(retired_on: Iterable[date | None]) -> date | None:
    """The day the last of a model's routes stopped being listed, when every route has;
    None while one route is listed (or the model has no routes at all)."""
    days = list(retired_on)
    if not days or any(day is None for day in days):
        return None
    return max(day for day in days if day is not None)


def lifecycle_notes(name: str, status: str, since: date | None) -> tuple[str, ...]:
    """Sentences readers see wherever the model is weighed: "X is deprecated.", "X is no
    longer listed by any provider since 2026-05-01."."""
    notes = []
    if status in STATUS_PHRASES:
        notes.append(f"{name} is {STATUS_PHRASES[status]}.")
    if since is not None:
        notes.append(f"{name} is no longer listed by any provider since {fmt.iso_date(since)}.")
    return tuple(notes)


def lifecycle_label(status: str, since: date | None) -> str:
    """The short form for tables and badges: "Deprecated", "Not listed since 2026-05-01",
    "Current"."""
    parts = []
    if status in STATUS_LABELS:
        parts.append(STATUS_LABELS[status])
    if since is not None:
        parts.append(f"not listed since {fmt.iso_date(since)}")
    if not parts:
        return "Current"
    text = "; ".join(parts)
    return text[0].upper() + text[1:]
