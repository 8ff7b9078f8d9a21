"""Legacy "Model A vs Model B" pages -> `LegacyPage` values.

Reads a .txt page (plain-text structure) or a .html/.htm page (BeautifulSoup) into what
the importer needs: the title and the two model names, the editors' prose (verdict, deep
dive, FAQ) as unsanitised markup, the historical "Last reviewed" date, and every fact the
page states (`Statement`s) for the conflict report. Anything wrong with the file is a
`LegacyPageError` naming the file. Pure: no Django, no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import PurePath

from comparisons.importers.legacy.document import (
    TITLE_MAX_LENGTH,
    Block,
    collapse,
    section_key,
    title_match,
)
from comparisons.importers.legacy.html import UnreadableMarkup, read_html
from comparisons.importers.legacy.statements import StatedFacts
from comparisons.importers.legacy.text import read_text
from comparisons.importers.legacy.values import Statement

SUFFIXES = (".txt", ".html", ".htm")
# Legacy pages are a few KB; anything this big is not one. The command and the admin
# both refuse a larger file before reading it.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILE_SIZE_LABEL = "2 MB"
NAME_MAX_LENGTH = 255  # a model page title
QUESTION_MAX_LENGTH = 250  # FAQItemBlock.question
# An editor section (verdict, deep dive, FAQ) of a real page is a few dozen paragraphs.
MAX_SECTION_BLOCKS = 200
MAX_SECTION_CHARACTERS = 50_000

# "Last reviewed: 2026-05-14." opening a line or paragraph (the footer, or a note under
# the title). A sentence that mentions a review ("Prices were last reviewed in March.")
# is prose, not the date line.
_LAST_REVIEWED = re.compile(
    r"^\W*last reviewed\b(?:\s+on)?\s*:?\s*(?P<value>.*?)(?:\.\s|\.?$)", re.IGNORECASE
)
# " | LLM Reference", " - Site" (or an en or em dash) after the pair in an HTML <title>.
_TITLE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+")
_VS = re.compile(r"\bvs\b|\bversus\b", re.IGNORECASE)
# Control, formatting (bidi overrides, zero-width), separator and surrogate characters.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y")


class LegacyPageError(Exception):
    """A file that cannot be imported, and why."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


@dataclass(frozen=True)
class FAQEntry:
    question: str
    answer_html: str


@dataclass(frozen=True)
class LegacyPage:
    source: str  # the file name
    title: str
    model_a: str
    model_b: str
    reviewed_on: date | None
    verdict_html: str  # as found: sanitised when saved
    deep_dive_html: str
    faq: tuple[FAQEntry, ...]
    statements: tuple[Statement, ...]
    warnings: tuple[str, ...]
    intro: str = ""

    @property
    def names(self) -> tuple[str, str]:
        return (self.model_a, self.model_b)


def is_review_line(block: Block) -> bool:
    """A "Last reviewed: …" line: the page's review date, not prose."""
    return block.kind == "para" and _LAST_REVIEWED.match(block.text) is not None


# --- reading -----------------------------------------------------------------------------


def parse_legacy_page(source: str, data: bytes, *, today: date | None = None) -> LegacyPage:
    suffix = PurePath(source).suffix.lower()
    if suffix not in SUFFIXES:
        raise LegacyPageError(
            source, f"unsupported file type “{suffix or 'none'}”: expected .txt, .html or .htm"
        )
    if len(data) > MAX_FILE_BYTES:
        raise LegacyPageError(source, too_large())
    if not data.strip():
        raise LegacyPageError(source, "the file is empty")
    if b"\x00" in data:
        raise LegacyPageError(source, "this is not a text or HTML file (it holds binary data)")
    if suffix == ".txt":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LegacyPageError(
                source, f"the file is not UTF-8 text (undecodable byte at offset {exc.start})"
            ) from exc
        blocks, html_title = read_text(text), ""
    else:
        try:
            blocks, html_title = read_html(data)
        except UnreadableMarkup as exc:
            raise LegacyPageError(source, str(exc)) from exc
    return _Builder(source, blocks, today or date.today()).build(html_title)


def too_large() -> str:
    return f"the file is larger than {MAX_FILE_SIZE_LABEL}: it is not a legacy comparison page"


