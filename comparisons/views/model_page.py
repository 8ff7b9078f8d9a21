"""What a model page shows, assembled from facts (a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Q
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from comparisons.catalogue_cache import cached
from comparisons.content_generation import catalogue_version
from comparisons.engine import formatting
from comparisons.engine.chart import price_chart
from comparisons.engine.pricing import cheapest_route, is_zero_priced, route_monthly_cost
from comparisons.engine.values import CapabilityFacts, ModelFacts, RouteFacts
from comparisons.facts import (
    load_capabilities,
    load_model_facts,
    model_facts_from_instance,
    site_default_traffic,
)
from comparisons.index_pages import index_urls
from comparisons.models import ComparisonPage, ModelPage
from comparisons.seo import breadcrumbs
from comparisons.views.price_history import history_context


@dataclass(frozen=True)
class RouteRow:
    route: RouteFacts
    cheapest: bool
    monthly_cost: str
    zero_priced: bool


@dataclass(frozen=True)
class CapabilityRow:
    capability: CapabilityFacts
    supported: bool | None


def facts_for_page(page: ModelPage, request: HttpRequest | None) -> ModelFacts:
    """Published facts for a live page; in-memory facts for previews and drafts."""
    if request is not None and getattr(request, "is_preview", False):
        return model_facts_from_instance(page)
    loaded = load_model_facts([page.pk], live_only=page.live, request=request)
    return loaded.get(page.pk) or model_facts_from_instance(page)


def comparisons_of(page: ModelPage, request: HttpRequest | None = None) -> list:
    """Published comparisons that include this model (one query, none when the catalogue
    generation's copy is cached: any publish or unpublish bumps it)."""
    if not page.pk:
        return []

    pages = (
        ComparisonPage.objects.live()
        .servable()
        .filter(Q(model_a_id=page.pk) | Q(model_b_id=page.pk))
        .order_by(Lower("title"))
    )
    return cached(request, "comparisons-of", lambda: list(pages), item=page.pk)


def fragment_key(page: ModelPage, request: HttpRequest | None) -> str | None:
    """The key the page's pricing fragment is cached under: the catalogue generation
    (every fact and setting it shows bumps it), the site's host (its default traffic) and
    the page. None for previews and drafts, which always render."""
    if request is None or getattr(request, "is_preview", False) or not page.live:
        return None
    return f"{catalogue_version(request)}:{request.get_host()}:{page.pk}"


class PricingSection:
    """The routes table, the price chart and the price history, computed when the page's
    pricing fragment renders (a cached fragment needs none of it)."""

    def __init__(
        self, page: ModelPage, facts: ModelFacts, traffic: Any, request: HttpRequest | None
    ) -> None:
        self.page, self.facts, self.traffic, self.request = page, facts, traffic, request

    @cached_property
    def context(self) -> dict[str, Any]:
        facts, traffic = self.facts, self.traffic
        best = cheapest_route(facts.routes, traffic)
        route_rows = [
            RouteRow(
                route=route,
                cheapest=route is best,
                monthly_cost=(
                    formatting.money(route_monthly_cost(route, traffic))
                    if traffic
                    else formatting.UNKNOWN
                ),
                zero_priced=is_zero_priced(route),
            )
            for route in facts.routes
        ]
        return {
            "facts": facts,
            "traffic": traffic,
            "route_rows": route_rows,
            # Columns most routes leave empty are shown only where some route has them.
            "show_cache_write": any(r.cache_write_price is not None for r in facts.routes),
            "show_long_context": any(r.long_context_threshold for r in facts.routes),
            "chart": price_chart([(facts.name, facts.routes)], traffic),
            **history_context(self.page, facts, traffic, self.request),
        }

    @cached_property
    def html(self) -> SafeString:
        return mark_safe(  # noqa: S308 - a template's output, escaped as it rendered
            render_to_string("comparisons/includes/model_pricing.html", self.context)
        )


def model_page_context(page: ModelPage, request: HttpRequest | None) -> dict[str, Any]:
    facts = facts_for_page(page, request)
    traffic = site_default_traffic(request=request) if request is not None else None
    capability_rows = [
        CapabilityRow(capability=cap, supported=facts.supports(cap.slug))
        for cap in load_capabilities(request)
    ]

    def absolute(path: str) -> str:
        return request.build_absolute_uri(path) if request is not None else path

    return {
        "breadcrumbs_jsonld": breadcrumbs(
            [
                ("Home", absolute("/")),
                ("Models", absolute(index_urls(request).models)),
                (facts.name, absolute(page.url or "/")),
            ]
        ),
        "facts": facts,
        "fragment_key": fragment_key(page, request),
        "pricing": PricingSection(page, facts, traffic, request),
        "comparisons": comparisons_of(page, request),
        "traffic": traffic,
        "capability_rows": capability_rows,
        "parameters_display": formatting.parameters(
            facts.parameters_billions, facts.parameters_detail, facts.parameters_estimated
        ),
    }
