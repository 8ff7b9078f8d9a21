"""A comparison page's sections as raw StreamField data: reading what they say, writing
the editors' prose, and comparing two versions.

Raw data holds ids and HTML strings, so a whole listing of pages can be read without a
query per page (block values would fetch each chosen snippet on their own). The demo
loader and the legacy page importer write it: a page starts with the default sections
holding the editors' prose, and a page whose stream is unchanged, block ids aside, needs
no new revision.

Every block and field name below is taken from the block classes in
`comparisons.blocks.sections` (the one schema), so a renamed section or child fails here,
at import, rather than reading nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from comparisons.blocks.sections import (
    SECTION_BLOCKS,
    CapabilitiesBlock,
    DeepDiveBlock,
    FAQBlock,
    FAQItemBlock,
    MonthlyCostBlock,
    ProseBlock,
    SectionBlock,
    VerdictBlock,
    default_sections,
)


def _stream_name(block_class: type[blocks.Block]) -> str:
    """The name a section of this class is stored under in the stream."""
    (name,) = [name for name, block in SECTION_BLOCKS if type(block) is block_class]
    return name


def _child(block_class: type[blocks.StructBlock], kind: type[blocks.Block]) -> str:
    """The name of the struct's one child block of `kind`."""
    (name,) = [n for n, child in block_class.base_blocks.items() if isinstance(child, kind)]
    return name


VERDICT = _stream_name(VerdictBlock)
DEEP_DIVE = _stream_name(DeepDiveBlock)
FAQ = _stream_name(FAQBlock)
PROSE = _stream_name(ProseBlock)
MONTHLY_COST = _stream_name(MonthlyCostBlock)
CAPABILITIES = _stream_name(CapabilitiesBlock)

HEADING = _child(SectionBlock, blocks.CharBlock)
VERDICT_TEXT = _child(VerdictBlock, blocks.RichTextBlock)
DEEP_DIVE_BODY = _child(DeepDiveBlock, blocks.RichTextBlock)
FAQ_ITEMS = _child(FAQBlock, blocks.ListBlock)
FAQ_QUESTION = _child(FAQItemBlock, blocks.CharBlock)
FAQ_ANSWER = _child(FAQItemBlock, blocks.RichTextBlock)
PROSE_HEADING = _child(ProseBlock, blocks.CharBlock)
PROSE_BODY = _child(ProseBlock, blocks.RichTextBlock)
TRAFFIC_PROFILE = _child(MonthlyCostBlock, SnippetChooserBlock)
CHOSEN_CAPABILITIES = _child(CapabilitiesBlock, blocks.ListBlock)

# The sections editors write, and the field holding their prose.
PROSE_FIELDS = {VERDICT: VERDICT_TEXT, DEEP_DIVE: DEEP_DIVE_BODY, FAQ: FAQ_ITEMS}
# Where a fragment of editors' text sits, as reviewers read it: the section's heading.
_VERDICT_SOURCE = dict(SECTION_BLOCKS)[VERDICT].meta.default_heading
_DEEP_DIVE_SOURCE = dict(SECTION_BLOCKS)[DEEP_DIVE].meta.default_heading


# --- reading -------------------------------------------------------------------------------


def _items(list_value: Any) -> list[Any]:
    """ListBlock raw data, in either of Wagtail's formats: [x, ...] or [{"type": "item",
    "value": x, "id": ...}, ...]."""
    out = []
    for item in list_value or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            out.append(item["value"])
        else:
            out.append(item)
    return out


def _blocks(raw: Iterable[dict[str, Any]] | None, block_type: str) -> list[dict[str, Any]]:
    return [b.get("value") or {} for b in raw or [] if b.get("type") == block_type]


def chosen_traffic_profile_id(raw: Sequence[dict[str, Any]] | None) -> int | None:
    for value in _blocks(raw, MONTHLY_COST):
        if value.get(TRAFFIC_PROFILE):
            return int(value[TRAFFIC_PROFILE])
    return None


def chosen_capability_ids(raw: Sequence[dict[str, Any]] | None) -> list[int]:
    for value in _blocks(raw, CAPABILITIES):
        return [int(pk) for pk in _items(value.get(CHOSEN_CAPABILITIES)) if pk]
    return []


def faq_items(block: dict[str, Any]) -> list[tuple[str, str]]:
    """(question, answer html) of a raw FAQ block."""
    items = []
    for item in _items((block.get("value") or {}).get(FAQ_ITEMS)):
        item = item or {}
        items.append((item.get(FAQ_QUESTION) or "", item.get(FAQ_ANSWER) or ""))
    return items


def prose_fragments(raw: Sequence[dict[str, Any]] | None) -> list[tuple[str, str]]:
    """(where, html) for every editor-written text: verdict, deep dive, FAQ answers,
    prose sections."""
    fragments: list[tuple[str, str]] = []
    for block in raw or []:
        value = block.get("value") or {}
        kind = block.get("type")
        if kind == VERDICT:
            fragments.append((_VERDICT_SOURCE, value.get(VERDICT_TEXT) or ""))
        elif kind == DEEP_DIVE:
            fragments.append((_DEEP_DIVE_SOURCE, value.get(DEEP_DIVE_BODY) or ""))
        elif kind == FAQ:
            for item in _items(value.get(FAQ_ITEMS)):
                item = item or {}
                fragments.append((f"FAQ: {item.get(FAQ_QUESTION, '')}", item.get(FAQ_ANSWER) or ""))
        elif kind == PROSE:
            fragments.append(
                (value.get(PROSE_HEADING) or "Prose section", value.get(PROSE_BODY) or "")
            )
    return fragments


# --- writing -------------------------------------------------------------------------------


def prose_values(
    verdict: str = "", deep_dive: str = "", faq: Iterable[Mapping[str, str]] = ()
) -> dict[str, dict[str, Any]]:
    """Values of the three editor sections: rich text, and FAQ {"question", "answer"}s."""
    return {
        VERDICT: {HEADING: "", VERDICT_TEXT: verdict},
        DEEP_DIVE: {HEADING: "", DEEP_DIVE_BODY: deep_dive},
        FAQ: {HEADING: "", FAQ_ITEMS: [dict(item) for item in faq]},
    }


def default_section_data(values: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A new page's stream: every default section in order, with `values` where given."""
    return [
        {"type": name, "value": values.get(name, {HEADING: ""})} for name, _ in default_sections()
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
