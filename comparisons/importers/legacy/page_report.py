"""What the legacy import did with each file: the models it matched, the page it wrote, and
its part of the run's report (`comparisons.importers.report`).

For a conflict, an entry's "old" is our data and "new" what the legacy page says (it is
not imported).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from comparisons.engine.formatting import plural
from comparisons.importers.report import Entry, ImportReport
from comparisons.models import ImportRun


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
    page_id: int | None = None  # the page's id, as the import log keeps it

    def as_dict(self, *, dry_run: bool) -> dict[str, Any]:
        """What the import log keeps of it (`ImportRun.pages`); the entries are kept with
        the run's. A dry run's page was rolled back: there is nothing to link to."""
        return {
            "source": self.source,
            "title": self.title,
            "action": self.action,
            "page_id": None if dry_run or self.page is None else self.page.pk,
            "models": [dataclasses.asdict(model) for model in self.models],
        }

    @classmethod
    def from_run(cls, stored: dict[str, Any], entries: list[Entry]) -> PageReport:
        return cls(
            source=stored["source"],
            title=stored["title"],
            action=stored["action"],
            page_id=stored.get("page_id"),
            models=[ModelMatch(**model) for model in stored.get("models", [])],
            entries=[entry for entry in entries if entry.page == stored["source"]],
        )

    def add(
        self,
        kind: str,
        subject: str,
        field_name: str,
        message: str,
        old: str | None = None,
        new: str | None = None,
    ) -> None:
        self.entries.append(
            Entry(kind, subject, field_name, old, new, message=message, page=self.source)
        )

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


def run_report(source: str, pages: list[PageReport], *, dry_run: bool) -> ImportReport:
    """The run's report: every file's entries, in the order of the files."""
    return ImportReport(
        source=source,
        describe=summary,
        dry_run=dry_run,
        entries=[entry for page in pages for entry in page.entries],
        pages=pages,
    )


def summary(report: ImportReport) -> str:
    """ "2 pages: 1 created, 1 updated, 0 unchanged; 1 conflict, 0 warnings."."""

    def pages_with(action: str) -> int:
        return sum(1 for page in report.pages if page.action == action)

    text = (
        f"{plural(len(report.pages), 'page')}: {pages_with('created')} created, "
        f"{pages_with('updated')} updated, {pages_with('unchanged')} unchanged; "
        f"{plural(report.count('conflict'), 'conflict')}, "
        f"{plural(report.count('warning'), 'warning')}."
    )
    return f"Dry run, nothing saved. {text}" if report.dry_run else text


def pages_of(run: ImportRun) -> list[PageReport]:
    """The per-file reports of a recorded run, as the import wrote them."""
    entries = [Entry(**entry) for entry in run.report]
    return [PageReport.from_run(stored, entries) for stored in run.pages]


def lines(report: ImportReport) -> list[str]:
    """The report as printed: each file's lines."""
    return [line for page in report.pages for line in page.lines()]
