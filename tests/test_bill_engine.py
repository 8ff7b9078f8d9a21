"""The monthly bill of a route at a workload (comparisons.engine.pricing), branch by branch.

Figures are worked by hand in the comments; Decimal keeps them exact."""

from decimal import Decimal as D

import pytest

from comparisons.engine.pricing import (
    FORMULA,
    bill_order,
    cheapest_route,
    compare_costs,
    route_bill,
    route_monthly_cost,
)
from comparisons.engine.values import RouteFacts, TrafficFacts


def route(name="P", inp="2", out="8", cached=None, threshold=None, long_in=None, long_out=None):
    def dec(value):
        return D(value) if value is not None else None

    return RouteFacts(
        provider_slug=name.lower(),
        provider_name=name,
        input_price=dec(inp),
        output_price=dec(out),
        cached_input_price=dec(cached),
        long_context_threshold=threshold,
        long_context_input_price=dec(long_in),
        long_context_output_price=dec(long_out),
    )


def workload(requests=1000, prompt=100_000, output=1000, cached="0"):
    return TrafficFacts(
        name="w",
        monthly_input_tokens=requests * prompt,
        monthly_output_tokens=requests * output,
        requests=requests,
        cached_percent=D(cached),
    )


TIERED = {"threshold": 200_000, "long_in": "4", "long_out": "12"}


def test_no_tier_is_input_plus_output():
    # 100M prompt tokens x $2 + 1M output x $8 = $208.
    bill = route_bill(route(), workload())
    assert bill.amount == D("208")
    assert (bill.input_price, bill.output_price, bill.long_context) == (D("2"), D("8"), False)


def test_a_prompt_under_the_threshold_keeps_the_standard_prices():
    assert route_monthly_cost(route(**TIERED), workload(prompt=100_000)) == D("208")


def test_a_prompt_over_the_threshold_takes_the_long_context_prices():
    # 1000 requests x 250K = 250M prompt tokens x $4 + 1M output x $12 = $1,012.
    bill = route_bill(route(**TIERED), workload(prompt=250_000))
    assert bill.long_context is True
    assert (bill.input_price, bill.output_price) == (D("4"), D("12"))
    assert bill.amount == D("1012")


def test_a_prompt_exactly_at_the_threshold_is_not_over_it():
    # 200M x $2 + 1M x $8 = $408.
    bill = route_bill(route(**TIERED), workload(prompt=200_000))
    assert bill.long_context is False and bill.amount == D("408")
    # One token more crosses it: 200.001M x $4 + 1M x $12.
    assert route_monthly_cost(route(**TIERED), workload(prompt=200_001)) == D("812.004")


def test_the_threshold_is_compared_with_the_average_prompt_not_the_monthly_total():
    # 10,000 requests of 1K tokens: 10M tokens a month, far above the threshold, but no
    # single prompt is long.
    assert route_bill(route(**TIERED), workload(requests=10_000, prompt=1000)).long_context is False


def test_totals_without_a_request_count_never_cross_a_tier():
    traffic = TrafficFacts(name="t", monthly_input_tokens=10**12, monthly_output_tokens=0)
    bill = route_bill(route(**TIERED), traffic)
    assert bill.long_context is False and bill.amount == D("2000000")


def test_a_tier_with_only_an_input_price_keeps_the_standard_output_price():
    bill = route_bill(route(threshold=200_000, long_in="4"), workload(prompt=250_000))
    assert (bill.input_price, bill.output_price) == (D("4"), D("8"))
    assert bill.amount == D("1008")


def test_cache_share_zero_is_the_plain_formula():
    assert route_monthly_cost(route(cached="0.5"), workload(cached="0")) == D("208")


def test_cache_share_one_hundred_bills_every_prompt_token_at_the_cache_price():
    # 100M x $0.50 + 1M x $8 = $58.
    bill = route_bill(route(cached="0.5"), workload(cached="100"))
    assert bill.amount == D("58") and bill.cached_price == D("0.5") and bill.cache_priced


def test_a_partial_cache_share_splits_the_prompt_tokens():
    # 30% of 100M at $0.50 = $15, 70M at $2 = $140, + $8 output = $163.
    assert route_monthly_cost(route(cached="0.5"), workload(cached="30")) == D("163")
    # A fractional share stays exact: 12.5% of 100M = 12.5M tokens.
    assert route_monthly_cost(route(cached="0.5"), workload(cached="12.5")) == D("189.25")


def test_a_route_without_a_cache_price_bills_the_cached_share_at_the_input_price():
    bill = route_bill(route(cached=None), workload(cached="100"))
    assert bill.amount == D("208") and bill.cached_price == D("2") and not bill.cache_priced


def test_with_the_tier_crossed_cached_tokens_are_billed_at_the_long_context_input_price():
    # No long-context cache-read price is stored, so the standard tier's is not used
    # (it would understate the bill): 250M x $4 + 1M x $12 = $1,012 whatever the share.
    bill = route_bill(route(cached="0.5", **TIERED), workload(prompt=250_000, cached="100"))
    assert bill.amount == D("1012") and bill.cached_price == D("4") and not bill.cache_priced


def test_a_route_without_both_prices_has_no_bill():
    assert route_bill(route(inp=None), workload()) is None
    assert route_bill(route(out="0"), workload()) is None


def test_the_cache_share_can_change_the_cheapest_route():
    plain = route("Plain", inp="1", out="8")
    cached = route("Cached", inp="2", out="8", cached="0.1")
    assert cheapest_route([plain, cached], workload(cached="0")) is plain
    assert cheapest_route([plain, cached], workload(cached="80")) is cached


def test_the_tier_can_change_the_cheapest_route():
    tiered = route("Tiered", inp="1", out="8", threshold=200_000, long_in="5", long_out="20")
    flat = route("Flat", inp="2", out="8")
    assert cheapest_route([tiered, flat], workload(prompt=150_000)) is tiered
    assert cheapest_route([tiered, flat], workload(prompt=300_000)) is flat


def test_bill_order_puts_unpriced_routes_last_and_keeps_ties_in_route_order():
    first, second = route("First"), route("Second")
    unpriced, dear = route("Unpriced", inp=None), route("Dear", inp="9")
    assert bill_order([unpriced, dear, first, second], workload()) == [
        first,
        second,
        dear,
        unpriced,
    ]
    # Without traffic: by output price, then input price.
    assert bill_order([dear, route("Cheap out", out="1")], None)[0].label == "Cheap out"


def test_compare_costs_lists_every_bill_and_the_delta():
    traffic = workload(cached="50")
    cost = compare_costs(
        "A", [route("Dear", inp="3"), route("Cheap", cached="0.5")], "B", [route()], traffic
    )
    # A: 50M x $0.50 + 50M x $2 + $8 = $133; B: $208.
    assert cost.a.amount == D("133") and cost.a.route.label == "Cheap"
    assert [b.route.label for b in cost.a.bills] == ["Cheap", "Dear"]
    assert cost.a.bill.cached_price == D("0.5")
    assert cost.delta == D("75") and cost.cheaper is cost.a


@pytest.mark.parametrize("word", ["long-context", "cache-read price", "input price", "1M"])
def test_the_formula_sentence_names_each_part(word):
    assert word in FORMULA and FORMULA.count(".") == 1
