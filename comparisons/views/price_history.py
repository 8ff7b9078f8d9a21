"""What a model page shows of its routes' price history (two queries, whatever its length)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from comparisons.engine import formatting
from comparisons.engine.chart import SHOWN
from comparisons.engine.history import (
    RouteHistory,
    Step,
    bill_ordered,
    percent,
)
from comparisons.engine.history_chart import history_chart
from comparisons.engine.pricing import bill_order, cheapest_route
from comparisons.engine.values import ModelFacts, TrafficFacts
from comparisons.models import ModelPage
from comparisons.models.price_history import (
    newest_snapshot_date,
    route_histories,
)


@dataclass(frozen=True)
class StepRow:
    step: Step
    until: str  # "2026-06-08" or "still listed"
    days: int | None


@dataclass(frozen=True)
class HistoryRow:
    history: RouteHistory
    steps: tuple[StepRow, ...]
    since_first_seen: str  # "input -58 %, output -46 % since first seen on 2026-01-05"
    last_listed: Step | None


def _since(history: RouteHistory) -> str:
    change = history.since_first_seen
    if change is None:
        return "unchanged since first seen"
    parts = [
        f"{kind} {text}"
        for kind, text in (
            ("input", percent(change.input_change)),
            ("output", percent(change.output_change)),
        )
        if text
    ]
    first = history.steps[0].first_seen.isoformat()
    return (", ".join(parts) or "changed") + f" since first seen on {first}"


def _row(history: RouteHistory, newest: date) -> HistoryRow:
    last = history.last_listed(newest)
    rows = []
    for n, step in enumerate(history.steps):
        following = history.steps[n + 1] if n + 1 < len(history.steps) else None
        if following is not None:
            rows.append(
                StepRow(
                    step,
                    f"until {following.first_seen}",
                    (following.first_seen - step.first_seen).days,
                )
            )
        elif last is None:
            rows.append(StepRow(step, "still listed", None))
        else:
            rows.append(
                StepRow(
                    step, f"last listed {step.last_seen}", (step.last_seen - step.first_seen).days
                )
            )
    return HistoryRow(history, tuple(rows), _since(history), last)


def history_context(
    page: ModelPage, facts: ModelFacts, traffic: TrafficFacts | None = None
) -> dict[str, Any]:
    """The routes in the price chart's order (the monthly bill for `traffic`, cheapest
    first and marked, then routes no longer listed): the SHOWN first charted and tabled at
    once, the rest behind a disclosure on the same time scale."""
    histories = route_histories([page.catalogue_key]).get(page.catalogue_key, [])
    if not histories:
        return {"history_chart": None, "history_rows": [], "history_gone": []}
    newest = newest_snapshot_date() or date.today()
    ordered = bill_ordered(histories, [str(r.key) for r in bill_order(facts.routes, traffic)])
    shown, more = ordered[:SHOWN], ordered[SHOWN:]
    cheapest = cheapest_route(facts.routes, traffic)
    cheapest_key = str(cheapest.key) if cheapest is not None else None
    since = min(h.steps[0].first_seen for h in ordered)
    gone = [
        (h, last, formatting.price(last.prices.input), formatting.price(last.prices.output))
        for h in ordered
        if (last := h.last_listed(newest)) is not None
    ]
    return {
        "history_chart": history_chart(
            shown, newest, name=facts.name, since=since, cheapest=cheapest_key
        ),
        "history_rows": [_row(h, newest) for h in shown],
        "history_more_chart": history_chart(
            more, newest, name=facts.name, since=since, cheapest=cheapest_key
        ),
        "history_more_rows": [_row(h, newest) for h in more],
        "history_gone": gone,
        "history_newest": newest,
        "history_route_count": len(histories),
    }
