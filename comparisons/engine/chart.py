"""A price chart: input and output price per 1M tokens on every tracked route, as
geometry for a server-rendered SVG (horizontal bars, one row per route).

Routes are sorted by their monthly bill at the traffic the page prices (the cheapest route
first and marked); the cheapest SHOWN are drawn at once, the rest in a second panel the
page keeps behind a "show all N routes" disclosure, so fifty routes do not make a chart
as tall as the page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from comparisons.engine import formatting as fmt
from comparisons.engine.pricing import bill_order, cheapest_route
from comparisons.engine.values import RouteFacts, TrafficFacts

LABEL_WIDTH = 230  # the most the label column takes
LABEL_CHARS = 34  # what fits in it at 12 px; longer labels end in "…" (full in a tooltip)
CHAR_WIDTH = 6.6
PLOT_WIDTH = 420
ROW_HEIGHT = 34
BAR_HEIGHT = 12
TOP = 34
BOTTOM = 44
TAIL_TOP = 8  # the second panel has no legend above its rows
SHOWN = 10


@dataclass(frozen=True)
class Bar:
    kind: str  # "input" or "output"
    x: float
    y: float
    width: float
    value: str


@dataclass(frozen=True)
class Row:
    label: str  # as drawn: shortened to fit the label column
    y: float
    bars: tuple[Bar, ...]
    full_label: str = ""
    cheapest: bool = False  # the cheapest route of its model at the page's traffic


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Panel:
    """One SVG's worth of rows, with its own height and axis."""

    rows: tuple[Row, ...]
    top: int
    plot_bottom: float
    height: int


@dataclass(frozen=True)
class PriceChart:
    title: str
    description: str
    width: int
    ticks: tuple[Tick, ...]
    plot_left: int
    head: Panel  # the SHOWN cheapest routes
    tail: Panel | None  # the others, behind the disclosure
    sorted_by_bill: bool  # False without a traffic profile: by output, then input price

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.head.rows + (self.tail.rows if self.tail else ())

    @property
    def panels(self) -> tuple[Panel, ...]:
        return (self.head, self.tail) if self.tail else (self.head,)

    @property
    def count(self) -> int:
        return len(self.rows)


def _nice_max(value: Decimal) -> Decimal:
    """A round axis maximum at or above `value`: 0.18 -> 0.2, 14 -> 15, 40 -> 40."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1 if value >= 1 else -1)
    while magnitude > value:
        magnitude /= 10
    for step in (1, 2, 2.5, 5, 7.5, 10):
        top = magnitude * Decimal(str(step))
        if top >= value:
            return top
    return magnitude * 10


def _panel(entries: list, top: int, label_width: int, scale: Decimal, cheapest: set) -> Panel:
    rows = []
    for index, (label, route) in enumerate(entries):
        y = top + index * ROW_HEIGHT
        bars = []
        for offset, kind, value in (
            (0, "input", route.input_price),
            (BAR_HEIGHT + 2, "output", route.output_price),
        ):
            if value is not None and value > 0:
                bars.append(
                    Bar(kind, label_width, y + offset, float(value * scale), fmt.price(value))
                )
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
        rows.append(Row(short, y, tuple(bars), full_label=label, cheapest=id(route) in cheapest))
    plot_bottom = top + len(entries) * ROW_HEIGHT
    return Panel(tuple(rows), top, plot_bottom, int(plot_bottom + BOTTOM))


def price_chart(
    models: Sequence[tuple[str, Sequence[RouteFacts]]],
    traffic: TrafficFacts | None = None,
    shown: int = SHOWN,
) -> PriceChart | None:
    """One row per route with a public input or output price, cheapest bill first (the
    order `cheapest_route` decides by); None when there is none."""
    charted = [
        (name, route)
        for name, routes in models
        for route in routes
        if (route.input_price or 0) > 0 or (route.output_price or 0) > 0
    ]
    if not charted:
        return None
    # Both models' routes in one order; the order and the mark come from the one pricing
    # rule, so the first row of a model is the route its cost section names.
    order = {id(route): i for i, route in enumerate(bill_order([r for _, r in charted], traffic))}
    charted.sort(key=lambda item: order[id(item[1])])
    cheapest = {id(cheapest_route(routes, traffic)) for _, routes in models}
    entries = [
        (f"{route.label} ({name})" if len(models) > 1 else route.label, route)
        for name, route in charted
    ]
    top = _nice_max(max(max(r.input_price or 0, r.output_price or 0) for _, r in entries))
    scale = Decimal(PLOT_WIDTH) / top
    longest = max(len(label) for label, _ in entries)
    label_width = round(min(LABEL_WIDTH, max(90, min(longest, LABEL_CHARS) * CHAR_WIDTH + 16)))
    head = _panel(entries[:shown], TOP, label_width, scale, cheapest)
    rest = entries[shown:]
    tail = _panel(rest, TAIL_TOP, label_width, scale, cheapest) if rest else None
    ticks = tuple(
        Tick(label_width + float(top * i / 4 * scale), fmt.price(top * i / 4)) for i in range(5)
    )
    description = "; ".join(
        f"{label}{' (cheapest)' if id(route) in cheapest else ''}: input "
        f"{fmt.price(route.input_price)}, output {fmt.price(route.output_price)}"
        for label, route in entries
    )
    names = " and ".join(name for name, _ in models)
    order_note = (
        f"cheapest monthly bill first at {traffic.name}" if traffic else "lowest output price first"
    )
    return PriceChart(
        title=f"Price per 1M tokens on each tracked route of {names}",
        description=(
            "Horizontal bars, input and output price in USD per 1M tokens, "
            f"{order_note}. {description}."
        ),
        width=label_width + PLOT_WIDTH + 70,
        ticks=ticks,
        plot_left=label_width,
        head=head,
        tail=tail,
        sorted_by_bill=traffic is not None,
    )
