"""Filtering and sorting published models, for the models index (views.models_index)
and the JSON API. Filters use EXISTS subqueries; prices and provider counts are stored,
indexed columns on ModelPage, so a page of results costs the same whatever the catalogue
size."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from comparisons.models import CapabilitySupport, ModelPage, ProviderRoute
from comparisons.models.visibility import published_q

SORTS: dict[str, tuple[str, Any]] = {
    # key: (label, order expression)
    "name": ("Model", Lower("title")),
    "lab": ("Lab", Lower("lab__name")),
    "released": ("Released", F("release_date")),
    "context": ("Context window", F("context_window")),
    # The cheapest route (one meaning site-wide: the publicly priced route with the lowest
    # monthly bill at the site's traffic profile) and that route's prices.
    "route": ("Cheapest route", Lower("cheapest_route")),
    "input": ("Input", F("cheapest_input")),
    "output": ("Output", F("cheapest_output")),
    "providers": ("Providers", F("provider_count")),
    "licence": ("License", Lower("licence__name")),
}
OPENNESS = ("open_source", "open_weights", "proprietary")
# The lifecycle filter: what readers pick from, and which models each keeps.
LIFECYCLES: dict[str, tuple[str, Q]] = {
    "current": (
        "Current only",
        Q(unlisted_since__isnull=True) & ~Q(lifecycle=ModelPage.Lifecycle.DEPRECATED),
    ),
    "preview": ("Alpha or beta", Q(lifecycle__in=["alpha", "beta"])),
    "deprecated": ("Deprecated", Q(lifecycle=ModelPage.Lifecycle.DEPRECATED)),
    "unlisted": ("No longer listed", Q(unlisted_since__isnull=False)),
}
# Deprecated or no longer listed models come after current ones, whatever the sort.
PAST = Case(
    When(~LIFECYCLES["current"][1], then=Value(1)), default=Value(0), output_field=IntegerField()
)
PAGE_SIZE = 50


@dataclass(frozen=True)
class ModelsQuery:
    lab: str = ""
    provider: str = ""
    capability: str = ""
    openness: str = ""
    tag: str = ""
    lifecycle: str = ""
    sort: str = "name"
    descending: bool = False
    page: int = 1
    errors: tuple[str, ...] = field(default=(), compare=False)

    def params(self, **changes: Any) -> dict[str, str]:
        """Query parameters for this query with some values changed (for links)."""
        values = {
            "lab": self.lab,
            "provider": self.provider,
            "capability": self.capability,
            "openness": self.openness,
            "tag": self.tag,
            "lifecycle": self.lifecycle,
            "sort": ("-" if self.descending else "") + self.sort,
            "page": str(self.page),
            **changes,
        }
        if values.get("sort") in ("name", ""):
            values.pop("sort")
        if str(values.get("page")) == "1":
            values.pop("page")
        return {k: str(v) for k, v in values.items() if v not in ("", None)}


def parse_models_query(params: Mapping[str, str]) -> ModelsQuery:
    """Read filters from query parameters. Bad values are dropped with a message saying
    which parameter was wrong and what it accepts; they never raise."""
    errors = []
    sort = (params.get("sort") or "name").strip()
    descending = sort.startswith("-")
    sort = sort.lstrip("-")
    if sort not in SORTS:
        errors.append(f"Unknown sort “{sort}”: use one of {', '.join(SORTS)}.")
        sort, descending = "name", False
    openness = (params.get("openness") or "").strip()
    if openness and openness not in OPENNESS:
        errors.append(f"Unknown openness “{openness}”: use one of {', '.join(OPENNESS)}.")
        openness = ""
    lifecycle = (params.get("lifecycle") or "").strip()
    if lifecycle and lifecycle not in LIFECYCLES:
        errors.append(f"Unknown lifecycle “{lifecycle[:20]}”: use one of {', '.join(LIFECYCLES)}.")
        lifecycle = ""
    raw_page = (params.get("page") or "1").strip()
    try:
        page = int(raw_page)
        if page < 1 or page > 100_000:
            raise ValueError
    except ValueError:
        errors.append(f"Page “{raw_page[:20]}” is not a page number; showing page 1.")
        page = 1
    return ModelsQuery(
        lab=(params.get("lab") or "").strip()[:120],
        provider=(params.get("provider") or "").strip()[:120],
        capability=(params.get("capability") or "").strip()[:120],
        openness=openness,
        tag=(params.get("tag") or "").strip()[:120],
        lifecycle=lifecycle,
        sort=sort,
        descending=descending,
        page=page,
        errors=tuple(errors),
    )


def models_queryset(query: ModelsQuery) -> QuerySet:
    routes = ProviderRoute.objects.filter(page=OuterRef("pk"), retired_on__isnull=True)
    # Stored catalogue columns (see ModelPage.refresh_catalogue_columns), indexed for sorting.
    models = (
        ModelPage.objects.filter(published_q())
        .select_related("lab", "licence")
        .annotate(
            cheapest_input=F("cheapest_input_price"),
            cheapest_output=F("cheapest_output_price"),
        )
    )
    if query.lab:
        models = models.filter(lab__slug=query.lab)
    if query.openness:
        models = models.filter(licence__openness=query.openness)
    if query.provider:
        models = models.filter(Exists(routes.filter(provider__slug=query.provider)))
    if query.capability:
        models = models.filter(
            Exists(
                CapabilitySupport.objects.filter(
                    page=OuterRef("pk"), capability__slug=query.capability, support="yes"
                )
            )
        )
    if query.tag:
        models = models.filter(
            Exists(
                ModelPage.decision_tags.through.objects.filter(
                    modelpage_id=OuterRef("pk"), decisiontag__slug=query.tag
                )
            )
        )
    if query.lifecycle:
        models = models.filter(LIFECYCLES[query.lifecycle][1])
    _, expression = SORTS[query.sort]
    ordering = (
        expression.desc(nulls_last=True) if query.descending else expression.asc(nulls_last=True)
    )
    return models.order_by(PAST.asc(), ordering, Lower("title"), "pk")


def supported_capabilities(page_ids: list[int]) -> dict[int, set[str]]:
    """Capability slugs each model supports (one query for a page of results)."""
    supported: dict[int, set[str]] = {pk: set() for pk in page_ids}
    rows = CapabilitySupport.objects.filter(page_id__in=page_ids, support="yes").values_list(
        "page_id", "capability__slug"
    )
    for page_id, slug in rows:
        supported[page_id].add(slug)
    return supported


__all__ = [
    "OPENNESS",
    "PAGE_SIZE",
    "SORTS",
    "ModelsQuery",
    "models_queryset",
    "parse_models_query",
    "supported_capabilities",
]
