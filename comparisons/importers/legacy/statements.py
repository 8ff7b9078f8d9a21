"""The facts a legacy page states outside its prose, as `Statement`s for the conflict report.

The comparison tables (their columns follow the headers that name the models), the
cheapest route under each model in the monthly cost, the release years and labs in the
intro, and the providers the FAQ names. Pure: no Django, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape

from comparisons.importers.legacy.document import TABLE_SECTIONS, Block, collapse
from comparisons.importers.legacy.values import (
    HEADER_LABELS,
    Statement,
    row_statements,
    split_list,
)

_CHEAPEST_ROUTE = re.compile(r"^cheapest tracked route(?:/tier)?:\s*(?P<route>.+?)\.?$", re.I)
_AVAILABLE = re.compile(r"^(?P<model>.+?) is available on (?P<providers>.+?)\.?$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Lab names are bounded so the search stays linear on a crafted intro.
_LABS = re.compile(r"\bmodels? from (?P<a>[^.,]{1,80}?) and (?P<b>[^.,]{1,80}?)\.")


class StatedFacts:
    """Reads what a page states about its two models (`names`, in the title's order),
    collecting the warnings the table rows raise."""

    def __init__(
        self, names: tuple[str, str], sections: dict[str, list[Block]], headings: dict[str, str]
    ) -> None:
        self.names, self.sections, self.headings = names, sections, headings
        self.warnings: list[str] = []

    def side_of(self, text: str) -> str | None:
        folded = collapse(text).casefold()
        for side, name in zip(("a", "b"), self.names, strict=True):
            if folded == name.casefold():
                return side
        return None

    def column_order(self, header: tuple[str, ...]) -> list[str | None]:
        return [self.side_of(cell) for cell in header[1:3]]

    def table_statements(self) -> list[Statement]:
        tables = [
            (section, list(block.rows))
            for section in self.sections
            if section in TABLE_SECTIONS
            for block in self.sections[section]
            if block.kind == "table" and block.rows
        ]
        headers = [rows[0] for _, rows in tables if rows[0][0].casefold() in HEADER_LABELS]
        # Columns follow the headers that name the models; a header without names (the
        # specs table's) follows the others, and the title's order only when none name them.
        named = [order for order in map(self.column_order, headers) if None not in order]
        page_swap = bool(named) and named[0] == ["b", "a"]
        statements: list[Statement] = []
        for section, rows in tables:
            swap = page_swap
            if rows[0][0].casefold() in HEADER_LABELS:
                order = self.column_order(rows.pop(0))
                swap = order == ["b", "a"] if None not in order else page_swap
            for cells in rows:
                if swap and len(cells) == 3:
                    cells = (cells[0], cells[2], cells[1])
                found, warnings = row_statements(section, self.headings[section], cells)
                statements += found
                self.warnings += warnings
        return statements

    def route_statements(self) -> list[Statement]:
        """ "Cheapest tracked route: OpenRouter" under each model in the monthly cost."""
        statements, side = [], None
        where = self.headings.get("monthly_cost", "")
        for block in self.sections.get("monthly_cost", []):
            side = self.side_of(block.text) or side
            match = _CHEAPEST_ROUTE.match(block.text)
            if match and side:
                route = match["route"].strip()
                statements.append(Statement(side, "cheapest_route", route, route, where))
        return statements

    def intro_statements(self, intro: str) -> list[Statement]:
        """ "gpt-oss-120b (2025) and Qwen3.5-4B (2026) are ... models from OpenAI and
        Alibaba."""
        statements = []
        for side, name in zip(("a", "b"), self.names, strict=True):
            year = re.search(re.escape(name) + r"\s*\((?P<year>\d{4})\)", intro)
            if year:
                value = int(year["year"])
                statements.append(Statement(side, "release_year", year["year"], value, "Intro"))
        labs = _LABS.search(intro)
        if labs:
            for side in ("a", "b"):
                lab = labs[side].strip()
                statements.append(Statement(side, "lab", lab, lab, "Intro"))
        return statements

    def availability_statements(self, answers: Iterable[str]) -> list[Statement]:
        """ "gpt-oss-120b is available on OpenRouter, Together AI, and NVIDIA NIM." in the
        FAQ's answers (their markup)."""
        statements = []
        for answer_html in answers:
            text = collapse(unescape(re.sub(r"<[^>]+>", " ", answer_html)))
            for sentence in _SENTENCE_END.split(text):
                match = _AVAILABLE.match(sentence.strip())
                side = self.side_of(match["model"]) if match else None
                if match is None or side is None or "being sourced" in match["providers"]:
                    continue
                providers = split_list(match["providers"])
                shown = ", ".join(providers)
                statements.append(Statement(side, "providers", shown, providers, "FAQ"))
        return statements
