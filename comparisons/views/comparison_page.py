"""What a comparison page needs, assembled in a fixed number of queries."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db.models import Q
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest

from comparisons.blocks.stream_data import faq_items
from comparisons.calculator import parse_calculator
from comparisons.catalogue_cache import cached
from comparisons.content_generation import catalogue_version
from comparisons.engine import prose
from comparisons.engine.values import PairFacts
from comparisons.facts import load_pairs, site_default_traffic
from comparisons.index_pages import index_urls
from comparisons.models import ComparisonPage, ReferenceSettings
from comparisons.review.facts_diff import changes_since_review
from comparisons.seo import breadcrumbs, faq_page, plain_text
from comparisons.views.price_history import recent_price_changes


def pair_for_page(
    page: ComparisonPage, request: HttpRequest | None, *, live_only: bool = True
) -> PairFacts | None:
    """The pair as this page presents it (see facts.load_pairs)."""
    traffic = site_default_traffic(request=request) if request is not None else None
    return load_pairs([page], traffic, live_only=live_only, request=request).get(page.pk)


RELATED_LIMIT = 12


def related_comparisons(
    page: ComparisonPage, request: HttpRequest | None = None
) -> list[ComparisonPage]:
    """Other published comparisons that include either model (cached under the catalogue
    generation for a reader's request: any publish, unpublish or move bumps it)."""
    models = [page.model_a_id, page.model_b_id]

    def load() -> list[ComparisonPage]:
        pages = (
            ComparisonPage.objects.live()
            .servable()
            .filter(Q(model_a_id__in=models) | Q(model_b_id__in=models))
            .exclude(pk=page.pk)
            .order_by(Lower("title"))
        )
        return list(pages[:RELATED_LIMIT])

    key = "-".join(str(i) for i in (page.pk, *models))
    return cached(request if page.pk else None, "related", load, item=key)


def latest_review(page: ComparisonPage, request: HttpRequest | None) -> Any:
    """The review stamp behind "Last reviewed" (stamps bump the catalogue generation)."""
    if not page.pk:
        return None

    stamps = page.review_stamps.order_by("-reviewed_on", "-created_at")
    return cached(request, "review-stamp", stamps.first, item=page.pk)


def structured_data(page: ComparisonPage, pair: PairFacts, request: HttpRequest | None) -> dict:
    """Breadcrumbs, the FAQ as schema.org FAQPage (the questions readers see), and a
    description from the generated intro."""

    def absolute(path: str) -> str:
        return request.build_absolute_uri(path) if request is not None else path

    raw = page.sections.raw_data
    questions = None
    for block in raw:
        if block.get("type") == "faq":
            questions = [(q, plain_text(a)) for q, a in faq_items(block)]
            if not questions:
                questions = [(d.question, d.answer) for d in prose.faq_drafts(pair)]
    index = index_urls(request).comparisons
    path = page.url if page.pk else f"{index}{page.slug}/"
    return {
        "breadcrumbs_jsonld": breadcrumbs(
            [
                ("Home", absolute("/")),
                ("Comparisons", absolute(index)),
                (page.title, absolute(path)),
            ]
        ),
        "faq_jsonld": faq_page(questions or []),
        "meta_description": " ".join(prose.intro(pair))[:300],
    }


def updated_since_review(
    page: ComparisonPage, stamp: Any, pair: PairFacts, request: HttpRequest | None
) -> bool:
    """Whether the facts the page shows moved on since its last review: a diff of every
    fact, so a reader's request keeps the answer under the catalogue generation (a new
    stamp or a changed fact bumps it)."""
    if stamp is None:
        return False

    def load() -> bool:
        return bool(changes_since_review(stamp.facts, stamp.fingerprint, pair))

    return cached(request, "updated-since-review", load, item=f"{page.pk}-{stamp.pk}")


def sections_key(page: ComparisonPage, request: HttpRequest | None, previewing: bool) -> str | None:
    """The key the page's sections are cached under as one fragment: the catalogue
    generation (every fact, setting and publish bumps it), the host and the address.
    None for previews and drafts, and for any query string (the cost calculator's own
    traffic, or its errors), which always render."""
    if request is None or previewing or request.GET or (page.pk and not page.live):
        return None
    return f"{catalogue_version(request)}:{request.get_host()}:{request.path}"


def comparison_page_context(page: ComparisonPage, request: HttpRequest | None) -> dict[str, Any]:
    previewing = bool(request is not None and getattr(request, "is_preview", False))
    # Readers see published model facts only; a preview may show a draft model's facts.
    pair = pair_for_page(page, request, live_only=not previewing)
    if pair is None:
        raise Http404("One of the compared models is not published.")
    reviewed_pair = pair
    # The reader's own traffic (the cost calculator) re-prices the whole page, so every
    # section names the same cheapest route.
    calculator = parse_calculator(request.GET if request is not None else {}, pair.traffic)
    if calculator.traffic is not None:
        pair = replace(pair, traffic=calculator.traffic)
    settings = ReferenceSettings.for_request(request) if request is not None else None
    stamp = latest_review(page, request)
    return {
        "pair": pair,
        "review": stamp,
        # The tables always show current data; readers are told when it moved on since
        # the review that the date refers to.
        "updated_since_review": updated_since_review(
            page, stamp, reviewed_pair, None if previewing else request
        ),
        "calculator": calculator,
        "sections_key": sections_key(page, request, previewing),
        "price_changes": recent_price_changes(
            request, [str(r.key) for m in pair.models for r in m.routes]
        ),
        **structured_data(page, pair, request),
        "default_traffic": reviewed_pair.traffic,
        "related": related_comparisons(page, request),
        "data_source_sentence": settings.data_source_sentence if settings else "",
    }
