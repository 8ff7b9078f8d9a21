"""The decision scorecard: the few rows a reader decides on."""

from __future__ import annotations

from comparisons.engine import formatting as fmt
from comparisons.engine.benchmarks import shared_benchmark_rows, wins
from comparisons.engine.pricing import cheapest_route
from comparisons.engine.tables import Row
from comparisons.engine.values import PairFacts


def scorecard_rows(pair: PairFacts) -> list[Row]:
    """Rows without data on either side are left out."""
    shared = shared_benchmark_rows(pair)

    def shared_text(side: str) -> str:
        # Each side's count of better scores; a benchmark only one side has counts for
        # neither (it is not a loss for the other).
        text = fmt.plural(len(shared), "row")
        return f"{text}, higher on {wins(shared, side)}" if shared else text

    def cheapest(m) -> str:
        # The route the rest of the page calls cheapest, with its prices, so the
        # scorecard, pricing table and monthly cost agree.
        route = cheapest_route(m.routes, pair.traffic)
        if route is None:
            return fmt.UNKNOWN
        return fmt.route_prices(route.label, route.input_price, route.output_price)

    rows = [
        Row("Product type", pair.a.product_type or fmt.UNKNOWN, pair.b.product_type or fmt.UNKNOWN),
        Row("Best for", pair.a.best_for or fmt.UNKNOWN, pair.b.best_for or fmt.UNKNOWN),
        Row(
            "Decision fit",
            fmt.join_list(pair.a.tag_names) or fmt.UNKNOWN,
            fmt.join_list(pair.b.tag_names) or fmt.UNKNOWN,
        ),
        Row("Context window", fmt.tokens(pair.a.context_window), fmt.tokens(pair.b.context_window)),
        Row("Cheapest route", cheapest(pair.a), cheapest(pair.b)),
        Row("Provider routes", f"{len(pair.a.routes)} tracked", f"{len(pair.b.routes)} tracked"),
        Row("Shared benchmarks", shared_text("a"), shared_text("b")),
    ]
    if not (pair.a.current and pair.b.current) or pair.a.lifecycle or pair.b.lifecycle:
        rows.insert(0, Row("Lifecycle", pair.a.lifecycle_label, pair.b.lifecycle_label))
    return [r for r in rows if r.has_data]
