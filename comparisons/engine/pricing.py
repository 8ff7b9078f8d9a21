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


def route_monthly_cost(route: RouteFacts, traffic: TrafficFacts) -> Decimal | None:
    if not has_public_price(route):
        return None
    assert route.input_price is not None and route.output_price is not None  # noqa: S101
    return (
        route.input_price * Decimal(traffic.monthly_input_tokens)
        + route.output_price * Decimal(traffic.monthly_output_tokens)
    ) / MILLION


def cheapest_route(routes: Sequence[RouteFacts], traffic: TrafficFacts | None) -> RouteFacts | None:
    """The publicly priced route with the lowest monthly bill (first listed wins a tie).

    Without a traffic profile, the lowest output price decides, then the lowest input price.
    """
    priced = [r for r in routes if has_public_price(r)]
    if not priced:
        return None
    if traffic is None:
        return min(priced, key=lambda r: (r.output_price, r.input_price))
    return min(priced, key=lambda r: route_monthly_cost(r, traffic))


@dataclass(frozen=True)
class MonthlyCost:
    """A model's bill at a traffic profile, or the reason there is none."""

    model_name: str
    amount: Decimal | None
    route: RouteFacts | None
    reason: str = ""

    @property
    def available(self) -> bool:
        return self.amount is not None


NO_ROUTES = "No provider route is tracked for this model yet."
NO_COMPLETE_PRICE = "No tracked route has both an input and an output token price."


def monthly_cost(
    model_name: str, routes: Sequence[RouteFacts], traffic: TrafficFacts
) -> MonthlyCost:
    route = cheapest_route(routes, traffic)
    if route is None:
        reason = NO_ROUTES if not routes else NO_COMPLETE_PRICE
        return MonthlyCost(model_name=model_name, amount=None, route=None, reason=reason)
    return MonthlyCost(
        model_name=model_name, amount=route_monthly_cost(route, traffic), route=route
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
