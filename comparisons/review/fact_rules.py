"""How a figure someone wrote is compared with our data.

One set of rules for the two places that read figures out of text: the claim check over
editors' prose and the legacy importer's conflict report. A price written to fewer
decimals agrees with the price rounded the same way, a token count agrees when both print
the same ("262K" and 262,144), a route count is the number of tracked routes and a
provider count the number of distinct providers (a provider may carry several routes of
one model: regions, variants), and a price stated for a provider agrees when any of that
provider's routes has it. Pure: facts in, answers out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from comparisons.engine import formatting as fmt
from comparisons.engine.values import ModelFacts, RouteFacts
from comparisons.engine.values import provider_count as count_providers


def matches_when_rounded(claimed: Decimal, actual: Decimal | None) -> bool:
    """A claim written to fewer decimals matches the actual value rounded the same way.

    Any figure is safe to pass: one too long to round within the decimal precision (a
    price with hundreds of digits, from a crafted page or a typo) is compared exactly, and
    a value that is not a finite number matches nothing."""
    if actual is None or not claimed.is_finite() or not actual.is_finite():
        return False
    exponent = claimed.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    try:
        quantum = Decimal(1).scaleb(-places)
        return actual.quantize(quantum) == claimed.quantize(quantum)
    except InvalidOperation:
        return actual == claimed


def same_tokens(claimed: int, actual: int | None) -> bool:
    return actual is not None and (actual == claimed or fmt.tokens(actual) == fmt.tokens(claimed))


def route_count(model: ModelFacts) -> int:
    """ "N tracked routes": every route, several on one provider counted apart."""
    return len(model.routes)


def provider_count(model: ModelFacts) -> int:
    """ "N providers": distinct providers, as the models index counts them."""
    return count_providers(model.routes)


def same_name(a: str | None, b: str | None) -> bool:
    return _norm(a) == _norm(b)


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).rstrip(".").casefold()


def routes_on(model: ModelFacts, provider: str) -> tuple[RouteFacts, ...]:
    """The model's routes on a provider named by its name or slug (any number of them)."""
    return tuple(
        r
        for r in model.routes
        if same_name(r.provider_name, provider) or r.provider_slug == provider
    )


def route_with_price(
    claimed: Decimal, routes: Iterable[RouteFacts], fields: Sequence[str]
) -> RouteFacts | None:
    """The first route whose price in one of `fields` agrees with the claimed figure."""
    for route in routes:
        if any(matches_when_rounded(claimed, getattr(route, f)) for f in fields):
            return route
    return None
