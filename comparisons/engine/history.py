"""Price history of a route as a change-point ledger, and what readers are told about it.

A step is a set of prices and the span of snapshots that listed them: `first_seen` is the
date of the first snapshot with those prices (the date they held from), `last_seen` the
date of the latest snapshot that still listed them. A new step begins only when a price
changes. Snapshots may arrive in any order: one dated between two steps extends whichever
neighbour has its prices, or becomes a step of its own. Pure: no Django import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from comparisons.engine.tables import Row
from comparisons.engine.values import RouteFacts

# "Changed recently" in comparisons: within this many days of the newest snapshot.
RECENT_DAYS = 90
MINUS = "\N{MINUS SIGN}"


@dataclass(frozen=True)
class Prices:
    """USD per 1M tokens as one snapshot lists them (None: not listed)."""

    input: Decimal | None = None
    output: Decimal | None = None
    cached_input: Decimal | None = None


@dataclass(frozen=True)
class Step:
    prices: Prices
    first_seen: date
    last_seen: date
    source: str = ""  # the snapshot the step was first seen in


def record(steps: Sequence[Step], seen: date, prices: Prices, source: str = "") -> list[Step]:
    """The route's steps once a snapshot dated `seen` has listed `prices` (sorted by date).

    Unchanged steps are returned as the same objects, so a caller can tell what to write.
    """
    ordered = sorted(steps, key=lambda s: s.first_seen)
    for index, step in enumerate(ordered):
        if step.first_seen <= seen <= step.last_seen:
            if step.prices == prices:
                return ordered  # already known: nothing to write
            if step.first_seen == step.last_seen:  # the same snapshot, read again, now differs
                ordered[index] = Step(prices, seen, seen, source)
                return ordered
            # A snapshot inside a step that says otherwise: the step is known to hold on its
            # first and last dates, so it splits around the new one.
            before = replace(step, last_seen=step.first_seen) if seen > step.first_seen else None
            after = (
                Step(step.prices, step.last_seen, step.last_seen, step.source)
                if seen < step.last_seen
                else None
            )
            middle = Step(prices, seen, seen, source)
            ordered[index : index + 1] = [s for s in (before, middle, after) if s is not None]
            return ordered
    earlier = [s for s in ordered if s.last_seen < seen]
    later = [s for s in ordered if s.first_seen > seen]
    previous = earlier[-1] if earlier else None
    following = later[0] if later else None
    if previous is not None and previous.prices == prices:
        ordered[ordered.index(previous)] = replace(previous, last_seen=seen)
    elif following is not None and following.prices == prices:
        ordered[ordered.index(following)] = replace(following, first_seen=seen, source=source)
    else:
        ordered.append(Step(prices, seen, seen, source))
        ordered.sort(key=lambda s: s.first_seen)
    return ordered


def _change(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    """Relative change in per cent, None where either side is missing or was free."""
    if old is None or new is None or old == 0:
        return None
    return (new - old) / old * 100


@dataclass(frozen=True)
class PriceChange:
    """The latest change of a route's prices."""

    on: date
    before: Prices
    after: Prices

    @property
    def input_change(self) -> Decimal | None:
        return _change(self.before.input, self.after.input)

    @property
    def output_change(self) -> Decimal | None:
        return _change(self.before.output, self.after.output)


def latest_change(steps: Sequence[Step]) -> PriceChange | None:
    ordered = sorted(steps, key=lambda s: s.first_seen)
    if len(ordered) < 2:
        return None
    return PriceChange(ordered[-1].first_seen, ordered[-2].prices, ordered[-1].prices)


def recent_change(
    steps: Sequence[Step], newest: date, days: int = RECENT_DAYS
) -> PriceChange | None:
    """The latest change if it happened within `days` of `newest` (the newest snapshot)."""
    change = latest_change(steps)
    if change is None or change.on < newest - timedelta(days=days):
        return None
    return change


