"""Legacy prose -> safe rich text for the page's editor blocks.

The old pages' prose was typed by editors as HTML (or plain text). It is saved only as the
rich text our editor itself could have saved in that block: the markup is first stripped
of anything executable or foreign (scripts, styles, frames, forms, every attribute except
a link's http(s)/mailto address), then passed through Wagtail's Draftail converter with the
block's own features, so a verdict keeps bold, italic and links, and a deep dive also its
h3 subheadings and lists. The result is deterministic, so an unchanged page re-imports to
identical text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from bs4 import BeautifulSoup, Comment, Tag
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from comparisons.blocks import SECTION_BLOCKS
from comparisons.importers.legacy.html import MAX_DEPTH, TooDeeplyNested, nesting_depth

_REMOVED = (
    "script", "style", "template", "noscript", "iframe", "frame", "object", "embed", "applet",
    "form", "input", "button", "select", "textarea", "svg", "math", "link", "meta", "base",
    "head", "title", "img", "video", "audio", "source", "canvas",
)  # fmt: skip
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")


def _features(section: str, field: str) -> tuple[str, ...]:
    block = dict(SECTION_BLOCKS)[section].child_blocks[field]
    if section == "faq":  # items -> FAQItemBlock -> answer
        block = block.child_block.child_blocks["answer"]
    return tuple(block.features)


@cache
def _converter(features: tuple[str, ...]) -> ContentstateConverter:
    return ContentstateConverter(features=list(features))


def _strip(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    if nesting_depth(soup, MAX_DEPTH) > MAX_DEPTH:
        # The reader refuses such pages already; the converter below would recurse too deep.
        raise TooDeeplyNested
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_REMOVED):
        tag.decompose()
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag):
            continue
        href = str(tag.get("href") or "").strip()
        tag.attrs = {}
        if tag.name == "a":
            if href.lower().startswith(_SAFE_SCHEMES):
                tag.attrs["href"] = href
            else:
                tag.unwrap()  # keep the words, drop a link we cannot vouch for
    return str(soup)


def sanitise(html: str, features: Sequence[str]) -> str:
    """Safe rich text holding only `features`, or "" when nothing readable is left."""
    if not html or not html.strip():
        return ""
    converter = _converter(tuple(features))
    db_html = converter.to_database_format(converter.from_database_format(_strip(html)))
    db_html = _EMPTY_PARAGRAPH.sub("", _BLOCK_KEY.sub("", db_html))
    text = BeautifulSoup(db_html, "html.parser").get_text().strip()
    return db_html if text else ""


def verdict(html: str) -> str:
    return sanitise(html, _features("verdict", "text"))


def deep_dive(html: str) -> str:
    return sanitise(html, _features("deep_dive", "body"))


def faq_answer(html: str) -> str:
    return sanitise(html, _features("faq", "items"))