def without_site_suffix(title: str) -> str:
    """ "gpt-oss-120b vs Qwen3.5-4B | LLM Reference" -> "gpt-oss-120b vs Qwen3.5-4B".

    Trailing " | …" and " - …" parts (or en or em dashes) are dropped while what is left still names
    two models and the part dropped is not itself part of the pair."""
    title = collapse(title)
    while True:
        cuts = list(_TITLE_SUFFIX.finditer(title))
        if not cuts:
            return title
        rest, suffix = title[: cuts[-1].start()], title[cuts[-1].end() :]
        match = title_match(rest)
        if _VS.search(suffix) or not match or not match["a"].strip() or not match["b"].strip():
            return title
        title = rest


def hidden_characters(text: str) -> list[str]:
    """Code points of control, bidi and other invisible characters in `text` ("U+202E")."""
    return sorted(
        {f"U+{ord(c):04X}" for c in text if unicodedata.category(c) in _HIDDEN_CATEGORIES}
    )


def review_date(source: str, value: str, today: date) -> date:
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if parsed > today:
            raise LegacyPageError(source, f"the “Last reviewed” date {value} is in the future")
        return parsed
    raise LegacyPageError(
        source, f"the “Last reviewed” date “{value}” is not a date (expected YYYY-MM-DD)"
    )


