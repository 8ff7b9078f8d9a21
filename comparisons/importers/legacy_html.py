"""HTML legacy pages -> blocks, read with BeautifulSoup.

The page is walked in document order: headings, paragraphs, tables and lists become
blocks; containers (div, section, main, footer, ...) are looked into; loose inline content
becomes a paragraph. Script, style and navigation are skipped. The markup of paragraphs and
lists is kept as it is (it is sanitised before it is saved). Pure: no Django, no database.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from comparisons.importers.legacy_document import Block, collapse

_SKIPPED = frozenset(
    {
        "script", "style", "template", "noscript", "head", "nav", "svg", "math", "iframe",
        "object", "embed", "form", "button", "input", "select", "textarea", "canvas",
    }
)  # fmt: skip
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "br", "cite", "code", "data", "del", "em", "font", "i",
        "img", "ins", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup",
        "time", "u", "var", "wbr",
    }
)  # fmt: skip
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_NOT_CONTENT = (Comment, Declaration, Doctype, ProcessingInstruction)


def _text(node: PageElement) -> str:
    if isinstance(node, Tag):
        return collapse(node.get_text(" "))
    return collapse(str(node))


def _cell_text(cell: Tag) -> str:
    """A cell listing several links or items reads as "A, B, C"."""
    parts = cell.find_all(["a", "li"])
    if len(parts) > 1:
        return ", ".join(_text(part) for part in parts)
    return _text(cell)


def _table(table: Tag) -> Block:
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue  # a row of a nested table
        cells = tuple(_cell_text(cell) for cell in tr.find_all(["th", "td"], recursive=False))
        if any(cells):
            rows.append(cells)
    return Block("table", rows=tuple(rows))


def _list(node: Tag) -> Block:
    items = tuple((_text(li),) for li in node.find_all("li", recursive=False))
    return Block("list", _text(node), str(node), rows=items)


def _walk(node: Tag, out: list[Block]) -> None:
    inline: list[PageElement] = []

    def flush() -> None:
        text = collapse("".join(n.get_text() if isinstance(n, Tag) else str(n) for n in inline))
        if text:
            out.append(Block("para", text, "<p>" + "".join(str(n) for n in inline) + "</p>"))
        inline.clear()

    for child in node.children:
        if isinstance(child, _NOT_CONTENT):
            continue
        if isinstance(child, NavigableString):
            inline.append(child)
            continue
        if not isinstance(child, Tag) or child.name in _SKIPPED:
            continue
        name = child.name
        if name in _INLINE:
            inline.append(child)
            continue
        flush()
        if name in _HEADINGS:
            out.append(Block("heading", _text(child), level=_HEADINGS[name]))
        elif name in ("dt", "summary"):  # FAQ written as <dl> or <details>
            out.append(Block("heading", _text(child), level=4))
        elif name == "p":
            if _text(child):
                out.append(Block("para", collapse(child.get_text()), str(child)))
        elif name == "table":
            out.append(_table(child))
        elif name in ("ul", "ol"):
            out.append(_list(child))
        else:
            _walk(child, out)
    flush()


def read_html(data: bytes) -> tuple[list[Block], str]:
    """The page's blocks, and the text of its <title> (a fallback for a missing <h1>)."""
    soup = BeautifulSoup(data, "html.parser")
    title = _text(soup.title) if soup.title else ""
    blocks: list[Block] = []
    _walk(soup, blocks)
    return blocks, title
