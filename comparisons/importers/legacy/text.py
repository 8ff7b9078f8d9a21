"""Plain-text legacy pages -> blocks.

Two layouts exist: one line per paragraph with Markdown-style "| a | b |" tables, and text
copied from the rendered page, where paragraphs are separated by blank lines and table
cells run together ("Context window131K262K"). Both read the same way here: a line that
is a known section heading opens that section; in a table section, a line that reads as a
row is one; everything else is a paragraph or a bullet. Pure: no Django, no database.
"""

from __future__ import annotations

import re
from html import escape

from comparisons.importers.legacy.document import (
    TABLE_SECTIONS,
    Block,
    collapse,
    section_key,
    title_match,
)
from comparisons.importers.legacy.values import split_row

_BULLET = re.compile(r"^[-*•·]\s+(?P<text>.+)$")
_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
# A line naming a pair, even incompletely ("GPT-5 vs"): the page's title, to be checked.
_TITLE_HINT = re.compile(r"\b(?:vs\.?|versus)(?:\s|$)", re.IGNORECASE)


def pipe_cells(line: str) -> tuple[str, ...]:
    """Cells of a "| a | b |" row; () for a "|---|---|" separator. Text before the first
    bar is a caption that lost its line break ("Local evidence first| Signal | ...")."""
    if not line.startswith("|"):
        line = "|" + line.split("|", 1)[1]
    cells = tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
    if all(_SEPARATOR_CELL.match(cell) for cell in cells if cell):
        return ()
    return cells


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.section: str | None = None
        self.names: tuple[str, str] | None = None
        self.rows: list[tuple[str, ...]] = []
        self.items: list[str] = []

    def flush(self) -> None:
        if self.rows:
            self.blocks.append(Block("table", rows=tuple(self.rows)))
            self.rows = []
        if self.items:
            html = "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in self.items) + "</ul>"
            text = " ".join(self.items)
            self.blocks.append(Block("list", text, html, rows=tuple((i,) for i in self.items)))
            self.items = []

    def table_row(self, line: str) -> tuple[str, ...] | None:
        if self.section not in TABLE_SECTIONS:
            return None
        if "|" in line:
            return pipe_cells(line)
        return split_row(self.section, line, self.names or ("", ""))

    def line(self, line: str) -> None:
        if not line:
            self.flush()
            return
        key = section_key(line)
        if key is not None:
            self.flush()
            self.blocks.append(Block("heading", line, level=2))
            self.section = key
            return
        if self.names is None and self.section is None and _TITLE_HINT.search(line):
            match = title_match(line)
            self.names = (match["a"], match["b"]) if match else ("", "")
            self.flush()
            self.blocks.append(Block("heading", line, level=1))
            return
        cells = self.table_row(line)
        if cells is not None:
            if self.items:
                self.flush()
            if cells:
                self.rows.append(cells)
            return
        bullet = _BULLET.match(line)
        if bullet:
            if self.rows:
                self.flush()
            self.items.append(bullet["text"])
            return
        self.flush()
        self.blocks.append(Block("para", line, f"<p>{escape(line)}</p>"))


def read_text(text: str) -> list[Block]:
    reader = _Reader()
    for raw in text.splitlines():
        reader.line(collapse(raw))
    reader.flush()
    return reader.blocks
