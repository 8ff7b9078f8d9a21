"""Editors own the values they set: the rule an importer follows for every value it writes.

A field whose value no longer equals what the importer last wrote there was set (or
cleared) by hand, and a differing incoming value is reported as a conflict instead of
written. What the importer wrote is kept per value, with the snapshot it came from
(`Provenance`, stored on the row as {"source", "values": {field: {"value", "snapshot"}}}).

Values are compared and recorded as text, a related row (a lab) by its
slug and primary key.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from comparisons.importers.report import Entry


def text(value: Any) -> str:
    """A value as the report shows it and the provenance records it."""
    if value is None:
        return "—"
    slug = getattr(value, "slug", None)
    if slug is not None:  # a related row
        return slug
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    return str(value)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a.compare(b) == 0
    if hasattr(a, "pk") or hasattr(b, "pk"):
        return getattr(a, "pk", a) == getattr(b, "pk", b)
    return a == b


class Provenance:
    """Per-value record of what the importer wrote: {field: {"value", "snapshot"}}."""

    def __init__(self, stored: dict, source: str, snapshot: date) -> None:
        self.source = source
        self.snapshot = snapshot.isoformat()
        self.values: dict[str, dict[str, str]] = dict(stored.get("values", {}))
        self.original = stored

    def recorded(self, name: str) -> str | None:
        entry = self.values.get(name)
        return entry["value"] if entry else None

    def record(self, name: str, value: Any) -> None:
        if self.recorded(name) != text(value):
            self.values[name] = {"value": text(value), "snapshot": self.snapshot}

    def data(self) -> dict:
        return {"source": self.source, "values": self.values}

    @property
    def changed(self) -> bool:
        return self.data() != self.original


def decide(current: Any, recorded: str | None, incoming: Any) -> str:
    """set | keep | adopt | conflict, for one value.

    keep: the source says nothing; adopt: it already holds the incoming value; set: the
    importer may write it; conflict: an editor set or cleared it, so it stays."""
    if incoming is None:
        return "keep"
    if current in (None, ""):
        # Empty after the importer wrote a value: an editor cleared it on purpose.
        return "set" if recorded is None else "conflict"
    if same(current, incoming):
        return "adopt"
    if recorded is not None and recorded == text(current):
        return "set"
    return "conflict"


def editor_did(current: Any) -> str:
    return (
        "cleared by an editor" if current in (None, "") else f"set by an editor to {text(current)}"
    )


def judge(
    current: Any,
    incoming: Any,
    key: str,
    label: str,
    provenance: Provenance,
    subject: str,
    changes: list[Entry],
) -> bool:
    """The rule for one value: records provenance, reports a change or a conflict, and says
    whether the caller should write the incoming value."""
    decision = decide(current, provenance.recorded(key), incoming)
    if decision in ("set", "adopt"):
        provenance.record(key, incoming)
    if decision == "set":
        changes.append(Entry("changed", subject, label, text(current), text(incoming)))
    elif decision == "conflict":
        changes.append(
            Entry(
                "conflict",
                subject,
                label,
                text(current),
                text(incoming),
                f"{label} {editor_did(current)}; catalogue says {text(incoming)} "
                "(kept the editor's value)",
            )
        )
    return decision == "set"


def write(
    obj: Any,
    name: str,
    incoming: Any,
    label: str,
    provenance: Provenance,
    subject: str,
    changes: list[Entry],
) -> None:
    """Judge one field of `obj` and set it when the rule lets the importer write it."""
    if judge(getattr(obj, name), incoming, name, label, provenance, subject, changes):
        setattr(obj, name, incoming)
