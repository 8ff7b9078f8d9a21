"""The legacy import's report: per page what happened, as printed lines and as data.

Entries have the import log's shape (`ImportRun.report`): {"kind", "subject", "field",
"old", "new", "message"}, plus "page", the file the entry comes from. For a conflict, "old"
is our data and "new" what the legacy page says (it is not imported).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from comparisons.formatting import plural

KINDS = ("added", "changed", "conflict", "warning")


@dataclass(frozen=True)
class Entry:
    kind: str  # one of KINDS
    subject: str
    field: str
    message: str
    old: str | None = None
    new: str | None = None
    page: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "message": self.message,
            "page": self.page,
        }


@dataclass(frozen=True)
class ModelMatch:
    side: str  # "A" or "B", as the legacy page's title orders them
    name: str  # as the legacy page names it
    title: str  # our model page's title
    how: str  # "matched by slug “qwen3-5-4b”", "created as a draft model page", ...
    created: bool = False


@dataclass
class PageReport:
    source: str
    title: str
    action: str = ""  # "created", "updated" or "unchanged"
    page: Any = None  # the ComparisonPage (rolled back in a dry run)
    models: list[ModelMatch] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    def add(self, kind: str, subject: str, field_name: str, message: str, **values: Any) -> None:
        self.entries.append(Entry(kind, subject, field_name, message, page=self.source, **values))

    def warn(self, message: str) -> None:
        self.add("warning", self.title, "", message)

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == kind]

    @property
    def heading(self) -> str:
        what = {"created": "created as a draft", "updated": "updated (new draft revision)"}
        return f"{self.source}: “{self.title}” {what.get(self.action, self.action)}"

    def lines(self) -> list[str]:
        out = [self.heading]
        out += [f"  model {m.side}: {m.name}: {m.how}" for m in self.models]
        out += [f"  {entry.kind}: {entry.message}" for entry in self.entries]
        return out


@dataclass
class ImportResult:
    pages: list[PageReport]
    dry_run: bool = False
    run: Any = None  # the ImportRun written (None in a dry run)

    @property
    def entries(self) -> list[Entry]:
        return [entry for page in self.pages for entry in page.entries]

    def count(self, kind: str) -> int:
        return sum(1 for entry in self.entries if entry.kind == kind)

    def pages_with(self, action: str) -> int:
        return sum(1 for page in self.pages if page.action == action)

    def summary(self) -> str:
        text = (
            f"{plural(len(self.pages), 'page')}: {self.pages_with('created')} created, "
            f"{self.pages_with('updated')} updated, {self.pages_with('unchanged')} unchanged; "
            f"{plural(self.count('conflict'), 'conflict')}, "
            f"{plural(self.count('warning'), 'warning')}."
        )
        return f"Dry run, nothing saved. {text}" if self.dry_run else text

    def lines(self) -> list[str]:
        return [line for page in self.pages for line in page.lines()] + [self.summary()]
