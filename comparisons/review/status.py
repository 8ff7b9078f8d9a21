"""Review status of comparison pages: stale facts, old reviews, contradicted claims.

`review_statuses` works in one pass over any number of pages with a fixed number of
queries: pages, their models' facts, the capability list, chosen traffic profiles and
the latest review stamps are each fetched once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from comparisons.facts import PairFacts, TrafficFacts, load_pairs, site_default_traffic
from comparisons.review.claims import Claim, contradictions
from comparisons.review.facts_snapshot import FactChange, changes_since_review, snapshot
from comparisons.section_options import prose_fragments

if TYPE_CHECKING:
    from wagtail.models import Revision

    from comparisons.models import ComparisonPage, ReviewStamp


@dataclass
class ReviewStatus:
    page: Any
    stamp: ReviewStamp | None
    current_facts: dict[str, Any] | None
    changes: list[FactChange] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    too_old: bool = False

    @property
    def reviewed_on(self) -> date | None:
        return self.stamp.reviewed_on if self.stamp else None

    @property
    def stale(self) -> bool:
        """The facts the page shows now differ from the ones its review approved."""
        return bool(self.stamp and self.changes)

    @property
    def never_reviewed(self) -> bool:
        return self.stamp is None

    @property
    def needs_review(self) -> bool:
        return self.stale or self.too_old or self.never_reviewed or bool(self.claims)

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.never_reviewed:
            reasons.append("Never reviewed")
        if self.stale:
            reasons.append("Facts changed")
        if self.too_old:
            reasons.append("Review too old")
        if self.claims:
            reasons.append("Claims contradict data")
        return reasons


def latest_stamps(page_ids: Sequence[int]) -> dict[int, ReviewStamp]:
    from comparisons.models import ReviewStamp

    latest: dict[int, ReviewStamp] = {}
    for stamp in (
        ReviewStamp.objects.filter(page_id__in=list(page_ids))
        .select_related("reviewer")
        .order_by("page_id", "-reviewed_on", "-created_at")
    ):
        latest.setdefault(stamp.page_id, stamp)
    return latest


def review_statuses(
    pages: Sequence[ComparisonPage],
    default_traffic: TrafficFacts | None,
    *,
    max_age_days: int = 180,
    today: date | None = None,
) -> dict[int, ReviewStatus]:
    today = today or timezone.localdate()
    pairs = load_pairs(pages, default_traffic)
    stamps = latest_stamps([p.pk for p in pages])
    statuses = {}
    for page in pages:
        pair = pairs.get(page.pk)
        stamp = stamps.get(page.pk)
        current = snapshot(pair) if pair else None
        status = ReviewStatus(page=page, stamp=stamp, current_facts=current)
        if stamp and pair:
            status.changes = changes_since_review(stamp.facts, stamp.fingerprint, pair)
        if stamp:
            status.too_old = stamp.reviewed_on < today - timedelta(days=max_age_days)
        if pair:
            status.claims = contradictions(prose_fragments(page.sections.raw_data), pair)
        statuses[page.pk] = status
    return statuses


def status_for_page(
    page: ComparisonPage, default_traffic: TrafficFacts | None = None
) -> ReviewStatus:
    traffic = default_traffic if default_traffic is not None else site_default_traffic()
    return review_statuses([page], traffic)[page.pk]


def pair_snapshot(
    page: ComparisonPage, *, live_only: bool = True
) -> tuple[PairFacts | None, dict[str, Any] | None]:
    pair = load_pairs([page], site_default_traffic(), live_only=live_only).get(page.pk)
    return pair, (snapshot(pair) if pair else None)


def flagged_claims_for_revision(revision: Revision) -> list[Claim]:
    """Contradicted claims in the prose of a submitted revision (not yet published)."""
    page = revision.as_object()
    pair = load_pairs([page], site_default_traffic()).get(page.pk)
    if pair is None:
        return []
    return contradictions(prose_fragments(page.sections.raw_data), pair)
