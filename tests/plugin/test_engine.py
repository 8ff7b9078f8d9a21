"""The comparison engine's rules, on facts built in memory (no database)."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from comparisons.engine import friction, pricing, prose, scorecard, tables, tradeoffs
from comparisons.engine.capabilities import capability_rows, name_capabilities
from comparisons.engine.values import (
    CapabilityFacts,
    ModelFacts,
    PairFacts,
    RouteFacts,
    TagFacts,
    TrafficFacts,
)

CAPS = tuple(
    CapabilityFacts(slug=name.lower().replace(" ", "-"), name=name, phrase=phrase)
    for name, phrase in [
        ("Vision", "vision"), ("Multimodal", "multimodal input"), ("Reasoning", "reasoning mode"),
        ("Function calling", ""), ("Tool use", ""), ("Structured outputs", ""),
    ]
)  # fmt: skip
TRAFFIC = TrafficFacts(
    name="Test traffic", monthly_input_tokens=800_000_000, monthly_output_tokens=250_000_000
)


def route(provider: str, inp: str | None, out: str | None) -> RouteFacts:
    return RouteFacts(
        provider_slug=provider.lower().replace(" ", "-"),
        provider_name=provider,
        input_price=D(inp) if inp is not None else None,
        output_price=D(out) if out is not None else None,
    )


def model(name: str, **kwargs) -> ModelFacts:
    return ModelFacts(slug=name.lower().replace(" ", "-"), name=name, **kwargs)


def pair(a: ModelFacts, b: ModelFacts, traffic: TrafficFacts | None = TRAFFIC) -> PairFacts:
    return PairFacts(a=a, b=b, capabilities=CAPS, traffic=traffic)


# --- context window ---------------------------------------------------------------------


def test_larger_context_window_goes_to_the_larger_model():
    sides = tradeoffs.tradeoffs(
        pair(model("A", context_window=400_000), model("B", context_window=262_144))
    )
    assert any("larger context window (400K vs 262K tokens)" in p for p in sides[0].points)
    assert not any("context window" in p for p in sides[1].points)


def test_unknown_context_window_on_one_side_is_not_called_smaller():
    a, b = model("A"), model("B", context_window=262_144)
    sides = tradeoffs.tradeoffs(pair(a, b))
    assert not any("context window" in p for p in sides[0].points)
    (point,) = [p for p in sides[1].points if "context window" in p]
    assert "larger" not in point
    assert "262K-token context window" in point and "A's is not sourced yet" in point
    (faq,) = [d for d in prose.faq_drafts(pair(a, b)) if "context window" in d.question]
    assert faq.answer == "B supports 262K tokens; A's context window is not sourced yet."
    assert "B has a 262K-token context window; A's is not sourced yet." in prose.intro(pair(a, b))


def test_equal_context_windows_give_no_advantage():
    sides = tradeoffs.tradeoffs(
        pair(model("A", context_window=1000), model("B", context_window=1000))
    )
    assert not any("context" in p for side in sides for p in side.points)
    (faq,) = [
        d
        for d in prose.faq_drafts(
            pair(model("A", context_window=1000), model("B", context_window=1000))
        )
        if "context" in d.question
    ]
    assert faq.answer == "Both support 1K tokens."


def test_no_context_windows_means_no_context_faq():
    assert not [
        d for d in prose.faq_drafts(pair(model("A"), model("B"))) if "context" in d.question
    ]


# --- provider coverage ------------------------------------------------------------------


def test_equal_provider_counts_give_no_coverage_statement():
    a = model("A", routes=(route("P1", "1", "2"),))
    b = model("B", routes=(route("P2", "1", "2"),))
    sides = tradeoffs.tradeoffs(pair(a, b))
    assert not any("coverage" in p for side in sides for p in side.points)


def test_broader_coverage_counts_routes():
    a = model("A", routes=(route("P1", "1", "2"), route("P2", "1", "2")))
    sides = tradeoffs.tradeoffs(pair(a, model("B")))
    assert (
        "A has broader tracked provider coverage (2 routes vs 0) for fallback and procurement flexibility."
        in sides[0].points
    )


# --- capabilities -----------------------------------------------------------------------


def test_no_unique_capabilities():
    caps = {"vision": True, "reasoning": False}
    sides = tradeoffs.tradeoffs(pair(model("A", capabilities=caps), model("B", capabilities=caps)))
    assert not any("uniquely" in p for side in sides for p in side.points)
    a_to_b, b_to_a = friction.switch_friction(
        pair(model("A", capabilities=caps), model("B", capabilities=caps))
    )
    assert not any("Check replacement" in p or "adds" in p for p in a_to_b.points + b_to_a.points)


def test_more_than_three_unique_capabilities_names_three_and_counts_the_rest():
    a = model("A", capabilities={c.slug: True for c in CAPS})
    b = model("B", capabilities={c.slug: False for c in CAPS})
    sides = tradeoffs.tradeoffs(pair(a, b))
    assert (
        "A uniquely exposes Vision, Multimodal, Reasoning, and 3 more in our capability data."
        in sides[0].points
    )
    assert name_capabilities(CAPS[:3]) == "Vision, Multimodal, and Reasoning"
    assert name_capabilities(CAPS[:2]) == "Vision and Multimodal"
    assert name_capabilities(CAPS[:4]) == "Vision, Multimodal, Reasoning, and Function calling"
    assert name_capabilities(CAPS[:5]) == "Vision, Multimodal, Reasoning, and 2 more"


def test_not_sourced_is_neither_yes_nor_no():
    a = model("A", capabilities={"vision": True, "reasoning": True})
    b = model("B", capabilities={"vision": False})  # reasoning not sourced for B
    sides = tradeoffs.tradeoffs(pair(a, b))
    assert "A uniquely exposes Vision in our capability data." in sides[0].points
    a_to_b, _ = friction.switch_friction(pair(a, b))
    assert "B's support for Reasoning is not sourced yet; confirm it first." in a_to_b.points
    rows = {r.capability.name: (r.a, r.b) for r in capability_rows(pair(a, b))}
    assert rows["Reasoning"] == (True, None) and rows["Tool use"] == (None, None)
    assert [r.capability.slug for r in capability_rows(pair(a, b), ["reasoning", "vision"])] == [
        "vision",
        "reasoning",
    ]


# --- switch friction --------------------------------------------------------------------


def test_overlapping_routes_are_named():
    a = model("A", routes=(route("OpenRouter", "1", "2"), route("Groq", "1", "2")))
    b = model("B", routes=(route("Groq", "3", "4"),))
    a_to_b, b_to_a = friction.switch_friction(pair(a, b))
    assert (
        a_to_b.points[0]
        == "Groq serves both A and B, so the switch can keep the same SDK, billing, and endpoint."
    )
    assert b_to_a.points[0].startswith("Groq serves both B and A")


def test_no_overlap_with_zero_routes():
    a_to_b, _ = friction.switch_friction(pair(model("A"), model("B")))
    assert (
        a_to_b.points[0]
        == "No tracked provider route serves both A and B; plan for SDK, billing, or endpoint changes."
    )


# --- monthly cost -----------------------------------------------------------------------


def test_monthly_cost_and_delta_when_both_prices_are_known():
    a = model("A", routes=(route("P1", "1.75", "14"),))
    b = model("B", routes=(route("P2", "1.25", "10"),))
    cost = pricing.compare_costs(a.name, a.routes, b.name, b.routes, TRAFFIC)
    assert cost.a.amount == D("4900") and cost.b.amount == D("3500")
    assert cost.delta == D("-1400")
    assert prose.delta_sentence(cost) == "B costs $1,400 less a month than A at this traffic."


def test_equal_costs():
    a = model("A", routes=(route("P1", "1", "1"),))
    cost = pricing.compare_costs("A", a.routes, "B", a.routes, TRAFFIC)
    assert prose.delta_sentence(cost) == "Both cost the same each month at this traffic."


def test_neither_price_known():
    cost = pricing.compare_costs("A", (route("P1", None, None),), "B", (), TRAFFIC)
    assert cost.a.amount is None and cost.b.amount is None
    assert cost.a.reason == pricing.NO_COMPLETE_PRICE
    assert cost.b.reason == pricing.NO_ROUTES
    assert prose.delta_sentence(cost).startswith("Cost delta unavailable")


def test_a_model_with_zero_routes():
    a, b = model("A"), model("B", routes=(route("P", "1", "2"),))
    rows = {r.label: r.values for r in scorecard.scorecard_rows(pair(a, b))}
    assert rows["Provider routes"] == ("0 tracked", "1 tracked")
    assert rows["Cheapest route"][0] == "—"
    assert rows["Cheapest route"][1].endswith(" $2 output per 1M tokens")
    assert pricing.monthly_cost("A", (), TRAFFIC).reason == pricing.NO_ROUTES
    assert "A has no tracked provider route yet." in prose.faq_drafts(pair(a, b))[-1].answer


def test_zero_priced_route_is_never_the_cheapest():
    routes = (route("Free tier", "0", "0"), route("Paid", "0.5", "1"))
    best = pricing.cheapest_route(routes, TRAFFIC)
    assert best.provider_name == "Paid"
    assert pricing.monthly_cost("A", routes[:1], TRAFFIC).amount is None
    a, b = model("A", routes=routes), model("B")
    rows = {r.label: r.values for r in scorecard.scorecard_rows(pair(a, b))}
    assert rows["Cheapest route"][0].endswith(" $1 output per 1M tokens")
    assert rows["Cheapest route"][1] == "—"


def test_cheapest_route_is_the_cheapest_bill_not_the_cheapest_single_price():
    # Cheap input, dear output vs the reverse: at 800M in / 250M out the first wins.
    routes = (route("Dear output", "0.10", "2.00"), route("Dear input", "1.00", "0.50"))
    assert pricing.cheapest_route(routes, TRAFFIC).provider_name == "Dear output"
    assert pricing.cheapest_route(routes, None).provider_name == "Dear input"


# --- tables and prose -------------------------------------------------------------------


def test_scorecard_leaves_out_rows_without_data_on_either_side():
    rows = [r.label for r in scorecard.scorecard_rows(pair(model("A"), model("B")))]
    assert rows == ["Provider routes", "Shared benchmarks"]
    rows = [
        r.label for r in scorecard.scorecard_rows(pair(model("A", product_type="X"), model("B")))
    ]
    assert "Product type" in rows and "Best for" not in rows


def test_pricing_note_when_neither_model_is_priced():
    assert (
        tables.pricing_note(pair(model("A"), model("B")))
        == "Pricing is not yet sourced for either model."
    )
    assert tables.pricing_note(pair(model("A", routes=(route("P", "1", "1"),)), model("B"))) == ""


def test_verdict_suggestion_is_grammatical():
    coding = TagFacts(slug="coding", name="Coding", reason="coding workflow support")
    vision = TagFacts(slug="vision", name="Vision", reason="vision-heavy evaluation")
    a = model("A", tags=(coding,), routes=(route("P", "1", "1"),))
    b = model("B", tags=(vision,))
    assert prose.verdict_suggestion(pair(a, b)) == (
        "Choose A when coding workflow support and broader provider choice matter most; "
        "choose B when vision-heavy evaluation matters most."
    )
    typed = prose.verdict_suggestion(
        pair(
            replace(a, product_type="Coding-specialized model"),
            replace(b, product_type="Standalone API model"),
        )
    )
    assert typed.startswith(
        "Treat this as a product-type comparison: A is a coding-specialized model, while B is a standalone API model."
    )


def test_faq_drafts_cover_the_data_answerable_questions():
    a = model("A", context_window=400_000, capabilities={"vision": True, "reasoning": False})
    b = model("B", context_window=131_072, capabilities={"vision": False, "reasoning": True})
    questions = [d.question for d in prose.faq_drafts(pair(a, b))]
    assert questions == [
        "Which has a larger context window, A or B?",
        "Is A or B open source?",
        "Which is better for vision, A or B?",
        "Which is better for reasoning mode, A or B?",
        "Where can I run A and B?",
    ]
    answers = {d.question: d.answer for d in prose.faq_drafts(pair(a, b))}
    assert answers["Which is better for reasoning mode, A or B?"].startswith(
        "B supports reasoning mode; A does not"
    )
    assert (
        answers["Is A or B open source?"]
        == "A's licence is not sourced yet. B's licence is not sourced yet."
    )


@pytest.mark.parametrize("text", ["are more important", "1 tracked routes", " a an ", "  "])
def test_generated_prose_avoids_the_seed_slips(text):
    a = model(
        "A",
        context_window=1000,
        routes=(route("P", "1", "1"),),
        product_type="Coding-specialized model",
    )
    b = model("B", product_type="Standalone API model")
    everything = " ".join(
        [
            *prose.intro(pair(a, b)),
            prose.verdict_suggestion(pair(a, b)),
            *prose.deep_dive_draft(pair(a, b)),
        ]
        + [d.answer for d in prose.faq_drafts(pair(a, b))]
    )
    assert text not in everything
