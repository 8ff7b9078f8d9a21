"""A price chart: input and output price per 1M tokens on every tracked route, as
geometry for a server-rendered SVG (horizontal bars, one row per route)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from comparisons.engine import formatting as fmt
from comparisons.engine.values import RouteFacts

LABEL_WIDTH = 230  # the most the label column takes
LABEL_CHARS = 34  # what fits in it at 12 px; longer labels end in "…" (full in a tooltip)
CHAR_WIDTH = 6.6
PLOT_WIDTH = 420
ROW_HEIGHT = 34
BAR_HEIGHT = 12
TOP = 34
BOTTOM = 44


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


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class PriceChart:
    title: str
    description: str
    width: int
    height: int
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    plot_left: int
    plot_bottom: float


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


def price_chart(models: Sequence[tuple[str, Sequence[RouteFacts]]]) -> PriceChart | None:
    """One row per route with a public input or output price; None when there is none."""
    entries = [
        (f"{route.label} ({name})" if len(models) > 1 else route.label, route)
        for name, routes in models
        for route in routes
        if (route.input_price or 0) > 0 or (route.output_price or 0) > 0
    ]
    if not entries:
        return None
    top = _nice_max(max(max(r.input_price or 0, r.output_price or 0) for _, r in entries))
    scale = Decimal(PLOT_WIDTH) / top
    longest = max(len(label) for label, _ in entries)
    label_width = round(min(LABEL_WIDTH, max(90, min(longest, LABEL_CHARS) * CHAR_WIDTH + 16)))
    rows = []
    for index, (label, route) in enumerate(entries):
        y = TOP + index * ROW_HEIGHT
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
        rows.append(Row(short, y, tuple(bars), full_label=label))
    plot_bottom = TOP + len(entries) * ROW_HEIGHT
    ticks = tuple(
        Tick(label_width + float(top * i / 4 * scale), fmt.price(top * i / 4)) for i in range(5)
    )
    description = "; ".join(
        f"{label}: input {fmt.price(route.input_price)}, output {fmt.price(route.output_price)}"
        for label, route in entries
    )
    names = " and ".join(name for name, _ in models)
    return PriceChart(
        title=f"Price per 1M tokens on each tracked route of {names}",
        description=f"Horizontal bars, input and output price in USD per 1M tokens. {description}.",
        width=label_width + PLOT_WIDTH + 70,
        height=int(plot_bottom + BOTTOM),
        rows=tuple(rows),
        ticks=ticks,
        plot_left=label_width,
        plot_bottom=plot_bottom,
    )
