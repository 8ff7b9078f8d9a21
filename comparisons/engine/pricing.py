"""Routes, prices and monthly cost at a traffic profile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from comparisons.engine.values import ModelFacts, RouteFacts, TrafficFacts

MILLION = Decimal(1_000_000)


def has_public_price(route: RouteFacts) -> bool:
    """Both token prices known and above zero.

    Catalogues list 0 for "no public price" or a free tier with limits; such a route is
    shown but never used as the cheapest route, so no model is ever said to cost $0.
    """
    return (
        route.input_price is not None
        and route.output_price is not None
        and route.input_price > 0
        and route.output_price > 0
    )


def provider_names(model: ModelFacts) -> list[str]:
    """The providers serving a model, each named once, in route order."""
    return list(dict.fromkeys(r.provider_name for r in model.routes))


def is_zero_priced(route: RouteFacts) -> bool:
    return route.input_price == 0 or route.output_price == 0


HUNDRED = Decimal(100)

# The formula readers see on the comparison page and in the README, in one sentence.
FORMULA = (
    "Monthly bill = (uncached prompt tokens \u00d7 input price + cached prompt tokens \u00d7 "
    "cache-read price + output tokens \u00d7 output price) \u00f7 1M, where a route's long-context "
    "prices replace its standard ones when the average prompt is longer than its "
    "long-context threshold, and a route without a cache-read price bills cached tokens "
    "at its input price."
)


def prompt_tokens_per_request(traffic: TrafficFacts) -> Decimal | None:
    """The average prompt, known only when the workload says how many requests it has."""
    if not traffic.requests:
        return None
    return Decimal(traffic.monthly_input_tokens) / Decimal(traffic.requests)


@dataclass(frozen=True)
class RouteBill:
    """A route's monthly bill at a workload and the prices that made it."""

    route: RouteFacts
    amount: Decimal
    input_price: Decimal
    output_price: Decimal
    cached_price: Decimal  # what a cached prompt token cost
    long_context: bool  # the long-context tier's prices applied
    cache_priced: bool  # the route has a cache-read price for the prices applied


def route_bill(route: RouteFacts, traffic: TrafficFacts) -> RouteBill | None:
    """The bill by FORMULA; None for a route without a public price on both token kinds.

    The tier applies only above the threshold (a prompt exactly at it is billed at the
    standard prices) and only when the prompt length is known. The stored cache-read price
    is the standard tier's, so with the long-context tier crossed the cached share is billed
    at the long-context input price: a bill never understated by a price we do not have.
    """
    if not has_public_price(route):
        return None
    assert route.input_price is not None and route.output_price is not None  # noqa: S101
    prompt = prompt_tokens_per_request(traffic)
    long_context = bool(
        prompt is not None
        and route.long_context_threshold
        and prompt > route.long_context_threshold
        and (
            route.long_context_input_price is not None
            or route.long_context_output_price is not None
        )
    )
    input_price, output_price = route.input_price, route.output_price
    cached_price = route.cached_input_price
    if long_context:
        if route.long_context_input_price is not None:
            input_price = route.long_context_input_price
        if route.long_context_output_price is not None:
            output_price = route.long_context_output_price
        cached_price = None
    cache_priced = cached_price is not None
    if cached_price is None:
        cached_price = input_price
    prompt_tokens = Decimal(traffic.monthly_input_tokens)
    cached = prompt_tokens * traffic.cached_percent / HUNDRED
    amount = (
        (prompt_tokens - cached) * input_price
        + cached * cached_price
        + Decimal(traffic.monthly_output_tokens) * output_price
    ) / MILLION
    return RouteBill(
        route=route,
        amount=amount,
        input_price=input_price,
        output_price=output_price,
        cached_price=cached_price,
        long_context=long_context,
        cache_priced=cache_priced,
    )


def route_monthly_cost(route: RouteFacts, traffic: TrafficFacts) -> Decimal | None:
    """What every page and the API show as a route's monthly cost (see route_bill)."""
    bill = route_bill(route, traffic)
    return bill.amount if bill else None


def bill_order(routes: Sequence[RouteFacts], traffic: TrafficFacts | None) -> list[RouteFacts]:
    """Routes from the cheapest bill to the dearest, publicly priced ones first; a stable
    sort, so the first listed wins a tie. Without a traffic profile the lowest output price
    decides, then the lowest input price. The cheapest route is the first of these."""

    def key(route: RouteFacts) -> tuple:
        if not has_public_price(route):
            return (1, route.output_price or 0, route.input_price or 0, 0)
        amount = route_monthly_cost(route, traffic) if traffic is not None else 0
        return (0, amount, route.output_price, route.input_price)

    return sorted(routes, key=key)


def cheapest_route(routes: Sequence[RouteFacts], traffic: TrafficFacts | None) -> RouteFacts | None:
    """The publicly priced route with the lowest monthly bill (first listed wins a tie)."""
    ordered = bill_order(routes, traffic)
    return ordered[0] if ordered and has_public_price(ordered[0]) else None


def route_bills(routes: Sequence[RouteFacts], traffic: TrafficFacts) -> tuple[RouteBill, ...]:
    """Every publicly priced route's bill, cheapest first."""
    bills = (route_bill(route, traffic) for route in bill_order(routes, traffic))
    return tuple(bill for bill in bills if bill is not None)


@dataclass(frozen=True)
class MonthlyCost:
    """A model's bill at a traffic profile, or the reason there is none."""

    model_name: str
    amount: Decimal | None
    route: RouteFacts | None
    reason: str = ""
    bills: tuple[RouteBill, ...] = ()  # every priced route, cheapest first

    @property
    def bill(self) -> RouteBill | None:
        """The cheapest route's bill, with the prices it applied."""
        return self.bills[0] if self.bills else None

    @property
    def available(self) -> bool:
        return self.amount is not None


NO_ROUTES = "No provider route is tracked for this model yet."
NO_COMPLETE_PRICE = "No tracked route has both an input and an output token price."


def monthly_cost(
    model_name: str, routes: Sequence[RouteFacts], traffic: TrafficFacts
) -> MonthlyCost:
    bills = route_bills(routes, traffic)
    if not bills:
        reason = NO_ROUTES if not routes else NO_COMPLETE_PRICE
        return MonthlyCost(model_name=model_name, amount=None, route=None, reason=reason)
    return MonthlyCost(
        model_name=model_name, amount=bills[0].amount, route=bills[0].route, bills=bills
    )


@dataclass(frozen=True)
class CostComparison:
    traffic: TrafficFacts
    a: MonthlyCost
    b: MonthlyCost

    @property
    def delta(self) -> Decimal | None:
        """B minus A, when both are known."""
        if self.a.amount is None or self.b.amount is None:
            return None
        return self.b.amount - self.a.amount

    @property
    def cheaper(self) -> MonthlyCost | None:
        delta = self.delta
        if delta is None or delta == 0:
            return None
        return self.a if delta > 0 else self.b

    @property
    def dearer(self) -> MonthlyCost | None:
        cheaper = self.cheaper
        if cheaper is None:
            return None
        return self.b if cheaper is self.a else self.a


def compare_costs(
    a_name: str,
    a_routes: Sequence[RouteFacts],
    b_name: str,
    b_routes: Sequence[RouteFacts],
    traffic: TrafficFacts,
) -> CostComparison:
    return CostComparison(
        traffic=traffic,
        a=monthly_cost(a_name, a_routes, traffic),
        b=monthly_cost(b_name, b_routes, traffic),
    )
