"""Reading facts back out of rendered HTML."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag


def text_of(node: Tag | None) -> str:
    """Visible text with runs of white space collapsed."""
    if node is None:
        return ""
    return " ".join(node.get_text(" ", strip=True).split())


def section(soup: BeautifulSoup, section_id: str) -> Tag:
    node = soup.find(id=section_id)
    assert node is not None, f"no element with id={section_id!r}"
    return node


def row_table(container: Tag) -> dict[str, list[str]]:
    """A table whose rows are labelled by <th scope="row">: {label: [cell, cell, ...]}."""
    rows: dict[str, list[str]] = {}
    for tr in container.select("tr"):
        header = tr.find("th", attrs={"scope": "row"})
        if header is None:
            continue
        rows[text_of(header)] = [text_of(td) for td in tr.find_all("td")]
    return rows


def column_headers(table: Tag) -> list[str]:
    return [text_of(th) for th in table.select("thead th")]
