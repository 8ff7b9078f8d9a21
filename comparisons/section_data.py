"""Writing a comparison page's sections as raw stream data, and comparing two versions.

Shared by the demo loader and the legacy page importer: a page starts with the default
sections (comparisons/blocks.py) holding the editors' prose, and a page whose stream is
unchanged, block ids aside, needs no new revision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from comparisons.blocks import default_sections

# The sections editors write, and the field holding their prose.
PROSE_FIELDS = {"verdict": "text", "deep_dive": "body", "faq": "items"}


def prose_values(
    verdict: str = "", deep_dive: str = "", faq: Iterable[Mapping[str, str]] = ()
) -> dict[str, dict[str, Any]]:
    """Values of the three editor sections: rich text, and FAQ {"question", "answer"}s."""
    return {
        "verdict": {"heading": "", "text": verdict},
        "deep_dive": {"heading": "", "body": deep_dive},
        "faq": {"heading": "", "items": [dict(item) for item in faq]},
    }


def default_section_data(values: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A new page's stream: every default section in order, with `values` where given."""
    return [
        {"type": name, "value": values.get(name, {"heading": ""})} for name, _ in default_sections()
    ]


def with_prose(
    raw: Sequence[Mapping[str, Any]], values: Mapping[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """`raw` with the prose of the editor sections replaced by `values`.

    Everything else stays as the page has it (order, headings, other sections, block ids);
    an editor section the page no longer has is put back at its default position."""
    order = [name for name, _ in default_sections()]
    out = [dict(block) for block in raw]
    for name, value in values.items():
        field = PROSE_FIELDS[name]
        existing = next((b for b in out if b.get("type") == name), None)
        if existing is not None:
            existing["value"] = {**(existing.get("value") or {}), field: value[field]}
            continue
        later = set(order[order.index(name) + 1 :])
        at = next((i for i, b in enumerate(out) if b.get("type") in later), len(out))
        out.insert(at, {"type": name, "value": dict(value)})
    return out


def without_ids(value: Any) -> Any:
    """Stream data without block ids, and list items as bare values, for comparison."""
    if isinstance(value, list | tuple):
        return [without_ids(v) for v in value]
    if isinstance(value, dict):
        if set(value) <= {"type", "value", "id"} and value.get("type") == "item":
            return without_ids(value["value"])
        return {k: without_ids(v) for k, v in value.items() if k != "id"}
    return value
