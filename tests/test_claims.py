"""The claim check over editors' rich text (pure: facts built in memory)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from comparisons.blocks.stream_data import prose_fragments
from comparisons.engine.values import LicenceFacts, ModelFacts, PairFacts, RouteFacts, label_routes
from comparisons.review.claims import (
    ClaimCheck,
    check_prose,
    contradictions,
    partition,
    sentences_of,
)

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


# --- prices without a unit, per route, per provider ------------------------------------------

GPT_OSS = ModelFacts(
    slug="gpt-oss-120b",
    name="gpt-oss-120b",
    context_window=131_072,
    # Labelled as the facts loader labels them ("Amazon Bedrock (US)").
    routes=label_routes(
        [
            RouteFacts("openrouter", "OpenRouter", D("0.99"), D("8.50"), provider_model_id="oss"),
            # Two routes on one provider (regions): a price stated for it agrees with either.
            RouteFacts(
                "bedrock", "Amazon Bedrock", D("0.15"), D("0.60"), provider_model_id="us.oss"
            ),
            RouteFacts(
                "bedrock", "Amazon Bedrock", D("0.17"), D("0.66"), provider_model_id="eu.oss"
            ),
        ]
    ),
)
OSS_PAIR = PairFacts(a=GPT_OSS, b=QWEN, capabilities=())


def oss_claims(html: str, source: str = "Deep dive") -> list[tuple[str, str, bool]]:
    return [(c.kind, c.claimed, c.contradicts) for c in check_prose([(source, html)], OSS_PAIR)]


def test_a_price_with_no_unit_is_checked_against_every_route():
    """ "$1.07 input" (no "/1M") is a price claim; it matches no route of the model."""
    assert oss_claims("<p>gpt-oss-120b costs $1.07 input and $8.50 output per 1M tokens.</p>") == [
        ("price", "input price of $1.07/1M for gpt-oss-120b", True),
        ("price", "output price of $8.50/1M for gpt-oss-120b", False),
    ]
    assert oss_claims("<p>gpt-oss-120b costs $0.17 input.</p>") == [
        ("price", "input price of $0.17/1M for gpt-oss-120b", False)
    ]
    # A monthly bill is not a token price.
    assert oss_claims("<p>gpt-oss-120b costs $4,900 a month; its output cost is $500.</p>") == []


def test_a_price_named_for_a_provider_is_checked_against_that_providers_routes():
    assert oss_claims("<p>gpt-oss-120b costs $0.99 input on Amazon Bedrock.</p>") == [
        ("price", "input price of $0.99/1M for gpt-oss-120b on Amazon Bedrock", True)
    ]
    # Either of the provider's routes will do.
    assert oss_claims(
        "<p>On Amazon Bedrock, gpt-oss-120b costs $0.15 input and $0.66 output per 1M tokens.</p>"
    ) == [
        ("price", "input price of $0.15/1M for gpt-oss-120b on Amazon Bedrock", False),
        ("price", "output price of $0.66/1M for gpt-oss-120b on Amazon Bedrock", False),
    ]
    # The generated draft's wording: "cheapest tracked route (P) charges $X input ...".
    assert oss_claims(
        "<p>gpt-oss-120b's cheapest tracked route (OpenRouter) charges $0.15 input.</p>"
    ) == [("price", "input price of $0.15/1M for gpt-oss-120b on OpenRouter", True)]
    # A contrast starts a new clause: Qwen's price is not quoted for Amazon Bedrock.
    html = (
        "<p>gpt-oss-120b costs $0.17 input on Amazon Bedrock, while Qwen3.5-4B costs $2 input.</p>"
    )
    assert oss_claims(html) == [
        ("price", "input price of $0.17/1M for gpt-oss-120b on Amazon Bedrock", False)
    ]


def test_the_fact_names_each_route_of_a_provider_apart():
    (claim,) = contradictions(
        [("FAQ: Cost?", "<p>gpt-oss-120b costs $0.20 input on Amazon Bedrock.</p>")], OSS_PAIR
    )
    assert claim.fact == (
        "gpt-oss-120b: $0.17 input on Amazon Bedrock (EU), $0.15 input on Amazon Bedrock (US)"
    )


@pytest.mark.parametrize(
    "html",
    [
        "<p>gpt-oss-120b costs $8.50 output per 1M tokens.</p>",
        "<p>gpt-oss-120b costs $8.50 output per million tokens.</p>",
        "<p>gpt-oss-120b costs $0.99/1M tokens of input.</p>",
        "<p>gpt-oss-120b charges $0.99 for every 1M tokens.</p>",
        "<p>At 10M tokens a month gpt-oss-120b is cheap.</p>",
    ],
)
def test_per_million_tokens_is_never_a_context_window(html):
    assert [kind for kind, _, _ in oss_claims(html) if kind == "context"] == []


def test_a_context_window_is_still_read_next_to_a_price():
    assert oss_claims("<p>gpt-oss-120b has a 1M-token context at $0.99/1M input.</p>") == [
        ("price", "input price of $0.99/1M for gpt-oss-120b", False),
        ("context", "1M tokens for gpt-oss-120b", True),
    ]


# --- route and provider counts -----------------------------------------------------------------


def test_counts_of_a_pair_read_in_the_pages_order():
    """The imported deep dive names neither model: "1 tracked routes versus 0" is A's and
    B's counts (data: 3 and 0 here)."""
    assert oss_claims("<p>Provider availability is 1 tracked routes versus 0.</p>") == [
        ("routes", "1 provider route for gpt-oss-120b", True),
        ("routes", "0 provider routes for Qwen3.5-4B", False),
    ]
    assert oss_claims("<p>Qwen3.5-4B has 0 tracked routes versus 3 for gpt-oss-120b.</p>") == [
        ("routes", "0 provider routes for Qwen3.5-4B", False),
        ("routes", "3 provider routes for gpt-oss-120b", False),
    ]


