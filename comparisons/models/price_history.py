"""The price ledger: a route's prices over time, one row per change (see engine.history).

Kept apart from the routes on model pages: a ledger row records what a catalogue snapshot
listed, whatever an editor has since set, and outlives the route (a route that is no
longer listed, or was listed only by older snapshots, keeps its history).
"""

from __future__ import annotations

from django.db import models

from comparisons.engine.history import Prices, Step
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
