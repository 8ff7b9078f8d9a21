"""A price-history step chart: one lane per route, each step as wide as the time its
prices held (not evenly spaced), as geometry for a server-rendered SVG.

Each lane draws the route's input price (its output price where it lists no input) on a
scale of its own, so a step down shows whatever the price level; every step carries its
input / output prices as text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from comparisons.engine import formatting as fmt
from comparisons.engine.history import Prices, RouteHistory

LABEL_WIDTH = 210
LABEL_CHARS = 30
PLOT_WIDTH = 480
LANE_HEIGHT = 52
TOP = 24
BOTTOM = 40
MIN_WIDTH = 3.0  # a step seen in one snapshot only still shows


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    y: float
    days: int  # how long the prices held (to the next step, or to the last sighting)
    first_seen: date
    label: str  # "$0.072 / $0.28"


@dataclass(frozen=True)
class Lane:
    label: str
    full_label: str
    y: float
    path: str  # SVG path of the step line
    segments: tuple[Segment, ...]
    listed: bool  # False: no longer listed (the line ends at its last sighting)
    cheapest: bool = False  # the route with the lowest monthly bill now


@dataclass(frozen=True)
class DateTick:
    x: float
    label: str


@dataclass(frozen=True)
class HistoryChart:
    title: str
    description: str
    width: int
    height: int
    lanes: tuple[Lane, ...]
    ticks: tuple[DateTick, ...]
    plot_left: int
    plot_right: int
    plot_bottom: float
    start: date
    end: date


def _level(step_prices: Prices) -> Decimal | None:
    return step_prices.input if step_prices.input is not None else step_prices.output


def _month_ticks(start: date, end: date, x: Callable[[date], float]) -> tuple[DateTick, ...]:
    months = []
    day = date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            months.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    every = max(1, -(-len(months) // 8))  # at most eight labels
    return tuple(DateTick(x(d), d.strftime("%b %Y")) for d in months[::every])


def history_chart(
    histories: Sequence[RouteHistory],
    newest: date,
    *,
    name: str = "",
    since: date | None = None,
    cheapest: str | None = None,
) -> HistoryChart | None:
    """One lane per route with a priced step; None when no route has one.

    The time axis runs from the first sighting (or `since`, so that a second chart of
    more routes shares the first one's scale) to the newest snapshot, plus a margin in
    which routes still listed run on (their last price holds today). The lane of the route
    keyed `cheapest` is marked.
    """
    routes = [h for h in histories if any(_level(s.prices) is not None for s in h.steps)]
    if not routes:
        return None
    start = since or min(h.steps[0].first_seen for h in routes)
    span = max((newest - start).days, 1)
    end = newest + timedelta(days=max(14, span // 20))
    total = (end - start).days
    longest = max(len(h.label) for h in routes)
    left = round(min(LABEL_WIDTH, max(90, min(longest, LABEL_CHARS) * 6.6 + 16)))

    def x(day: date) -> float:
        return round(left + (day - start).days / total * PLOT_WIDTH, 2)

    lanes = []
    for index, history in enumerate(routes):
        top = TOP + index * LANE_HEIGHT
        levels = [v for v in (_level(s.prices) for s in history.steps) if v is not None]
        high = max(levels) if levels else Decimal(0)
        listed = history.steps[-1].last_seen >= newest
        segments = []
        for n, step in enumerate(history.steps):
            following = history.steps[n + 1] if n + 1 < len(history.steps) else None
            until = following.first_seen if following else (end if listed else step.last_seen)
            level = _level(step.prices) or Decimal(0)
            share = float(level / high) if high else 0.0
            x0 = x(step.first_seen)
            segments.append(
                Segment(
                    x=x0,
                    width=max(round(x(until) - x0, 2), MIN_WIDTH),
                    y=round(top + 8 + (1 - share) * (LANE_HEIGHT - 30), 2),
                    days=(
                        (following.first_seen if following else step.last_seen) - step.first_seen
                    ).days,
                    first_seen=step.first_seen,
                    label=f"{fmt.price(step.prices.input)} / {fmt.price(step.prices.output)}",
                )
            )
        path = [f"M{segments[0].x} {segments[0].y}"]
        for n, seg in enumerate(segments):
            if n:
                path.append(f"V{seg.y}")
            path.append(f"H{round(seg.x + seg.width, 2)}")
        label = history.label
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
        lanes.append(
            Lane(
                short,
                label,
                top,
                " ".join(path),
                tuple(segments),
                listed,
                cheapest=cheapest is not None and history.key == cheapest,
            )
        )
    plot_bottom = TOP + len(routes) * LANE_HEIGHT
    described = "; ".join(
        f"{h.label}: "
        + ", then ".join(
            f"{fmt.price(s.prices.input)} / {fmt.price(s.prices.output)} from {s.first_seen}"
            for s in h.steps
        )
        for h in routes
    )
    return HistoryChart(
        title=f"Price history per route{f' of {name}' if name else ''}",
        description="Step chart, input / output price in USD per 1M tokens, each step as "
        f"wide as the time it held. {described}.",
        width=left + PLOT_WIDTH + 20,
        height=int(plot_bottom + BOTTOM),
        lanes=tuple(lanes),
        ticks=_month_ticks(start, end, x),
        plot_left=left,
        plot_right=left + PLOT_WIDTH,
        plot_bottom=plot_bottom,
        start=start,
        end=end,
    )
