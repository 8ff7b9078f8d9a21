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


def form_data(html: str | bytes, form_id: str = "page-edit-form") -> dict[str, list[str]]:
    """What a browser would submit for the form, unchanged: every named control outside
    <template>s, checked boxes only, each select's chosen options."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    assert form is not None, f"no form with id={form_id!r}"
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.find_parent("template") or field.has_attr("disabled"):
            continue
        if field.name == "select":
            chosen = [o.get("value", o.get_text()) for o in field.find_all("option", selected=True)]
            if not chosen and not field.has_attr("multiple"):
                first = field.find("option")
                chosen = [first.get("value", first.get_text())] if first else []
            data.setdefault(name, []).extend(chosen)
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.get_text())
        else:
            kind = field.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                continue
            if kind in ("checkbox", "radio") and not field.has_attr("checked"):
                continue
            data.setdefault(name, []).append(field.get("value", "on" if kind == "checkbox" else ""))
    return data
