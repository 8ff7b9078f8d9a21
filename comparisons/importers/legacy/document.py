"""The legacy comparison page as a document: headings, paragraphs, tables and lists.

Both readers (plain text and HTML) turn a file into the same flat list of `Block`s, so
everything after reading (title, sections, prose, stated facts) is worked out once.
Pure: no Django, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The sections of the old pages, by their headings. They are also our own default
# headings (comparisons/blocks.py): the new pages were modelled on the old ones.
SECTION_HEADINGS: dict[str, str] = {
    "verdict": "verdict",
    "decision scorecard": "scorecard",
    "decision tradeoffs": "tradeoffs",
    "monthly cost at traffic": "monthly_cost",
    "switch friction": "switch_friction",
    "specs": "specs",
    "pricing and availability": "pricing",
    "capabilities": "capabilities",
    "benchmarks": "benchmarks",
    "deep dive": "deep_dive",
    "faq": "faq",
    "frequently asked questions": "faq",
    "continue comparing": "continue",
}
TABLE_SECTIONS = frozenset({"scorecard", "specs", "pricing", "capabilities"})

# "GPT-5.2 Codex vs Qwen3.5-4B"; "vs." and "versus" too. Short: a sentence is not a title.
TITLE_RE = re.compile(r"^(?P<a>.*?)\s+(?:vs\.?|versus)\s+(?P<b>.*?)$", re.IGNORECASE)
TITLE_MAX_LENGTH = 200


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "para", "table" or "list"
    text: str = ""  # visible text, white space collapsed
    html: str = ""  # the block's markup (escaped text for plain-text files), for prose
    level: int = 0  # headings: 1 for the page title, 2 for sections, 3+ below
    rows: tuple[tuple[str, ...], ...] = ()  # tables: cells as text; lists: one item each


def collapse(text: str) -> str:
    return " ".join(text.split())


def section_key(text: str) -> str | None:
    """The section a heading opens ("Deep dive" -> "deep_dive"), or None."""
    return SECTION_HEADINGS.get(collapse(text).rstrip(":").casefold())


def title_match(text: str) -> re.Match[str] | None:
    text = collapse(text)
    if not text or len(text) > TITLE_MAX_LENGTH or text.endswith("."):
        return None
    return TITLE_RE.match(text)
