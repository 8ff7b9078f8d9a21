"""Reading legacy pages (pure: no database): layouts, run-together cells, bad input."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from comparisons.importers.legacy.parse import LegacyPageError, parse_legacy_page
from comparisons.importers.legacy.values import split_cells, split_row

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
    # Missing sections are left empty (a new page) or kept (a page we have): the importer
    # says which (tests/test_import_legacy.py).
    assert (page.verdict_html, page.faq) == ("", ())


# --- hostile and awkward input (review findings) ------------------------------------------

CODEX = "gpt-5-2-codex-vs-qwen3-5-4b"
OSS = "gpt-oss-120b-vs-qwen3-5-4b"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text()


def page_with_deep_dive(inner: str) -> str:
    return (
        "<html><body><h1>GPT-5.2 Codex vs Qwen3.5-4B</h1><p>intro</p><p>verdict</p>"
        f"<h2>Deep dive</h2>{inner}</body></html>"
    )


@pytest.mark.parametrize(
    "inner",
    [
        "<p>" + "<b>" * 400 + "deep" + "</b>" * 400 + "</p>",
        "<div>" * 1000 + "<p>deep</p>" + "</div>" * 1000,
        "<div>" * 5000 + "<p>deep</p>" + "</div>" * 5000,
        "<ul><li>" * 2000 + "deep" + "</li></ul>" * 2000,
    ],
    ids=["400 b", "1000 div", "5000 div", "2000 ul"],
)
def test_deeply_nested_html_is_refused_naming_the_file(inner):
    with pytest.raises(LegacyPageError) as caught:
        parse("nested.html", page_with_deep_dive(inner))
    assert str(caught.value) == (
        "nested.html: the HTML nests elements more than 100 levels deep; a legacy page is "
        "never nested that deeply"
    )


def test_markup_nested_as_deep_as_real_pages_still_reads():
    inner = "<div>" * 40 + "<p>" + "<b>" * 40 + "deep" + "</b>" * 40 + "</p>" + "</div>" * 40
    page = parse("nested.html", page_with_deep_dive(inner))
    assert page.deep_dive_html.startswith("<p><b><b>") and "deep" in page.deep_dive_html


def test_impossible_table_values_are_not_understood_not_a_crash():
    text = fixture_text(f"{CODEX}.txt")
    text = text.replace("| Knowledge cutoff | 2025-08 | - |", "| Knowledge cutoff | 0000-08 | - |")
    huge = "1" + "0" * 300
    text = text.replace(
        "| Input price | $1.75/1M tokens | - |", f"| Input price | ${huge}/1M tokens | - |"
    )
    text = text.replace(
        "| Provider routes | 1 tracked |", f"| Provider routes | {'9' * 5000} tracked |"
    )
    page = parse("odd.txt", text)
    assert not stated(page, "a", "knowledge_cutoff")
    assert not stated(page, "a", "input_price")
    assert not stated(page, "a", "provider_routes")
    assert (
        "Specs: “0000-08” in row “Knowledge cutoff” is not understood; not checked."
        in page.warnings
    )
    assert any(w.startswith(f"Pricing and availability: “${huge[:20]}") for w in page.warnings)


@pytest.mark.parametrize(
    ("section", "extra", "problem"),
    [
        (
            "Deep dive",
            "\n".join(f"Paragraph {n}." for n in range(201)),
            "the deep dive is too long: more than 200 paragraphs",
        ),
        ("Deep dive", "x" * 50_001, "the deep dive is too long: more than 50,000 characters"),
        (
            "FAQ",
            "\n".join(f"Question {n}?\nAnswer {n}." for n in range(2500)),
            "the FAQ is too long",
        ),
    ],
    ids=["deep dive blocks", "deep dive characters", "faq questions"],
)
def test_oversized_prose_sections_are_refused_naming_file_and_section(section, extra, problem):
    text = fixture_text(f"{CODEX}.txt").replace(f"\n{section}\n", f"\n{section}\n{extra}\n", 1)
    with pytest.raises(LegacyPageError) as caught:
        parse("big.txt", text)
    assert str(caught.value).startswith(f"big.txt: {problem}")


def test_a_verdict_of_many_paragraphs_is_refused_too():
    html = page_with_deep_dive("<p>x</p>").replace("<p>verdict</p>", "<p>v</p>" * 300)
    with pytest.raises(LegacyPageError, match=r"big\.html: the verdict is too long"):
        parse("big.html", html)


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(LegacyPageError, match=r"huge\.txt: the file is larger than 2 MB"):
        parse("huge.txt", b"GPT-5 vs Qwen3.5-4B\n" + b"x" * (2 * 1024 * 1024))


@pytest.mark.parametrize(
    "sentence",
    [
        "Prices were last reviewed against provider pages in March.",
        "This comparison was last reviewed by our editors.",
    ],
)
def test_a_last_reviewed_phrase_in_prose_is_prose_not_the_date(sentence):
    text = fixture_text(f"{CODEX}.txt").replace("\nDeep dive\n", f"\nDeep dive\n{sentence}\n", 1)
    page = parse("prose.txt", text)
    assert page.reviewed_on == date(2026, 5, 22)  # the footer's line
    assert page.deep_dive_html.startswith(f"<p>{sentence}</p>")


def test_a_last_reviewed_note_under_the_title_is_neither_intro_nor_verdict():
    html = fixture_text(f"{OSS}.html")
    html = html.replace(
        "<h1>gpt-oss-120b vs Qwen3.5-4B</h1>",
        '<h1>gpt-oss-120b vs Qwen3.5-4B</h1><p class="meta">Last reviewed: 2026-05-10</p>',
    ).replace("<p>Last reviewed: 2026-05-14. Data sourced", "<p>Data sourced")
    page = parse("top.html", html)
    assert page.reviewed_on == date(2026, 5, 10)
    assert page.intro.startswith("gpt-oss-120b (2025) and Qwen3.5-4B (2026) are")
    assert page.verdict_html == (
        "<p>Qwen3.5-4B is safer overall; choose gpt-oss-120b when provider fit matters.</p>"
    )


def test_the_footer_date_wins_over_a_note_under_the_title():
    html = fixture_text(f"{OSS}.html").replace(
        "<h1>gpt-oss-120b vs Qwen3.5-4B</h1>",
        "<h1>gpt-oss-120b vs Qwen3.5-4B</h1><p>Last reviewed: 2026-01-02</p>",
    )
    assert parse("both.html", html).reviewed_on == date(2026, 5, 14)


@pytest.mark.parametrize("separator", [" | ", " \u2013 ", " \u2014 ", " - "])
def test_the_html_title_fallback_drops_the_site_name(separator):
    html = fixture_text(f"{OSS}.html").replace("<h1>gpt-oss-120b vs Qwen3.5-4B</h1>", "")
    html = html.replace(
        "<title>gpt-oss-120b vs Qwen3.5-4B | LLM Reference</title>",
        f"<title>gpt-oss-120b vs Qwen3.5-4B{separator}LLM Reference</title>",
    )
    page = parse("noh1.html", html)
    assert (page.title, page.names) == (
        "gpt-oss-120b vs Qwen3.5-4B",
        ("gpt-oss-120b", "Qwen3.5-4B"),
    )


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        (
            "Foo\u202eBar",
            "the model name “FooBar” contains control or invisible formatting characters (U+202E)",
        ),
        ("Foo\x07Bar", "contains control or invisible formatting characters (U+0007)"),
        ("Zero\u200bWidth", "(U+200B)"),
        ("!!!", "“!!!” is not a model name: it has no letter or digit"),
    ],
)
def test_model_names_with_hidden_characters_or_no_letters_are_refused(name, problem):
    text = fixture_text(f"{CODEX}.txt").replace(
        "GPT-5.2 Codex vs Qwen3.5-4B", f"{name} vs Qwen3.5-4B", 1
    )
    with pytest.raises(LegacyPageError) as caught:
        parse("names.txt", text)
    assert problem in str(caught.value)


def test_a_title_over_200_characters_is_too_long_not_unnamed():
    title = "A" * 180 + " vs " + "B" * 40
    text = fixture_text(f"{CODEX}.txt").replace("GPT-5.2 Codex vs Qwen3.5-4B", title, 1)
    with pytest.raises(LegacyPageError) as caught:
        parse("long.txt", text)
    assert "is too long (224 characters; a “Model A vs Model B” title has at most 200)" in str(
        caught.value
    )
    assert "does not name two models" not in str(caught.value)


def test_html_with_tens_of_thousands_of_elements_is_refused_before_it_is_walked():
    html = page_with_deep_dive("<p>" + "<i>x</i> " * 20_001 + "</p>")
    with pytest.raises(LegacyPageError) as caught:
        parse("many.html", html)
    assert str(caught.value) == (
        "many.html: the HTML has more than 20,000 elements; a legacy page has a few hundred"
    )


def test_a_huge_run_together_row_is_not_understood_quickly_and_quoted_short():
    """Rows copied from the rendered page are split by trying every position: a crafted
    row of 200,000 characters is left unsplit instead of taking hours."""
    text = fixture_text(f"{OSS}.txt").replace(
        "Parameters120B4B", "Parameters4B (" + "x" * 200_000, 1
    )
    page = parse("row.txt", text)
    assert not stated(page, "a", "parameters")
    [warning] = [w for w in page.warnings if "row “Parameters”" in w]
    assert warning == (
        "Specs: row “Parameters” should have a value for each model, found “4B ("
        + "x" * 75
        + "…”; not checked."
    )


def test_a_crafted_intro_reads_in_linear_time():
    """The intro's "models from A and B" is read with bounded names: 240 KB of repeated
    "models from " took half a minute to search before."""
    import time

    text = fixture_text(f"{CODEX}.txt").replace(
        "compare a coding-specialized model", "models from " * 20_000, 1
    )
    started = time.perf_counter()
    page = parse("intro.txt", text)
    assert time.perf_counter() - started < 5
    assert not stated(page, "a", "lab")
