"""What a reviewer approves: the changes a revision under review would publish.

One entry point, `fact_check_summary(revision)`, for every kind of object the "Editorial
review" workflow handles:

- a comparison: the facts changed since its last review and the claims in its prose
  that contradict the data;
- a model page: its facts (routes, specs, capabilities, scores) in the revision against
  the published page, through the same snapshot diff the review stamps use, and the
  reviewed comparisons that publishing it would make stale;
- reference data (a snippet): its fields against the published row, and the reviewed
  comparisons that show it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from comparisons.engine.values import PairFacts
from comparisons.facts import (
    load_capabilities,
    load_model_facts,
    load_pairs,
    model_facts_from_instance,
    site_default_traffic,
)
from comparisons.models import (
    Benchmark,
    ComparisonPage,
    DecisionTag,
    Lab,
    Licence,
    ModelPage,
    ProductType,
    Provider,
)
from comparisons.review.facts_diff import diff
from comparisons.review.facts_snapshot import fingerprint, snapshot
from comparisons.review.status import review_statuses, status_for_page


@dataclass(frozen=True)
class AffectedComparison:
    title: str
    edit_url: str
    reviewed_on: date
    already_stale: bool


@dataclass
class FactCheckSummary:
    kind: str  # "comparison", "model" or "snippet"
    changes: list[str] = field(default_factory=list)
    claims: list[Any] = field(default_factory=list)  # contradict the data, not acknowledged
    # Contradict the data, acknowledged in an earlier fact check against the same values.
    acknowledged: list[Any] = field(default_factory=list)
    stamp: Any = None
    never_published: bool = False
    affected: list[AffectedComparison] = field(default_factory=list)
    # For a snippet: every reviewed comparison showing it (not only the stale-making ones).
    affected_may_change: bool = False


def _model_changes(before: Any, after: Any) -> list[str]:
    """The model's own facts, changed: the comparison snapshot diff of a pair made of the
    model with itself. Both sides say the same, and each line names the model, so each
    change is listed once."""
    capabilities = load_capabilities()
    old = snapshot(PairFacts(a=before, b=before, capabilities=capabilities))
    new = snapshot(PairFacts(a=after, b=after, capabilities=capabilities))
    return list(dict.fromkeys(str(change) for change in diff(old, new)))


def _reviewed_comparisons(model_ids: Any = None) -> tuple[list[Any], dict[int, Any]]:
    pages = ComparisonPage.objects.live().filter(review_stamps__isnull=False).distinct()
    if model_ids is not None:
        pages = pages.filter(Q(model_a__in=model_ids) | Q(model_b__in=model_ids))
    pages = list(pages.order_by("title"))
    return pages, review_statuses(pages, site_default_traffic())


def _affected(page: Any, status: Any) -> AffectedComparison:
    return AffectedComparison(
        title=page.title,
        edit_url=reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        reviewed_on=status.reviewed_on,
        already_stale=status.stale,
    )


def _model_page_summary(revision: Any) -> FactCheckSummary:
    draft = revision.as_object()
    after = model_facts_from_instance(draft)
    before = load_model_facts([draft.pk]).get(draft.pk)
    if before is None:
        return FactCheckSummary(kind="model", never_published=True)
    summary = FactCheckSummary(kind="model", changes=_model_changes(before, after))
    if not summary.changes:
        return summary
    # Exact: a comparison goes stale when its snapshot with the new facts no longer
    # matches the one its review approved.
    pages, statuses = _reviewed_comparisons([draft.pk])
    pairs = load_pairs(pages, site_default_traffic())
    for page in pages:
        status, pair = statuses[page.pk], pairs.get(page.pk)
        if status.stamp is None or pair is None:
            continue
        if pair.a.page_id == draft.pk:
            pair = dataclasses.replace(pair, a=after)
        if pair.b.page_id == draft.pk:
            pair = dataclasses.replace(pair, b=after)
        if fingerprint(snapshot(pair)) != status.stamp.fingerprint:
            summary.affected.append(_affected(page, status))
    return summary


def _display(obj: Any, name: str) -> str:
    if obj is None:
        return "—"
    model_field = obj._meta.get_field(name)
    # A choice reads as its label ("Open weights"), as editors picked it.
    value = getattr(obj, f"get_{name}_display")() if model_field.choices else getattr(obj, name)
    if value is None or value == "":
        return "—"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value)


def _models_using(snippet: Any) -> Any:
    """Model pages that show this reference data; None: every comparison shows it."""
    lookups = {
        Lab: "lab",
        Licence: "licence",
        ProductType: "product_type",
        DecisionTag: "decision_tags",
        Provider: "routes__provider",
        Benchmark: "benchmark_scores__benchmark",
    }
    lookup = lookups.get(type(snippet))
    if lookup is None:  # capabilities and traffic profiles are on every comparison
        return None
    return ModelPage.objects.filter(**{lookup: snippet}).values("pk")


def _snippet_summary(revision: Any) -> FactCheckSummary:
    draft = revision.as_object()
    published = type(draft).objects.filter(pk=draft.pk, live=True).first()
    if published is None:
        return FactCheckSummary(kind="snippet", never_published=True)
    names = [panel.field_name for panel in draft.panels]
    changes = []
    for name in names:
        old, new = _display(published, name), _display(draft, name)
        if old != new:
            label = str(draft._meta.get_field(name).verbose_name)
            changes.append(f"{label[:1].upper()}{label[1:]}: {old} → {new}")
    summary = FactCheckSummary(kind="snippet", changes=changes, affected_may_change=True)
    if changes:
        pages, statuses = _reviewed_comparisons(_models_using(published))
        summary.affected = [_affected(page, statuses[page.pk]) for page in pages]
    return summary


def fact_check_summary(revision: Any) -> FactCheckSummary:
    obj = revision.as_object()
    if isinstance(obj, ComparisonPage):
        # The page as in the revision under review: its prose is what the claims come from.
        status = status_for_page(obj)
        return FactCheckSummary(
            kind="comparison",
            stamp=status.stamp,
            changes=[str(change) for change in status.changes],
            claims=status.claims,
            acknowledged=status.acknowledged_claims,
        )
    if isinstance(obj, ModelPage):
        return _model_page_summary(revision)
    return _snippet_summary(revision)