class _Builder:
    def __init__(self, source: str, blocks: list[Block], today: date) -> None:
        self.source, self.today = source, today
        self.blocks = blocks
        self.preamble: list[Block] = []
        self.sections: dict[str, list[Block]] = {}
        self.headings: dict[str, str] = {}
        self.warnings: list[str] = []
        current: list[Block] = self.preamble
        # Sections are headed at one level (h2 on the old pages): an <h3>Capabilities</h3>
        # inside the deep dive is a subheading, not the capabilities section.
        levels = [
            b.level for b in blocks if b.kind == "heading" and b.level > 1 and section_key(b.text)
        ]
        level = min(levels, default=2)
        for block in blocks:
            is_section = block.kind == "heading" and block.level == level
            key = section_key(block.text) if is_section else None
            if key is None:
                current.append(block)
                continue
            if key in self.sections:
                self.warnings.append(f"The section “{block.text}” appears twice; read as one.")
            self.headings.setdefault(key, block.text)
            current = self.sections.setdefault(key, [])

    def fail(self, problem: str) -> LegacyPageError:
        return LegacyPageError(self.source, problem)

    def build(self, html_title: str) -> LegacyPage:
        title, names = self.title(html_title)
        intro, verdict = self.intro_and_verdict()
        faq = self.faq()
        facts = StatedFacts(names, self.sections, self.headings)
        statements = [
            *facts.table_statements(),
            *facts.route_statements(),
            *facts.intro_statements(intro),
        ]
        statements += facts.availability_statements(entry.answer_html for entry in faq)
        self.warnings += facts.warnings
        deep_dive = self.prose(self.sections.get("deep_dive", []), headings=True, label="deep dive")
        return LegacyPage(
            source=self.source,
            title=title,
            model_a=names[0],
            model_b=names[1],
            reviewed_on=self.reviewed_on(),
            verdict_html=verdict,
            deep_dive_html=deep_dive,
            faq=tuple(faq),
            statements=tuple(statements),
            warnings=tuple(self.warnings),
            intro=intro,
        )

    # --- identity ----------------------------------------------------------------------

    def title(self, html_title: str) -> tuple[str, tuple[str, str]]:
        candidates = [b.text for b in self.preamble if b.kind == "heading" and b.level == 1]
        candidates += [b.text for b in self.preamble if b.kind == "heading" and b.level > 1]
        candidates += [without_site_suffix(html_title)] if html_title else []
        for text in candidates:
            match = title_match(text)
            if match and match["a"].strip() and match["b"].strip():
                return self.checked_title(collapse(text), match["a"], match["b"])
        if candidates and _VS.search(candidates[0]):
            first = collapse(candidates[0])
            if len(first) > TITLE_MAX_LENGTH:
                raise self.fail(
                    f"the title “{first[:60]}…” is too long ({len(first)} characters; a "
                    f"“Model A vs Model B” title has at most {TITLE_MAX_LENGTH})"
                )
            raise self.fail(
                f"the title “{first}” does not name two models (expected “Model A vs Model B”)"
            )
        if not self.sections:
            raise self.fail(
                "this is not a comparison page: it has no “Model A vs Model B” title and none "
                "of the comparison sections (Verdict, Deep dive, FAQ, Specs, ...)"
            )
        raise self.fail("the page has no “Model A vs Model B” title naming its two models")

    def checked_title(self, title: str, a: str, b: str) -> tuple[str, tuple[str, str]]:
        a, b = collapse(a), collapse(b)
        if a.casefold() == b.casefold():
            raise self.fail(f"the page compares “{a}” with itself")
        for name in (a, b):
            if len(name) > NAME_MAX_LENGTH:
                raise self.fail(f"the model name “{name[:40]}…” is too long to be a model")
            hidden = hidden_characters(name)
            if hidden:
                shown = "".join(c for c in name if f"U+{ord(c):04X}" not in hidden)
                raise self.fail(
                    f"the model name “{shown}” contains control or invisible formatting "
                    f"characters ({', '.join(hidden)}); retype the title"
                )
            if not any(c.isalnum() for c in name):
                raise self.fail(f"“{name}” is not a model name: it has no letter or digit")
        if not self.sections:
            raise self.fail(
                f"“{title}” has none of the comparison sections (Verdict, Deep dive, FAQ, "
                "Specs, ...): this is not a comparison page"
            )
        return title, (a, b)

    def reviewed_on(self) -> date | None:
        # The footer's line wins over a note under the title: the last one on the page.
        for block in reversed(self.blocks):
            match = _LAST_REVIEWED.match(block.text) if block.kind == "para" else None
            if match:
                value = match["value"].strip()
                if not value:
                    raise self.fail("the “Last reviewed” line has no date")
                return review_date(self.source, value, self.today)
        self.warnings.append("No “Last reviewed” line: imported without a review date.")
        return None

    # --- prose -------------------------------------------------------------------------

    def prose(self, blocks: Iterable[Block], *, label: str, headings: bool = False) -> str:
        parts, characters = [], 0
        for block in blocks:
            if block.kind in ("para", "list") and not is_review_line(block):
                parts.append(block.html)
            elif headings and block.kind == "heading" and block.text:
                parts.append(f"<h3>{escape(block.text)}</h3>")
            else:
                continue
            characters += len(block.text)
            self.check_size(label, len(parts), characters)
        return "".join(parts)

    def check_size(self, label: str, blocks: int, characters: int) -> None:
        if blocks > MAX_SECTION_BLOCKS:
            raise self.fail(
                f"the {label} is too long: more than {MAX_SECTION_BLOCKS} paragraphs, lists "
                "and headings (a legacy page's section has a few dozen)"
            )
        if characters > MAX_SECTION_CHARACTERS:
            raise self.fail(
                f"the {label} is too long: more than {MAX_SECTION_CHARACTERS:,} characters of "
                "text (a legacy page's section has a few thousand)"
            )

    def intro_and_verdict(self) -> tuple[str, str]:
        titled = [i for i, b in enumerate(self.preamble) if b.kind == "heading"]
        after_title = self.preamble[titled[0] + 1 :] if titled else self.preamble
        # A "Last reviewed" note under the title is neither the intro nor the verdict.
        paragraphs = [
            b for b in after_title if b.kind in ("para", "list") and not is_review_line(b)
        ]
        intro = paragraphs[0].text if paragraphs else ""
        if "verdict" in self.sections:
            return intro, self.prose(self.sections["verdict"], label="verdict")
        # The specimen layout: the generated intro, then the editor's verdict.
        return intro, self.prose(paragraphs[1:], label="verdict")

    def faq(self) -> list[FAQEntry]:
        blocks = self.sections.get("faq", [])
        by_heading = any(b.kind == "heading" for b in blocks)
        entries: list[FAQEntry] = []
        question, answer = "", []

        def close() -> None:
            if question and answer:
                entries.append(FAQEntry(question, "".join(answer)))
            elif question:
                self.warnings.append(f"FAQ: “{question}” has no answer; left out.")

        characters = 0
        for count, block in enumerate(blocks, 1):
            characters += len(block.text)
            self.check_size("FAQ", count, characters)
            is_question = block.kind == "heading" or (
                not by_heading and block.kind == "para" and block.text.endswith("?")
            )
            if is_question:
                close()
                question, answer = block.text, []
                if len(question) > QUESTION_MAX_LENGTH:
                    raise self.fail(
                        f"the FAQ question “{question[:40]}…” is longer than "
                        f"{QUESTION_MAX_LENGTH} characters"
                    )
            elif block.kind in ("para", "list") and not is_review_line(block):
                if question:
                    answer.append(block.html)
                else:
                    self.warnings.append(
                        f"FAQ: text before the first question left out: “{block.text[:60]}”."
                    )
        close()
        return entries
