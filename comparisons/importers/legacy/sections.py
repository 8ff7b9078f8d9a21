"""A legacy page's prose as a comparison page's section values, and how it differs from
what the page has: what the import writes and reports."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bs4 import BeautifulSoup
from django.utils.text import Truncator

from comparisons.blocks.stream_data import prose_values, without_ids
from comparisons.engine import formatting as fmt
from comparisons.importers.legacy import prose as legacy_prose
from comparisons.importers.legacy.document import collapse
from comparisons.importers.legacy.parse import LegacyPage

PROSE_LABELS = {"verdict": "verdict", "deep_dive": "deep dive", "faq": "FAQ"}


def prose(legacy: LegacyPage) -> dict[str, dict]:
    faq = []
    for entry in legacy.faq:
        answer = legacy_prose.faq_answer(entry.answer_html)
        if answer:
            faq.append({"question": entry.question, "answer": answer})
    return prose_values(
        legacy_prose.verdict(legacy.verdict_html),
        legacy_prose.deep_dive(legacy.deep_dive_html),
        faq,
    )


def plain(html: str, length: int = 100) -> str:
    text = " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())
    return Truncator(text).chars(length) if text else "(empty)"


_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def comparable(value: Any) -> Any:
    """Stream data as compared for changes: without block ids, and without the
    `data-block-key`s Draftail adds to rich text when an editor saves the page."""
    value = without_ids(value)
    if isinstance(value, str):
        return _BLOCK_KEY.sub("", value)
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items()}
    return value


def faq_summary(items: Sequence[dict]) -> str:
    return fmt.plural(len(items), "question")


def faq_change(old: Sequence[dict], new: Sequence[dict]) -> str:
    """ "6 questions (1 new, 2 with a changed answer)"."""
    before = {item.get("question"): item.get("answer") for item in old}
    after = {item.get("question"): item.get("answer") for item in new}
    parts = [
        fmt.plural(len(after.keys() - before.keys()), "new question", "new questions"),
        f"{len(before.keys() - after.keys())} removed",
        f"{sum(1 for q in after.keys() & before.keys() if after[q] != before[q])} "
        "with a changed answer",
    ]
    return f"{faq_summary(new)} ({', '.join(p for p in parts if not p.startswith('0 '))})"


def is_empty(value: Any) -> bool:
    """An editor section with nothing in it: no FAQ items, or rich text without text."""
    if not value:
        return True
    if isinstance(value, str):
        return not collapse(BeautifulSoup(value, "html.parser").get_text())
    return False