def test_route_counts_and_provider_counts_differ_when_a_provider_has_several_routes():
    assert oss_claims("<p>gpt-oss-120b is served by 3 tracked routes from 2 providers.</p>") == [
        ("routes", "3 provider routes for gpt-oss-120b", False),
        ("routes", "2 providers for gpt-oss-120b", False),
    ]
    assert oss_claims("<p>gpt-oss-120b is available from 3 providers.</p>") == [
        ("routes", "3 providers for gpt-oss-120b", True)
    ]


def test_the_generated_route_count_sentence_is_checked():
    html = "<p>Tracked provider routes: 3 for gpt-oss-120b and 2 for Qwen3.5-4B.</p>"
    assert oss_claims(html) == [
        ("routes", "3 provider routes for gpt-oss-120b", False),
        ("routes", "2 provider routes for Qwen3.5-4B", True),
    ]


# --- whose claim it is ---------------------------------------------------------------------------


def test_an_faq_answer_is_about_the_model_its_question_names():
    claims = oss_claims("<p>It costs $1.07 input.</p>", source="FAQ: What does gpt-oss-120b cost?")
    assert claims == [("price", "input price of $1.07/1M for gpt-oss-120b", True)]
    # A question naming both models attributes nothing.
    both = "FAQ: Is gpt-oss-120b or Qwen3.5-4B cheaper?"
    assert oss_claims("<p>It costs $1.07 input.</p>", source=both) == []


def test_it_refers_to_the_one_model_of_the_previous_sentence():
    assert oss_claims("<p>gpt-oss-120b is open weights. It costs $1.07 input.</p>") == [
        ("price", "input price of $1.07/1M for gpt-oss-120b", True)
    ]
    assert oss_claims("<p>gpt-oss-120b is open weights. The rival costs $1.07 input.</p>") == []


def test_generated_drafts_agree_with_the_data_they_come_from():
    from comparisons.engine.prose import deep_dive_draft, faq_drafts, verdict_suggestion

    for pair in (PAIR, OSS_PAIR):
        html = "".join(f"<p>{p}</p>" for p in deep_dive_draft(pair))
        fragments = [("Verdict", f"<p>{verdict_suggestion(pair)}</p>"), ("Deep dive", html)]
        fragments += [(f"FAQ: {d.question}", f"<p>{d.answer}</p>") for d in faq_drafts(pair)]
        checked = check_prose(fragments, pair)
        assert any(c.kind == "routes" for c in checked)
        assert [str(c) for c in checked if c.contradicts] == []


# --- acknowledgements ------------------------------------------------------------------------------


def with_input_price(model: ModelFacts, price: str) -> ModelFacts:
    first, *rest = model.routes
    return replace(model, routes=(replace(first, input_price=D(price)), *rest))


def test_an_acknowledged_claim_stays_quiet_until_its_data_changes():
    html = [("FAQ: Cost?", "<p>gpt-oss-120b costs $1.07 input.</p>")]
    (claim,) = contradictions(html, OSS_PAIR)
    acknowledged = {(claim.key, claim.basis_key)}
    assert partition(check_prose(html, OSS_PAIR), acknowledged) == ClaimCheck([], [claim])

    # Another price on a route of the model: the claim was checked against other data.
    moved = replace(OSS_PAIR, a=with_input_price(GPT_OSS, "0.98"))
    (again,) = contradictions(html, moved)
    assert again.key == claim.key and again.basis_key != claim.basis_key
    assert partition(check_prose(html, moved), acknowledged).flagged == [again]

    # The same sentence elsewhere on the page is the same claim; another sentence is not.
    elsewhere = contradictions([("Verdict", html[0][1])], OSS_PAIR)
    assert [c.key for c in elsewhere] == [claim.key]
    reworded = contradictions([("Verdict", "<p>gpt-oss-120b is $1.07 input.</p>")], OSS_PAIR)
    assert partition(reworded, acknowledged).flagged == reworded


def test_acknowledgement_basis_follows_each_kind_of_data():
    """Each kind of claim is keyed on the data it reads: a route count on the count, a
    context claim on the token figures, a licence claim on the licence."""
    html = [("Deep dive", "<p>gpt-oss-120b has 5 tracked routes and a 1M-token context.</p>")]
    before = {c.kind: c.basis_key for c in contradictions(html, OSS_PAIR)}
    fewer = replace(GPT_OSS, routes=GPT_OSS.routes[:2])
    after = {c.kind: c.basis_key for c in contradictions(html, replace(OSS_PAIR, a=fewer))}
    assert before["routes"] != after["routes"] and before["context"] == after["context"]
