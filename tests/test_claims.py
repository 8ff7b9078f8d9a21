"""The claim check over editors' rich text (pure: facts built in memory)."""

from datetime import date
from decimal import Decimal as D

import pytest

from comparisons.facts import LicenceFacts, ModelFacts, PairFacts, RouteFacts
from comparisons.review.claims import check_prose, contradictions, sentences_of
from comparisons.section_options import prose_fragments

CODEX = ModelFacts(
    slug="gpt-5-1-codex",
    name="GPT-5.1 Codex",
    context_window=400_000,
    release_date=date(2025, 12, 1),
    licence=LicenceFacts(name="Proprietary", openness="proprietary", openness_label="Proprietary"),
    routes=(
        RouteFacts(
            provider_slug="vercel",
            provider_name="Vercel AI Gateway",
            input_price=D("1.25"),
            output_price=D("10"),
        ),
    ),
)
QWEN = ModelFacts(
    slug="qwen3-5-4b",
    name="Qwen3.5-4B",
    context_window=262_144,
    licence=LicenceFacts(
        name="Apache 2.0", openness="open_source", openness_label="Open source", osi_approved=True
    ),
)
PAIR = PairFacts(a=CODEX, b=QWEN, capabilities=())


def flagged(html: str) -> list[str]:
    return [f"{c.kind}: {c.claimed}" for c in contradictions([("Deep dive", html)], PAIR)]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>GPT-5.1 Codex supports 500K tokens.</p>", ["context: 500K tokens for GPT-5.1 Codex"]),
        (
            "<p>GPT-5.1 Codex costs $2/1M input tokens.</p>",
            ["price: input price of $2/1M for GPT-5.1 Codex"],
        ),
        (
            "<p>On its cheapest route GPT-5.1 Codex charges $12 per 1M output tokens.</p>",
            ["price: output price of $12/1M for GPT-5.1 Codex"],
        ),
        ("<p>Qwen3.5-4B is proprietary.</p>", ["licence: Qwen3.5-4B is proprietary"]),
        ("<p>GPT-5.1 Codex is open source.</p>", ["licence: GPT-5.1 Codex is open source"]),
        ("<p>GPT-5.1 Codex was released in 2024.</p>", ["release: released 2024"]),
        (
            "<p>GPT-5.1 Codex is served by 3 provider routes.</p>",
            ["routes: 3 provider routes for GPT-5.1 Codex"],
        ),
    ],
)
def test_contradicting_claims_are_flagged(html, expected):
    assert flagged(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        "<p>GPT-5.1 Codex supports 400K tokens and costs $1.25/1M input.</p>",
        "<p>GPT-5.1 Codex costs $10/1M output tokens, while Qwen3.5-4B supports 262K tokens.</p>",
        "<p>Qwen3.5-4B is open source; GPT-5.1 Codex is proprietary.</p>",
        "<p>GPT-5.1 Codex is not open source.</p>",
        "<p>Is GPT-5.1 Codex or Qwen3.5-4B open source?</p>",
        "<p>GPT-5.1 Codex was released on 2025-12-01 and has 1 tracked route.</p>",
        # A claim about a fact we do not have is not a contradiction.
        "<p>Qwen3.5-4B costs $0.10/1M input tokens on some hosts.</p>",
    ],
)
def test_correct_or_unverifiable_sentences_are_not_flagged(html):
    assert flagged(html) == []


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<p></p>",
        "<p>No numbers or models here at all.</p>",
        "<p><b>unclosed",
        "<<<>>>",
        "$2/1M",
    ],
)
def test_quiet_or_malformed_prose_does_not_crash(html):
    assert flagged(html) == []


def test_claims_are_attributed_to_the_model_named_before_them():
    claims = check_prose(
        [
            (
                "FAQ: Context?",
                "<p>Qwen3.5-4B supports 262K tokens, while GPT-5.1 Codex supports 400K tokens.</p>",
            )
        ],
        PAIR,
    )
    assert [(c.model, c.claimed, c.contradicts) for c in claims] == [
        ("Qwen3.5-4B", "262K tokens for Qwen3.5-4B", False),
        ("GPT-5.1 Codex", "400K tokens for GPT-5.1 Codex", False),
    ]


def test_flag_names_the_sentence_and_the_fact():
    (claim,) = contradictions(
        [("Verdict", "<p>Pick it. GPT-5.1 Codex supports 500K tokens.</p>")], PAIR
    )
    assert str(claim) == (
        "Verdict: “GPT-5.1 Codex supports 500K tokens.” says 500K tokens for GPT-5.1 Codex; "
        "data says GPT-5.1 Codex's context window is 400K."
    )


def test_sentences_split_across_paragraphs_and_lists():
    assert sentences_of("<p>One. Two!</p><ul><li>Three?</li></ul>") == ["One.", "Two!", "Three?"]


def test_prose_fragments_cover_verdict_deep_dive_faq_and_prose():
    raw = [
        {"type": "verdict", "value": {"text": "<p>V</p>"}},
        {"type": "scorecard", "value": {}},
        {"type": "deep_dive", "value": {"body": "<p>D</p>"}},
        {
            "type": "faq",
            "value": {
                "items": [
                    {"type": "item", "value": {"question": "Q?", "answer": "<p>A</p>"}, "id": "x"}
                ]
            },
        },
        {"type": "prose", "value": {"heading": "Extra", "body": "<p>P</p>"}},
    ]
    assert prose_fragments(raw) == [
        ("Verdict", "<p>V</p>"), ("Deep dive", "<p>D</p>"), ("FAQ: Q?", "<p>A</p>"), ("Extra", "<p>P</p>"),
    ]  # fmt: skip


def test_figures_too_long_to_round_are_contradictions_not_errors():
    """A price with hundreds of digits (a crafted legacy page, or a slip in the editor)
    cannot be rounded within the decimal precision; it is simply not the price we have."""
    huge = "1" + "0" * 300
    assert flagged(f"<p>GPT-5.1 Codex costs ${huge}/1M input tokens.</p>") == [
        f"price: input price of ${huge}/1M for GPT-5.1 Codex"
    ]
    tiny = "0." + "0" * 300 + "1"
    assert flagged(f"<p>GPT-5.1 Codex costs ${tiny}/1M input tokens.</p>") == [
        f"price: input price of ${tiny}/1M for GPT-5.1 Codex"
    ]
    # Counts and token figures of thousands of digits are not read as claims at all.
    assert flagged(f"<p>GPT-5.1 Codex is served by {'9' * 5000} provider routes.</p>") == []
    assert flagged(f"<p>GPT-5.1 Codex supports {'9' * 5000}K tokens.</p>") == []
