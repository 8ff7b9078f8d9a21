"""What a comparison page's sections say, read from the StreamField's raw data.

Raw data holds ids and HTML strings, so a whole listing of pages can be read without a
query per page (block values would fetch each chosen snippet on their own)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


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
    for value in _blocks(raw, "monthly_cost"):
        if value.get("traffic_profile"):
            return int(value["traffic_profile"])
    return None


def chosen_capability_ids(raw: Sequence[dict[str, Any]] | None) -> list[int]:
    for value in _blocks(raw, "capabilities"):
        return [int(pk) for pk in _items(value.get("capabilities")) if pk]
    return []


def faq_items(block: dict[str, Any]) -> list[tuple[str, str]]:
    """(question, answer html) of a raw FAQ block."""
    items = []
    for item in _items((block.get("value") or {}).get("items")):
        item = item or {}
        items.append((item.get("question") or "", item.get("answer") or ""))
    return items


def prose_fragments(raw: Sequence[dict[str, Any]] | None) -> list[tuple[str, str]]:
    """(where, html) for every editor-written text: verdict, deep dive, FAQ answers,
    prose sections."""
    fragments: list[tuple[str, str]] = []
    for block in raw or []:
        value = block.get("value") or {}
        kind = block.get("type")
        if kind == "verdict":
            fragments.append(("Verdict", value.get("text") or ""))
        elif kind == "deep_dive":
            fragments.append(("Deep dive", value.get("body") or ""))
        elif kind == "faq":
            for item in _items(value.get("items")):
                item = item or {}
                fragments.append((f"FAQ: {item.get('question', '')}", item.get("answer") or ""))
        elif kind == "prose":
            fragments.append((value.get("heading") or "Prose section", value.get("body") or ""))
    return fragments
