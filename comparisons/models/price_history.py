"""The price ledger: a route's prices over time, one row per change (see engine.history).

Kept apart from the routes on model pages: a ledger row records what a catalogue snapshot
listed, whatever an editor has since set, and outlives the route (a route that is no
longer listed, or was listed only by older snapshots, keeps its history).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import models
from django.db.models import Max

from comparisons.engine.history import PriceChange, Prices, RouteHistory, Step, recent_change
from comparisons.engine.routes import RouteName, route_labels
from comparisons.models.model_rows import PRICE_FIELD_OPTIONS


class PriceStep(models.Model):
    # The catalogue model the route belonged to when seen: a model page's `catalogue_key`.
    model_key = models.CharField(max_length=200, db_index=True)
    # str(RouteKey): provider slug | provider's model id | variant, normalised.
    route_key = models.CharField(max_length=400)
    provider_slug = models.CharField(max_length=120)
    provider_name = models.CharField(max_length=200)
    provider_model_id = models.CharField(max_length=200)
    variant = models.CharField(max_length=40, blank=True)
    input_price = models.DecimalField(**PRICE_FIELD_OPTIONS)
    output_price = models.DecimalField(**PRICE_FIELD_OPTIONS)
    cached_input_price = models.DecimalField(**PRICE_FIELD_OPTIONS)
    first_seen = models.DateField(help_text="Date of the first snapshot listing these prices.")
    last_seen = models.DateField(help_text="Date of the latest snapshot listing them.")
    source = models.CharField(max_length=300, blank=True, help_text="Snapshot first seen in.")

    class Meta:
        ordering = ["route_key", "first_seen"]
        constraints = [
            models.UniqueConstraint(
                fields=["route_key", "first_seen"], name="price_step_route_first_seen"
            )
        ]

    def __str__(self) -> str:
        return f"{self.route_key} from {self.first_seen}"

    @property
    def step(self) -> Step:
        return Step(
            Prices(self.input_price, self.output_price, self.cached_input_price),
            self.first_seen,
            self.last_seen,
            self.source,
        )


def newest_snapshot_date() -> date | None:
    """The newest snapshot the ledger holds: what "recent" and "no longer listed" mean."""
    return PriceStep.objects.aggregate(newest=Max("last_seen"))["newest"]


def route_histories(model_keys: Sequence[str]) -> dict[str, list[RouteHistory]]:
    """Each model's routes' ledgers, by model key (two queries, whatever the history's
    length).

    A route belongs to the model it was last seen under: the catalogue may regroup a
    route between snapshots, and its whole history moves with it.
    """
    keys = [k for k in model_keys if k]
    if not keys:
        return {}
    # The route keys first, then their steps: as one query with a subquery, PostgreSQL
    # without statistics for the table (a fresh import) may plan a nested loop over
    # every step, seconds for one model page.
    route_keys = list(
        PriceStep.objects.filter(model_key__in=keys)
        .values_list("route_key", flat=True)
        .distinct()
        .order_by()
    )
    if not route_keys:
        return {k: [] for k in keys}
    rows = PriceStep.objects.filter(route_key__in=route_keys).order_by("route_key", "first_seen")
    by_route: dict[str, list[PriceStep]] = {}
    for row in rows:
        by_route.setdefault(row.route_key, []).append(row)
    owned = [(steps[-1].model_key, steps) for steps in by_route.values()]
    owned = [(key, steps) for key, steps in owned if key in keys]
    names = [
        RouteName(s[-1].provider_slug, s[-1].provider_name, s[-1].provider_model_id, s[-1].variant)
        for _, s in owned
    ]
    result: dict[str, list[RouteHistory]] = {k: [] for k in keys}
    for (key, steps), name, label in zip(owned, names, route_labels(names), strict=True):
        result[key].append(
            RouteHistory(
                key=steps[-1].route_key,
                label=label,
                provider_slug=name.provider,
                provider_model_id=name.model_id,
                variant=name.variant,
                steps=tuple(s.step for s in steps),
            )
        )
    for histories in result.values():
        histories.sort(key=lambda h: h.label.casefold())
    return result


def recent_changes(route_keys: Sequence[str]) -> dict[str, PriceChange]:
    """Route key -> its latest price change, for routes whose price changed within
    `RECENT_DAYS` of the newest snapshot (two queries).

    "Recent" counts from the newest snapshot, not from today: a page then changes only
    when the data does (its cache follows imports), and a site whose imports pause does
    not lose a change it still shows as the current price.
    """
    keys = [k for k in route_keys if k]
    if not keys:
        return {}
    newest = newest_snapshot_date()
    if newest is None:
        return {}
    by_route: dict[str, list[Step]] = {}
    for row in PriceStep.objects.filter(route_key__in=keys).order_by("first_seen"):
        by_route.setdefault(row.route_key, []).append(row.step)
    found = {key: recent_change(steps, newest) for key, steps in by_route.items()}
    return {key: change for key, change in found.items() if change is not None}


def change_dates(route_keys: Sequence[str]) -> dict[str, date]:
    """Route key -> the date its latest price step began, for routes with more than one
    step (one query): when the catalogue's price last changed."""
    keys = sorted({k for k in route_keys if k})
    if not keys:
        return {}
    rows = (
        PriceStep.objects.filter(route_key__in=keys)
        .values("route_key")
        .annotate(latest=Max("first_seen"), steps=models.Count("pk"))
        .filter(steps__gt=1)
    )
    return {row["route_key"]: row["latest"] for row in rows}
