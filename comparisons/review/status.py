"""Review status of comparison pages: stale facts, old reviews, contradicted claims.

`review_statuses` works in one pass over any number of pages with a fixed number of
queries: pages, their models' facts, the capability list, chosen traffic profiles, the
latest review stamps and the acknowledged claims are each fetched once. Claims are checked
against the models' current published facts every time, so a price change that makes a
sentence wrong shows here at once; a claim a reviewer acknowledged stays quiet until the
data it was checked against changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from comparisons.blocks.stream_data import prose_fragments
from comparisons.engine.values import PairFacts, TrafficFacts
from comparisons.facts import load_pairs, site_default_traffic
from comparisons.models import ClaimAcknowledgement, ComparisonPage, ReviewStamp
from comparisons.models.price_history import change_dates
from comparisons.review.claims import Claim, ClaimCheck, check_prose, partition
from comparisons.review.facts_diff import FactChange, changes_since_review, dated
from comparisons.review.facts_snapshot import snapshot

if TYPE_CHECKING:
    from wagtail.models import Revision


@dataclass
class ReviewStatus:
    page: Any
    stamp: ReviewStamp | None
    current_facts: dict[str, Any] | None
    changes: list[FactChange] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)  # contradicted, not acknowledged
    acknowledged_claims: list[Claim] = field(default_factory=list)
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
    acknowledged = ClaimAcknowledgement.keys_for([p.pk for p in pages])
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
            check = partition(
                check_prose(prose_fragments(page.sections.raw_data), pair), acknowledged[page.pk]
            )
            status.claims, status.acknowledged_claims = check.flagged, check.acknowledged
        statuses[page.pk] = status
    # Route prices in the diffs are dated by the price history (one query for all pages).
    when = change_dates([c.route for s in statuses.values() for c in s.changes or ()])
    if when:
        for status in statuses.values():
            status.changes = dated(status.changes, when) if status.changes else status.changes
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


def claim_check_for_revision(revision: Revision) -> ClaimCheck:
    """Contradicted claims in the prose of a revision (a submitted one, not yet published),
    against the models' published facts, split by whether they are acknowledged."""
    page = revision.as_object()
    # Only comparisons carry prose checked against a pair of models; any other object
    # under review (a model page, reference data) has none.
    if not isinstance(page, ComparisonPage):
        return ClaimCheck()
    pair = load_pairs([page], site_default_traffic()).get(page.pk)
    if pair is None:
        return ClaimCheck()
    claims = check_prose(prose_fragments(page.sections.raw_data), pair)
    return partition(claims, ClaimAcknowledgement.keys_for([page.pk])[page.pk])


def flagged_claims_for_revision(revision: Revision) -> list[Claim]:
    """The claims a fact check has to see corrected or acknowledged."""
    return claim_check_for_revision(revision).flagged
