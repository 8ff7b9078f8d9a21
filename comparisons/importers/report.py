"""One import run's report, shared by both importers, their admin views, the commands and
the import log.

An entry has the import log's shape (`ImportRun.report`): {"kind", "subject", "field",
"old", "new", "message"}, plus "page" for an entry that comes from one file of several
(the legacy import). For a conflict, "old" is our value and "new" the one the source
says (not imported).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.text import Truncator

from comparisons.models import ImportRun

KINDS = ("added", "changed", "retired", "conflict", "warning")
HEADINGS = {
    "added": "Added",
    "changed": "Changed",
    "retired": "Retired",
    "conflict": "Conflicts",
    "warning": "Warnings",
}
# Entries about the source as a whole (a partial or dated snapshot) have this subject.
SOURCE_SUBJECT = "Snapshot"


@dataclass(frozen=True)
class Entry:
    kind: str  # one of KINDS
    subject: str
    field: str = ""
    old: str | None = ""
    new: str | None = ""
    message: str = ""
    page: str = ""  # the file the entry comes from, when a run reads several

    def line(self) -> str:
        if self.message:
            return f"{self.kind:<9} {self.subject}: {self.message}"
        if self.kind == "changed" or (self.kind == "conflict" and self.old):
            return f"{self.kind:<9} {self.subject} {self.field}: {self.old} → {self.new}"
        return f"{self.kind:<9} {self.subject}" + (f" {self.field}" if self.field else "")

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "subject": self.subject,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "message": self.message,
        }
        if self.page:
            out["page"] = self.page
        return out


@dataclass
class ImportReport:
    """What one run did (or, in a dry run, would do).

    `tally` counts what the importer wrote, by name ("models added", "routes retired"), for
    its summary; `pages` holds per-file reports when a run reads several files. Each
    importer words its own one-line summary (`describe`)."""

    source: str
    describe: Callable[[ImportReport], str]
    dry_run: bool = False
    snapshot: date | None = None
    entries: list[Entry] = field(default_factory=list)
    tally: Counter[str] = field(default_factory=Counter)
    # Older than the newest snapshot imported: only the price history was written.
    history_only: bool = False
    pages: list[Any] = field(default_factory=list)
    run: ImportRun | None = None  # the import log's record (None in a dry run)

    def add(self, kind: str, subject: str, **values: str) -> None:
        self.entries.append(Entry(kind, subject, **values))

    def count(self, kind: str) -> int:
        return sum(1 for entry in self.entries if entry.kind == kind)

    @property
    def changed_anything(self) -> bool:
        return any(entry.kind in ("added", "changed", "retired") for entry in self.entries)

    @property
    def run_id(self) -> int | None:
        return self.run.pk if self.run is not None else None

    def summary(self) -> str:
        return self.describe(self)

    @property
    def notices(self) -> list[Entry]:
        """Warnings about the source as a whole: shown first."""
        return [entry for entry in self.entries if entry.subject == SOURCE_SUBJECT]

    def put_in_report_order(self) -> None:
        """Notices about the source first, then by kind: what changed before warnings."""
        order = {kind: n for n, kind in enumerate(KINDS)}
        self.entries.sort(key=lambda e: (e.subject != SOURCE_SUBJECT, order.get(e.kind, 9)))

    def lines(self) -> list[str]:
        return [entry.line() for entry in self.entries]

    def sections(self) -> list[tuple[str, str, list[str]]]:
        """Every line of the report, by kind in report order: (kind, heading, lines)."""
        grouped: dict[str, list[str]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.kind, []).append(entry.line())
        return [
            (kind, HEADINGS.get(kind, kind.capitalize()), lines) for kind, lines in grouped.items()
        ]

    def record(self, kind: str, *, user: Any = None, **fields: Any) -> ImportRun:
        """Write the run to the import log: onto the run it was started as, when there is
        one (queued from the admin or a schedule), else as a new row."""
        run = self.run or ImportRun(kind=kind, user=user if getattr(user, "pk", None) else None)
        values = {
            "source": Truncator(self.source).chars(300),
            "added": self.count("added"),
            "changed": self.count("changed"),
            "retired": self.count("retired"),
            "conflicts": self.count("conflict"),
            "warnings": self.count("warning"),
            "summary": Truncator(self.summary()).chars(300),
            "report": [entry.as_dict() for entry in self.entries],
            "pages": [page.as_dict(dry_run=self.dry_run) for page in self.pages],
            "finished_at": timezone.now(),
            "state": ImportRun.State.DONE,
            "dry_run": self.dry_run,
            **fields,
        }
        for name, value in values.items():
            setattr(run, name, value)
        run.save()
        self.run = run
        return run
