"""Writing what a snapshot listed into the price ledger (`PriceStep`, `engine.history`).

Every import records each route's catalogue prices at the snapshot's date, whatever an
editor has set on the page since: the ledger is what the catalogue said, and when. A
snapshot older than the newest one imported only fills the ledger (`run`). Re-reading a
snapshot already recorded writes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.utils.text import slugify

from comparisons.engine.history import Prices, record
from comparisons.engine.routes import RouteKey
from comparisons.importers.catalogue.group import CatalogueModel
from comparisons.importers.catalogue.parse import Catalogue
from comparisons.models import PriceStep

PLACES = Decimal("0.000001")


def provider_slug(provider_id: str) -> str:
    # The slug `reference` gives a provider it adds; a route's RouteKey is made from it.
    return (slugify(provider_id) or "provider")[:120]


def _stored(value: Decimal | None) -> Decimal | None:
    # As the database keeps it (6 places), so a re-read snapshot compares equal.
    return None if value is None else value.quantize(PLACES)


def newest_snapshot() -> date | None:
    """The newest date the ledger holds: the newest snapshot imported."""
    latest = PriceStep.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
    return latest


class LedgerWriter:
    def __init__(self, catalogue: Catalogue, *, snapshot: date, source: str) -> None:
        self.catalogue = catalogue
        self.snapshot = snapshot
        self.source = source[:300]
        self.added = self.changed = 0

    def write(self, models: list[CatalogueModel]) -> None:
        seen: dict[str, tuple[str, Prices, dict[str, str]]] = {}
        for model in models:
            for route_row in model.routes:
                row = route_row.row
                if row.input_price is None and row.output_price is None:
                    continue  # no price listed: nothing to record
                slug = provider_slug(row.provider_id)
                key = str(RouteKey.of(slug, row.model_id, route_row.variant))
                provider = self.catalogue.providers.get(row.provider_id)
                seen[key] = (
                    model.catalogue_key,
                    Prices(
                        _stored(row.input_price),
                        _stored(row.output_price),
                        _stored(row.cache_read_price),
                    ),
                    {
                        "provider_slug": slug,
                        "provider_name": (provider.name if provider else row.provider_id)[:200],
                        "provider_model_id": row.model_id[:200],
                        "variant": route_row.variant[:40],
                    },
                )
        existing: dict[str, list[PriceStep]] = defaultdict(list)
        keys = list(seen)
        for start in range(0, len(keys), 500):  # SQLite caps a query's parameters
            for row in PriceStep.objects.filter(route_key__in=keys[start : start + 500]):
                existing[row.route_key].append(row)
        create: list[PriceStep] = []
        replaced: list[int] = []
        for key, (model_key, prices, names) in seen.items():
            rows = existing.get(key, [])
            steps = [r.step for r in rows]
            new_steps = record(steps, self.snapshot, prices, self.source)
            if len(new_steps) == len(steps) and all(any(n is s for s in steps) for n in new_steps):
                continue  # this snapshot is already in the ledger
            if rows:
                self.changed += 1
                replaced.extend(r.pk for r in rows)
            else:
                self.added += 1
            # A route's few rows are rewritten whole: simpler than matching them up, and
            # the unique (route, first_seen) never sees a duplicate halfway.
            create.extend(
                PriceStep(
                    route_key=key,
                    model_key=model_key,
                    input_price=step.prices.input,
                    output_price=step.prices.output,
                    cached_input_price=step.prices.cached_input,
                    first_seen=step.first_seen,
                    last_seen=step.last_seen,
                    source=step.source,
                    **names,
                )
                for step in new_steps
            )
        for start in range(0, len(replaced), 500):
            PriceStep.objects.filter(pk__in=replaced[start : start + 500]).delete()
        PriceStep.objects.bulk_create(create, batch_size=500)

    @property
    def wrote_anything(self) -> bool:
        return bool(self.added or self.changed)
