"""The facts loader: published pages and snippets in, immutable values out.

Everything downstream (the comparison engine, templates, the API) reads these values,
never the ORM, so a page's query count is fixed here whatever the amount of data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from wagtail.models import Site

from comparisons.blocks.stream_data import chosen_capability_ids, chosen_traffic_profile_id
from comparisons.catalogue_cache import cached, cached_many
from comparisons.engine.values import (
    CapabilityFacts,
    LicenceFacts,
    ModelFacts,
    PairFacts,
    RouteFacts,
    ScoreFacts,
    TagFacts,
    TrafficFacts,
    label_routes,
)
from comparisons.models import (
    BenchmarkScore,
    Capability,
    CapabilitySupport,
    ModelPage,
    ProviderRoute,
    ReferenceSettings,
    TrafficProfile,
)
from comparisons.models.visibility import published_q


def _published(snippet: Any) -> Any:
    """A reference-data row readers may see: a snippet created as a draft (never
    published, `live` False) counts as absent until review publishes it."""
    return snippet if snippet is not None and getattr(snippet, "live", True) else None


def _licence_facts(licence) -> LicenceFacts | None:
    licence = _published(licence)
    if licence is None:
        return None
    return LicenceFacts(
        name=licence.name,
        openness=licence.openness,
        openness_label=licence.get_openness_display(),
        commercial_use=licence.commercial_use,
        osi_approved=licence.osi_approved,
    )


def route_facts(routes: Iterable) -> tuple[RouteFacts, ...]:
    """A model's tracked routes (ProviderRoute instances with their providers at hand) as
    facts, labelled and in the one order every page, snapshot and API answer uses: the
    editors' row order, then provider and identity."""
    tracked = [route for route in routes if route.tracked and _published(route.provider)]
    unlabelled = [
        RouteFacts(
            provider_slug=route.provider.slug,
            provider_name=route.provider.name,
            input_price=route.input_price,
            output_price=route.output_price,
            cached_input_price=route.cached_input_price,
            cache_write_price=route.cache_write_price,
            context_limit=route.context_limit,
            long_context_threshold=route.long_context_threshold,
            long_context_input_price=route.long_context_input_price,
            long_context_output_price=route.long_context_output_price,
            provider_model_id=route.provider_model_id,
            source_url=route.source_url,
            checked_on=route.checked_on,
            variant=route.variant,
        )
        for route in tracked
    ]
    # The editors' order first (a page's own data), then identity: never the rows' order.
    positions = {id(f): route.sort_order for f, route in zip(unlabelled, tracked, strict=True)}
    return label_routes(unlabelled, positions)


def build_model_facts(
    page: ModelPage,
    routes: Iterable,
    support_rows: Iterable,
    scores: Iterable,
    tags: Iterable,
) -> ModelFacts:
    """One ModelFacts from a page and its already-fetched children (no queries here)."""
    capabilities = {
        row.capability.slug: row.support == "yes"
        for row in support_rows
        if row.support in ("yes", "no") and _published(row.capability)
    }
    lab, product_type = _published(page.lab), _published(page.product_type)
    return ModelFacts(
        slug=page.slug,
        name=page.title,
        page_id=page.pk,
        url=page.url if page.pk and page.live else "",
        lab=lab.name if lab else None,
        lab_slug=lab.slug if lab else None,
        release_date=page.release_date,
        context_window=page.context_window,
        max_output_tokens=page.max_output_tokens,
        parameters_billions=page.parameters_billions,
        parameters_detail=page.parameters_detail,
        parameters_estimated=page.parameters_estimated,
        architecture=page.get_architecture_display() if page.architecture else None,
        licence=_licence_facts(page.licence),
        knowledge_cutoff=page.knowledge_cutoff,
        product_type=product_type.name if product_type else None,
        best_for=page.best_for,
        tags=tuple(
            TagFacts(slug=tag.slug, name=tag.name, reason=tag.reason_phrase)
            for tag in sorted(tags, key=lambda t: (t.sort_order, t.name))
            if _published(tag)
        ),
        routes=route_facts(routes),
        capabilities=capabilities,
        scores=tuple(
            ScoreFacts(
                benchmark_slug=score.benchmark.slug,
                benchmark_name=score.benchmark.name,
                score=score.score,
                unit=score.benchmark.unit,
                higher_is_better=score.benchmark.higher_is_better,
                source_url=score.source_url,
                measured_on=score.measured_on,
            )
            for score in sorted(scores, key=lambda s: s.benchmark.name)
            if _published(score.benchmark)
        ),
        lifecycle=page.lifecycle,
        unlisted_since=page.unlisted_since,
    )


def model_facts_from_instance(page: ModelPage) -> ModelFacts:
    """Facts from an unsaved or previewed page, whose children live in memory."""
    return build_model_facts(
        page,
        page.routes.all(),
        page.capability_support.all(),
        page.benchmark_scores.all(),
        page.decision_tags.all(),
    )


