"""GET /compare/{a}/{b}: any two published models side by side, priced for the site's
traffic or the reader's own (a workload or monthly totals), with the editorial page when
one exists. A fixed number of queries, like every endpoint."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.errors import HttpError

from comparisons.api import schemas, serialize
from comparisons.api.endpoints import ERRORS, _no_model, published_model_ids
from comparisons.calculator import MAX_REQUESTS, MAX_TOKENS_PER_REQUEST, workload_traffic
from comparisons.engine.pricing import compare_costs
from comparisons.engine.values import PairFacts, TrafficFacts
from comparisons.facts import (
    load_capabilities,
    load_model_facts,
    load_pairs,
    site_default_traffic,
)
from comparisons.models import (
    ComparisonPage,
)
from comparisons.review.facts_diff import changes_since_review

router = Router()

MAX_TOKENS = 10**15
WORKLOAD_PARAMS = ("requests", "avg_prompt_tokens", "avg_output_tokens")


def requested_traffic(
    request: HttpRequest,
    input_tokens: int | None,
    output_tokens: int | None,
    workload: tuple[int | None, int | None, int | None] = (None, None, None),
    cached_percent: Decimal | None = None,
) -> tuple[TrafficFacts | None, TrafficFacts | None, bool]:
    """(site default, traffic to use, whether it is custom). The traffic is a workload
    (requests, avg_prompt_tokens and avg_output_tokens, all three) or monthly totals; a
    token count left out of the totals keeps the site profile's value (0 without a site
    profile); cached_percent applies to either, or alone to the site profile."""
    default = site_default_traffic(request=request)
    cached = cached_percent if cached_percent is not None else Decimal(0)
    given = [
        name for name, value in zip(WORKLOAD_PARAMS, workload, strict=True) if value is not None
    ]
    if given:
        if input_tokens is not None or output_tokens is not None:
            raise HttpError(
                400,
                "Give either a workload (requests, avg_prompt_tokens, avg_output_tokens) or "
                "monthly totals (input_tokens, output_tokens), not both.",
            )
        missing = [name for name in WORKLOAD_PARAMS if name not in given]
        if missing:
            raise HttpError(400, f"A workload needs {', '.join(missing)} as well.")
        requests, prompt, output = workload
        assert requests is not None and prompt is not None and output is not None  # noqa: S101
        if not prompt and not output:
            raise HttpError(
                400,
                "avg_prompt_tokens and avg_output_tokens cannot both be 0: every model would "
                "cost $0.",
            )
        custom = workload_traffic(requests, prompt, output, cached, name="Custom workload")
        return default, custom, True
    if input_tokens is None and output_tokens is None:
        if cached_percent is None or default is None:
            return default, default, False
        return default, replace(default, cached_percent=cached, slug="custom"), True
    if input_tokens is None:
        input_tokens = default.monthly_input_tokens if default else 0
    if output_tokens is None:
        output_tokens = default.monthly_output_tokens if default else 0
    if not input_tokens and not output_tokens:
        raise HttpError(
            400,
            "input_tokens and output_tokens cannot both be 0: every model would cost $0.",
        )
    custom = TrafficFacts(
        name="Custom traffic",
        slug="",
        monthly_input_tokens=input_tokens,
        monthly_output_tokens=output_tokens,
        cached_percent=cached,
    )
    return default, custom, True


def editorial(a_id: int, b_id: int, default: TrafficFacts | None) -> dict[str, Any] | None:
    """The published comparison page for the pair (either order): its latest review date,
    and whether the facts it shows moved on since that review."""
    page = (
        ComparisonPage.objects.live()
        .servable()
        .filter(Q(model_a_id=a_id, model_b_id=b_id) | Q(model_a_id=b_id, model_b_id=a_id))
        .first()
    )
    if page is None:
        return None
    stamp = page.review_stamps.order_by("-reviewed_on", "-created_at").first()
    # The pair as the page presents it (its own traffic profile and capability rows).
    pair = load_pairs([page], default).get(page.pk)
    return {
        "title": page.title,
        "url": page.url or "",
        "last_reviewed": stamp.reviewed_on if stamp else None,
        "stale": bool(
            stamp and pair and changes_since_review(stamp.facts, stamp.fingerprint, pair)
        ),
    }


@router.get(
    "/compare/{a}/{b}",
    response={200: schemas.CompareOut, **ERRORS},
    summary="Compare two published models",
    tags=["compare"],
)
def compare(
    request: HttpRequest,
    a: str = Path(..., description="Slug of model A."),
    b: str = Path(..., description="Slug of model B."),
    input_tokens: int | None = Query(
        None,
        ge=0,
        le=MAX_TOKENS,
        description="Monthly input tokens, overriding the site's traffic profile.",
    ),
    output_tokens: int | None = Query(
        None,
        ge=0,
        le=MAX_TOKENS,
        description="Monthly output tokens, overriding the site's traffic profile.",
    ),
    requests: int | None = Query(
        None,
        ge=1,
        le=MAX_REQUESTS,
        description="Requests a month: with avg_prompt_tokens and avg_output_tokens, a "
        "workload instead of monthly totals (the prompt length decides long-context prices).",
    ),
    avg_prompt_tokens: int | None = Query(
        None, ge=0, le=MAX_TOKENS_PER_REQUEST, description="Average prompt tokens a request."
    ),
    avg_output_tokens: int | None = Query(
        None, ge=0, le=MAX_TOKENS_PER_REQUEST, description="Average output tokens a request."
    ),
    # Decimal is immutable too, though B008 knows only the built-in types as such.
    cached_percent: Decimal | None = Query(  # noqa: B008
        None,
        ge=0,
        le=100,
        allow_inf_nan=False,
        description="Share of prompt tokens served from cache, 0 to 100 (billed at the route's "
        "cache-read price, or its input price where it has none).",
    ),
):
    """Both models' facts and the comparison engine's sections as data: monthly cost at the
    traffic profile (delta = B minus A), capability rows, tradeoffs, switch friction and
    scorecard; plus the editorial comparison page for the pair, if one is published."""
    if a == b:
        raise HttpError(400, "A model cannot be compared with itself.")
    default, traffic, custom = requested_traffic(
        request,
        input_tokens,
        output_tokens,
        (requests, avg_prompt_tokens, avg_output_tokens),
        cached_percent,
    )
    ids = published_model_ids([a, b])
    missing = [slug for slug in (a, b) if slug not in ids]
    if missing:
        raise _no_model(missing[0])
    facts = load_model_facts([ids[a], ids[b]], request=request)
    if ids[a] not in facts or ids[b] not in facts:  # unpublished in between
        raise _no_model(a if ids[a] not in facts else b)
    pair = PairFacts(
        a=facts[ids[a]], b=facts[ids[b]], capabilities=load_capabilities(request), traffic=traffic
    )
    cost = (
        compare_costs(pair.a.name, pair.a.routes, pair.b.name, pair.b.routes, traffic)
        if traffic
        else None
    )
    return {
        "a": serialize.model_detail(pair.a, pair.capabilities, traffic, custom_traffic=custom),
        "b": serialize.model_detail(pair.b, pair.capabilities, traffic, custom_traffic=custom),
        "traffic": serialize.traffic(traffic, custom=custom),
        "monthly_cost": serialize.cost_comparison(cost, pair) if cost else None,
        **serialize.sections(pair),
        "editorial": editorial(ids[a], ids[b], default),
    }


# --- anything else under /api/v1/ ----------------------------------------------------------