def since_first_seen(steps: Sequence[Step]) -> PriceChange | None:
    """First step against the last: how the prices moved over the whole record."""
    ordered = sorted(steps, key=lambda s: s.first_seen)
    if len(ordered) < 2:
        return None
    return PriceChange(ordered[-1].first_seen, ordered[0].prices, ordered[-1].prices)


def last_listed(steps: Sequence[Step], newest: date) -> Step | None:
    """The last step of a route the newest snapshot no longer lists; None if still listed."""
    if not steps:
        return None
    last = max(steps, key=lambda s: s.first_seen)
    return last if last.last_seen < newest else None


def percent(value: Decimal | None) -> str:
    """ "\N{MINUS SIGN}23 %" (a true minus sign), "+5 %"; "" when unknown."""
    if value is None:
        return ""
    rounded = int(value.quantize(Decimal(1)))
    if rounded == 0:
        return "±0 %"
    sign = "+" if rounded > 0 else MINUS
    return f"{sign}{abs(rounded)} %"


@dataclass(frozen=True)
class RouteHistory:
    """One route's ledger as readers see it."""

    key: str  # str(RouteKey)
    label: str
    provider_slug: str
    provider_model_id: str
    variant: str
    steps: tuple[Step, ...]  # oldest first

    def last_listed(self, newest: date) -> Step | None:
        return last_listed(self.steps, newest)

    @property
    def since_first_seen(self) -> PriceChange | None:
        return since_first_seen(self.steps)

    @property
    def changed(self) -> bool:
        """Whether its input or output price ever changed (a new cache price alone is not)."""
        first = self.steps[0].prices
        return any(
            (s.prices.input, s.prices.output) != (first.input, first.output) for s in self.steps
        )


def bill_ordered(
    histories: Sequence[RouteHistory], bill_order: Sequence[str]
) -> list[RouteHistory]:
    """Routes listed now in the order of their monthly bill (`bill_order`: route keys,
    cheapest first, as the price chart sorts them), then the routes no longer listed,
    those whose price changed first, by label."""
    rank = {key: n for n, key in enumerate(bill_order)}
    return sorted(
        histories,
        key=lambda h: (
            h.key not in rank,
            rank.get(h.key, 0),
            not h.changed,
            h.label,
        ),
    )


def change_note(change: PriceChange | None, kind: str) -> str:
    """ "price changed on 2026-06-08 (-46 %)" for the input or output price, "" when that
    price did not change (or the change cannot be put as a share: it was free)."""
    if change is None:
        return ""
    before, after = (
        (change.before.input, change.after.input)
        if kind == "input"
        else (change.before.output, change.after.output)
    )
    if before == after or before is None or after is None:
        return ""
    share = percent(_change(before, after))
    return f"price changed on {change.on.isoformat()}" + (f" ({share})" if share else "")


def with_price_changes(
    rows: Sequence[Row], routes: Sequence[RouteFacts | None], changes: dict[str, PriceChange]
) -> list[Row]:
    """A comparison's pricing rows, each price that changed recently followed by its note:
    "$0.039 per 1M tokens (price changed on 2026-06-08 (-46 %))". `routes`: the route each
    column's prices come from (A, B); `changes`: `recent_change` by route key."""
    kinds = {"Input price": "input", "Output price": "output"}

    def cell(text: str, route: RouteFacts | None, kind: str) -> str:
        change = changes.get(str(route.key)) if route is not None else None
        shown = getattr(route, f"{kind}_price", None)
        # Only about the price shown: an editor's corrected price is not the catalogue's.
        if change is None or getattr(change.after, kind) != shown:
            return text
        note = change_note(change, kind)
        return f"{text} ({note})" if note else text

    return [
        Row(
            row.label,
            cell(row.a, routes[0], kinds[row.label]),
            cell(row.b, routes[1], kinds[row.label]),
        )
        if row.label in kinds
        else row
        for row in rows
    ]
