"""A catalogue model's routes: added, brought up to date, retired, listed again.

A route the catalogue lists no longer is retired (kept, left out of prices), never
deleted; one it lists again is brought back only when the importer retired it. Each
price and limit follows the editor-owns-the-value rule (`ownership`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from comparisons.importers.catalogue.group import CatalogueModel, RouteRow
from comparisons.importers.catalogue.parse import Catalogue
from comparisons.importers.ownership import Provenance, text, write
from comparisons.importers.report import Entry, ImportReport
from comparisons.models import ModelPage, Provider, ProviderRoute

LABELS = {
    "input_price": "input price",
    "output_price": "output price",
    "cached_input_price": "cached input price",
    "cache_write_price": "cache write price",
    "context_limit": "context limit",
    "long_context_threshold": "long-context tier",
    "long_context_input_price": "long-context input price",
    "long_context_output_price": "long-context output price",
}
FIELDS = tuple(LABELS)


def route_values(route_row: RouteRow) -> dict[str, Any]:
    row = route_row.row
    tier = row.tier
    return {
        "input_price": row.input_price,
        "output_price": row.output_price,
        "cached_input_price": row.cache_read_price,
        "cache_write_price": row.cache_write_price,
        "context_limit": row.context,
        "long_context_threshold": tier.threshold if tier else None,
        "long_context_input_price": tier.input_price if tier else None,
        "long_context_output_price": tier.output_price if tier else None,
    }


def price_text(route: ProviderRoute) -> str:
    def price(value: Decimal | None) -> str:
        return "—" if value is None else f"${text(value)}"

    return f"{price(route.input_price)} in / {price(route.output_price)} out per 1M tokens"


class RouteWriter:
    def __init__(
        self,
        catalogue: Catalogue,
        providers: dict[str, Provider],
        report: ImportReport,
        *,
        source_name: str,
        snapshot: date,
    ) -> None:
        self.catalogue = catalogue
        self.providers = providers
        self.report = report
        self.source_name = source_name
        self.snapshot = snapshot

    def provenance(self, route: ProviderRoute | None = None) -> Provenance:
        stored = (route.catalogue_values or {}) if route is not None else {}
        return Provenance(stored, self.source_name, self.snapshot)

    def new(self, route_row: RouteRow) -> ProviderRoute:
        """An unsaved route for a catalogue row, its values recorded as the importer's."""
        row = route_row.row
        provenance = self.provenance()
        values = route_values(route_row)
        for name, value in values.items():
            if value is not None:
                provenance.record(name, value)
        return ProviderRoute(
            provider=self.providers[row.provider_id],
            provider_model_id=row.model_id[:200],
            variant=route_row.variant[:40],
            source_url=self.catalogue.providers[row.provider_id].doc[:200],
            checked_on=self.snapshot,
            catalogue_key=row.key,
            catalogue_values=provenance.data(),
            **values,
        )

    def update(
        self, page: ModelPage, model: CatalogueModel | None, subject: str, changes: list[Entry]
    ) -> list[ProviderRoute]:
        """The page's routes after this snapshot (None: the catalogue no longer lists the
        model, so every route it listed is retired)."""
        existing = list(page.routes.all())
        by_key = {r.catalogue_key: r for r in existing if r.catalogue_key}
        by_call = {(r.provider_id, r.provider_model_id): r for r in existing if not r.catalogue_key}
        seen: set[str] = set()
        for route_row in model.routes if model else ():
            row = route_row.row
            seen.add(row.key)
            provider = self.providers[row.provider_id]
            route = by_key.get(row.key) or by_call.pop((provider.pk, row.model_id), None)
            label = f"{subject} route {provider.name}" + (
                f" ({route_row.variant})" if route_row.variant else ""
            )
            if route is None:
                new = self.new(route_row)
                existing.append(new)
                self.report.tally["routes added"] += 1
                changes.append(Entry("added", label, message=price_text(new)))
                continue
            provenance = self.provenance(route)
            before = len(changes)
            if not route.catalogue_key:
                route.catalogue_key = row.key
            if route.retired_on is not None:
                retired = route.retired_on.isoformat()
                if provenance.recorded("retired_on") == retired:  # the importer retired it
                    changes.append(
                        Entry("changed", label, "listed", "no longer listed", "listed again")
                    )
                    route.retired_on = None
                    provenance.values.pop("retired_on", None)
                else:
                    changes.append(
                        Entry(
                            "conflict",
                            label,
                            "listed",
                            f"retired on {retired}",
                            "listed",
                            f"retired by an editor on {retired}; the catalogue still lists "
                            "it (kept retired)",
                        )
                    )
            for name, incoming in route_values(route_row).items():
                write(route, name, incoming, LABELS[name], provenance, label, changes)
            if any(c.kind == "changed" for c in changes[before:]):
                route.checked_on = self.snapshot
                self.report.tally["routes changed"] += 1
            route.catalogue_values = provenance.data()
        for route in existing:
            if route.catalogue_key and route.catalogue_key not in seen and route.tracked:
                self.retire(route, subject, changes)
        return existing

    def retire(self, route: ProviderRoute, subject: str, changes: list[Entry]) -> None:
        route.retired_on = self.snapshot
        provenance = self.provenance(route)
        provenance.record("retired_on", self.snapshot)
        route.catalogue_values = provenance.data()
        self.report.tally["routes retired"] += 1
        changes.append(
            Entry(
                "retired",
                f"{subject} route {route.provider.name}",
                message=f"no longer listed by {self.source_name} "
                f"(snapshot {self.snapshot}); kept, but left out of prices",
            )
        )