def load_model_facts(
    page_ids: Sequence[int], *, live_only: bool = True, request: HttpRequest | None = None
) -> dict[int, ModelFacts]:
    """Published facts for several model pages in five queries, whatever their size; with
    a reader's request, from the cache for this catalogue generation where they are
    there (comparisons.catalogue_cache). Drafts' facts (`live_only=False`, previews)
    are always read."""
    if not live_only:
        return _read_model_facts(page_ids, live_only=False)
    return cached_many(request, "model-facts", page_ids, _read_model_facts)


def _read_model_facts(page_ids: Sequence[int], *, live_only: bool = True) -> dict[int, ModelFacts]:
    pages = ModelPage.objects.filter(pk__in=list(page_ids))
    if live_only:
        pages = pages.filter(published_q())
    # The raw catalogue values (a JSON document per page and per route) are the
    # importer's; readers' facts never use them, and decoding them cost a third of the
    # load.
    pages = (
        pages.defer("catalogue_values")
        .select_related("lab", "licence", "product_type")
        .prefetch_related(
            Prefetch(
                "routes",
                queryset=ProviderRoute.objects.defer("catalogue_values")
                .select_related("provider")
                .order_by("sort_order", "pk"),
            ),
            Prefetch(
                "capability_support",
                queryset=CapabilitySupport.objects.select_related("capability"),
            ),
            Prefetch(
                "benchmark_scores", queryset=BenchmarkScore.objects.select_related("benchmark")
            ),
            "decision_tags",
        )
    )
    return {
        page.pk: build_model_facts(
            page,
            page.routes.all(),
            page.capability_support.all(),
            page.benchmark_scores.all(),
            page.decision_tags.all(),
        )
        for page in pages
    }


def load_capabilities(request: HttpRequest | None = None) -> tuple[CapabilityFacts, ...]:
    """The published capabilities in readers' order (cached for a reader's request)."""
    return cached(request, "capabilities", _read_capabilities)


def _read_capabilities() -> tuple[CapabilityFacts, ...]:
    return tuple(
        CapabilityFacts(
            slug=c.slug, name=c.name, description=c.description, phrase=c.phrase, pk=c.pk
        )
        for c in Capability.objects.filter(live=True).order_by("sort_order", "name")
    )


def traffic_facts(profile) -> TrafficFacts | None:
    profile = _published(profile)
    if profile is None:
        return None
    return TrafficFacts(
        name=profile.name,
        slug=profile.slug,
        monthly_input_tokens=profile.monthly_input_tokens,
        monthly_output_tokens=profile.monthly_output_tokens,
    )


def site_default_traffic(
    site: Site | None = None, *, request: HttpRequest | None = None
) -> TrafficFacts | None:
    """The traffic profile the site costs routes at (Settings → Reference data settings):
    what "cheapest" means everywhere, unless a comparison section picks another. The only
    place that reads it: for the request's site when there is a request (Wagtail caches the
    settings on it), else for `site`, else for the default site."""
    if request is not None:
        settings = ReferenceSettings.for_request(request)
    else:
        site = site or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return None
        settings = ReferenceSettings.for_site(site)
    return traffic_facts(settings.default_traffic_profile)


def load_pairs(
    pages: Sequence,
    default_traffic: TrafficFacts | None,
    *,
    live_only: bool = True,
    request: HttpRequest | None = None,
) -> dict[int, PairFacts]:
    """The pair each comparison page presents, for many pages in a fixed number of queries.

    A page's monthly-cost section may choose its own traffic profile, and its capabilities
    section may show only some rows; the whole page then uses that profile and those rows,
    so every generated sentence rests on something the reader can see. Pages whose models
    are missing (or unpublished, with `live_only`) are left out."""
    model_ids = {pk for page in pages for pk in (page.model_a_id, page.model_b_id)}
    facts = load_model_facts(sorted(model_ids), live_only=live_only, request=request)
    capabilities = load_capabilities(request)
    raw = {page.pk: page.sections.raw_data for page in pages}
    profile_ids = {chosen_traffic_profile_id(r) for r in raw.values()} - {None}
    profiles = {p.pk: traffic_facts(p) for p in TrafficProfile.objects.filter(pk__in=profile_ids)}
    pairs = {}
    for page in pages:
        if page.model_a_id not in facts or page.model_b_id not in facts:
            continue
        visible = set(chosen_capability_ids(raw[page.pk]))
        pairs[page.pk] = PairFacts(
            a=facts[page.model_a_id],
            b=facts[page.model_b_id],
            capabilities=tuple(c for c in capabilities if not visible or c.pk in visible),
            traffic=profiles.get(chosen_traffic_profile_id(raw[page.pk])) or default_traffic,
        )
    return pairs


def load_pair(
    a_id: int, b_id: int, traffic: TrafficFacts | None, *, live_only: bool = True
) -> PairFacts | None:
    """Both models' facts plus the capability list; None if either model is missing."""
    loaded = load_model_facts([a_id, b_id], live_only=live_only)
    if a_id not in loaded or b_id not in loaded:
        return None
    return PairFacts(
        a=loaded[a_id], b=loaded[b_id], capabilities=load_capabilities(), traffic=traffic
    )
