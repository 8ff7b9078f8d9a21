"""What a model page shows of its routes' price history (three queries, whatever its length;
none for a reader's request once the catalogue generation's copy is cached)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest

from comparisons.catalogue_cache import cached, cached_many
from comparisons.engine import formatting
from comparisons.engine.chart import SHOWN
from comparisons.engine.history import (
    PriceChange,
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
    recent_changes,
    route_histories,
)


# The ledger changes only with an import, which bumps the catalogue generation: readers'
# requests read it from the data cache (comparisons.catalogue_cache) under that generation.
def newest_snapshot(request: HttpRequest | None) -> date | None:
    return cached(request, "newest-snapshot", newest_snapshot_date)


def histories_of(request: HttpRequest | None, model_key: str) -> list[RouteHistory]:
    if not model_key:
        return []
    return cached(
        request,
        "route-histories",
        lambda: route_histories([model_key]).get(model_key, []),
        item=model_key,
    )


def recent_price_changes(
    request: HttpRequest | None, route_keys: list[str]
) -> dict[str, PriceChange]:
    """Each route's latest price change within the recent window (recent_changes); routes
    without one are cached too, as None, so a warm page reads nothing."""

    def load(keys: list[str]) -> dict[str, PriceChange | None]:
        found = recent_changes(keys)
        return {key: found.get(key) for key in keys}

    keys = sorted({k for k in route_keys if k})
    return {k: v for k, v in cached_many(request, "recent-change", keys, load).items() if v}


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
    page: ModelPage,
    facts: ModelFacts,
    traffic: TrafficFacts | None = None,
    request: HttpRequest | None = None,
) -> dict[str, Any]:
    """The routes in the price chart's order (the monthly bill for `traffic`, cheapest
    first and marked, then routes no longer listed): the SHOWN first charted and tabled at
    once, the rest behind a disclosure on the same time scale."""
    histories = histories_of(request, page.catalogue_key)
    if not histories:
        return {"history_chart": None, "history_rows": [], "history_gone": []}
    newest = newest_snapshot(request) or date.today()
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
