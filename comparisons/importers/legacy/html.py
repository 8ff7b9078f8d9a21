"""HTML legacy pages -> blocks, read with BeautifulSoup.

The page is walked in document order: headings, paragraphs, tables and lists become
blocks; containers (div, section, main, footer, ...) are looked into; loose inline content
becomes a paragraph. Script, style and navigation are skipped. The markup of paragraphs and
lists is kept as it is (it is sanitised before it is saved). Pure: no Django, no database.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from comparisons.importers.legacy.document import Block, collapse

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
# Real pages nest a few dozen elements deep at most (html > body > main > section > div >
# p > a > b ...). Deeper markup is refused: it is crafted, and every tree walk over it
# (ours, BeautifulSoup's, the rich-text converter's) recurses once per level.
MAX_DEPTH = 100
# The specimen pages have a few hundred elements; tens of thousands are not a page.
MAX_ELEMENTS = 20_000


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


class UnreadableMarkup(ValueError):
    """Markup no real page has: nested deeper, or with more elements, than any page does."""


class TooDeeplyNested(UnreadableMarkup):
    def __init__(self) -> None:
        super().__init__(
            f"the HTML nests elements more than {MAX_DEPTH} levels deep; a legacy page is "
            "never nested that deeply"
        )


class TooManyElements(UnreadableMarkup):
    def __init__(self) -> None:
        super().__init__(
            f"the HTML has more than {MAX_ELEMENTS:,} elements; a legacy page has a few hundred"
        )


def nesting_depth(root: Tag, limit: int) -> int:
    """How deep elements nest under `root`, counted without recursion; stops past `limit`."""
    return _measure(root, limit, None)[0]


def _measure(root: Tag, depth_limit: int, count_limit: int | None) -> tuple[int, int]:
    """(deepest nesting, number of elements) under `root`, without recursion; stops as soon
    as either passes its limit."""
    deepest, count, stack = 0, 0, [(root, 0)]
    while stack:
        node, depth = stack.pop()
        deepest, count = max(deepest, depth), count + 1
        if deepest > depth_limit or (count_limit is not None and count > count_limit):
            break
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tag))
    return deepest, count


def read_html(data: bytes) -> tuple[list[Block], str]:
    """The page's blocks, and the text of its <title> (a fallback for a missing <h1>).

    Raises TooDeeplyNested for markup nested past MAX_DEPTH (walking it, and later
    sanitising and converting its prose, recurse once per level), and TooManyElements for
    more than MAX_ELEMENTS elements (no page has them; reading them only takes time)."""
    soup = BeautifulSoup(data, "html.parser")
    depth, count = _measure(soup, MAX_DEPTH, MAX_ELEMENTS + 1)
    if depth > MAX_DEPTH:
        raise TooDeeplyNested
    if count > MAX_ELEMENTS + 1:  # the document itself is not an element
        raise TooManyElements
    title = _text(soup.title) if soup.title else ""
    blocks: list[Block] = []
    _walk(soup, blocks)
    return blocks, title
