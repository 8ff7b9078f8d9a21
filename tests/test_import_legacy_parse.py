"""Reading legacy pages (pure: no database): layouts, run-together cells, bad input."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from comparisons.importers.legacy_parse import LegacyPageError, parse_legacy_page
from comparisons.importers.legacy_values import split_cells, split_row

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"
TODAY = date(2026, 11, 25)


def parse(name: str, data: bytes | str):
    raw = data.encode() if isinstance(data, str) else data
    return parse_legacy_page(name, raw, today=TODAY)


def fixture(name: str):
    return parse(name, (FIXTURES / name).read_bytes())


def stated(page, side: str, field: str, key: str = ""):
    return {s.value for s in page.statements if (s.side, s.field, s.key) == (side, field, key)}


@pytest.mark.parametrize("stem", [p.stem for p in sorted(FIXTURES.glob("*.html"))])
def test_text_and_html_versions_read_the_same(stem):
    text, html = fixture(f"{stem}.txt"), fixture(f"{stem}.html")
    assert (text.title, text.names, text.reviewed_on) == (html.title, html.names, html.reviewed_on)
    assert text.statements == html.statements
    assert [f.question for f in text.faq] == [f.question for f in html.faq]
    assert text.warnings == html.warnings


def test_rendered_text_layout_with_run_together_cells():
    """The gpt-oss-120b page was copied from a browser: no bars between table cells."""
    page = fixture("gpt-oss-120b-vs-qwen3-5-4b.txt")
    assert page.names == ("gpt-oss-120b", "Qwen3.5-4B")
    assert stated(page, "a", "decision_fit") == {("RAG", "Agents", "Long context")}
    assert stated(page, "b", "decision_fit") == {("Long context", "Vision")}
    assert stated(page, "a", "release_date") == {date(2025, 8, 5)}
    assert stated(page, "a", "context_window") == {131_000}
    assert stated(page, "a", "parameters") == {(Decimal(120), "", False)}
    assert stated(page, "a", "input_price") == {Decimal("0.04")}
    assert stated(page, "b", "capability", "Vision") == {True}
    assert stated(page, "a", "cheapest_route") == {"OpenRouter"}
    assert stated(page, "a", "providers") == {
        ("OpenRouter", "Together AI", "Fireworks AI", "GCP Vertex AI", "NVIDIA NIM")
    }
    assert page.verdict_html == (
        "<p>Qwen3.5-4B is safer overall; choose gpt-oss-120b when provider fit matters.</p>"
    )


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("tokens", "131K262K", ("131K", "262K")),
        ("date", "2025-08-052026-03-02", ("2025-08-05", "2026-03-02")),
        ("month", "2025-08-", ("2025-08", "-")),
        ("parameters", "1.76T (8x222B MoE)*4B", ("1.76T (8x222B MoE)*", "4B")),
        ("price", "$0.18/1M tokens-", ("$0.18/1M tokens", "-")),
        ("tracked", "7 tracked0 tracked", ("7 tracked", "0 tracked")),
        ("licence", "ProprietaryApache 2.0(OSI)", ("Proprietary", "Apache 2.0(OSI)")),
        ("list", "RAG, Agents, and Long contextLong context and Vision", None),
        ("text", "custom coding agentsmultimodal apps", None),  # no clue where to cut
    ],
)
def test_run_together_cells_split_only_when_unambiguous(kind, text, expected):
    if kind == "list":
        expected = ("RAG, Agents, and Long context", "Long context and Vision")
    assert split_cells(kind, text) == expected


def test_run_together_header_and_capability_rows():
    names = ("gpt-oss-120b", "Qwen3.5-4B")
    assert split_row("capabilities", "Capabilitygpt-oss-120bQwen3.5-4B", names) == (
        "Capability",
        "gpt-oss-120b",
        "Qwen3.5-4B",
    )
    assert split_row("capabilities", "Function callingYesNo", names) == (
        "Function calling",
        "Yes",
        "No",
    )
    assert split_row("scorecard", "Local evidence first", names) is None


def test_html_prose_keeps_its_markup_for_the_sanitiser():
    page = fixture("gpt-5-2-codex-vs-qwen3-5-4b.html")
    assert "<script>" in page.verdict_html  # removed when saved, not when read
    assert page.faq[0].question == "Is GPT-5.2 Codex or Qwen3.5-4B open source?"


def test_faq_as_a_definition_list_and_explicit_verdict_heading():
    page = parse(
        "x.html",
        "<h1>A One vs B Two</h1><p>Intro.</p><h2>Verdict</h2><p>Pick <b>A One</b>.</p>"
        "<h2>FAQ</h2><dl><dt>Why?</dt><dd><p>Because.</p><p>Really.</p></dd></dl>"
        "<p>Last reviewed: 14 May 2026.</p>",
    )
    assert page.verdict_html == "<p>Pick <b>A One</b>.</p>"
    assert [(f.question, f.answer_html) for f in page.faq] == [
        ("Why?", "<p>Because.</p><p>Really.</p>")
    ]
    assert page.reviewed_on == date(2026, 5, 14)
    assert page.intro == "Intro."


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("page.pdf", "A vs B", "unsupported file type “.pdf”"),
        ("page.txt", "  \n", "the file is empty"),
        ("page.txt", b"\x89PNG\x00\x00", "binary data"),
        ("page.txt", "Café vs Thé\nFAQ".encode("latin-1"), "not UTF-8 text"),
        ("page.txt", "Shopping list\n\nMilk\nEggs\n", "not a comparison page"),
        ("page.html", "<h1>Welcome</h1><p>Hello.</p>", "not a comparison page"),
        ("page.txt", "Deep dive\nSome text.\nFAQ\nWhy?\nBecause.\n", "has no “Model A vs Model B”"),
        ("page.txt", "GPT-5.2 Codex vs\nDeep dive\nText.\n", "does not name two models"),
        ("page.html", "<h1>Qwen3.5-4B vs qwen3.5-4b</h1><h2>FAQ</h2>", "with itself"),
        (
            "page.txt",
            "A vs B\nDeep dive\nText.\nLast reviewed: 2026-13-45.",
            "“2026-13-45” is not a date",
        ),
        (
            "page.txt",
            "A vs B\nDeep dive\nText.\nLast reviewed: last week.",
            "“last week” is not a date",
        ),
        ("page.txt", "A vs B\nDeep dive\nText.\nLast reviewed: 2027-01-02.", "is in the future"),
        ("page.txt", "A vs B\nDeep dive\nText.\nLast reviewed: .", "has no date"),
    ],
)
def test_bad_input_names_the_file_and_the_problem(name, data, problem):
    with pytest.raises(LegacyPageError) as caught:
        parse(name, data)
    assert str(caught.value).startswith(f"{name}: ")
    assert problem in str(caught.value)


def test_missing_sections_and_date_are_warnings_not_errors():
    page = parse("short.txt", "A vs B\nIntro line.\nDeep dive\nJust this.\n")
    assert page.reviewed_on is None
    assert page.deep_dive_html == "<p>Just this.</p>"
    assert "No “Last reviewed” line: imported without a review date." in page.warnings
    assert "No verdict found on the page; that section is left empty." in page.warnings
    assert "No FAQ found on the page; that section is left empty." in page.warnings
