"""Acknowledged claims: a reviewer's word that a flagged sentence is right as written.

One row per claim and per data value: the claim check names a claim by its sentence and
what it says (`Claim.key`) and the data it was checked against by a digest of those values
(`Claim.basis_key`). While both match, the claim is no longer flagged; when the data moves
(a price changes, a route is added) the digest differs and the claim is flagged again,
until someone checks it against the new value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from comparisons.review.claims import Claim


class ClaimAcknowledgement(models.Model):
    page = models.ForeignKey(
        "comparisons.ComparisonPage",
        on_delete=models.CASCADE,
        related_name="claim_acknowledgements",
    )
    claim_key = models.CharField(max_length=64, help_text="Which claim: its sentence and figure.")
    basis_key = models.CharField(
        max_length=64, help_text="Which data: the values the claim was checked against."
    )
    claim = models.TextField(help_text="The claim and the data, as the reviewer saw them.")
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_by_name = models.CharField(
        max_length=150, blank=True, help_text="Kept if the reviewer's account is removed."
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The fact check in which it was acknowledged.",
    )
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["page", "-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "claim_key", "basis_key"], name="unique_claim_acknowledgement"
            )
        ]

    def __str__(self) -> str:
        return self.claim

    @classmethod
    def keys_for(cls, page_ids: Sequence[int]) -> dict[int, set[tuple[str, str]]]:
        """{page id: {(claim key, basis key), ...}} for many pages, in one query."""
        found: dict[int, set[tuple[str, str]]] = {pk: set() for pk in page_ids}
        rows = cls.objects.filter(page_id__in=list(page_ids)).values_list(
            "page_id", "claim_key", "basis_key"
        )
        for page_id, claim_key, basis_key in rows:
            found[page_id].add((claim_key, basis_key))
        return found

    @classmethod
    def record(
        cls,
        page_id: int | str,
        claims: Iterable[Claim],
        *,
        user: Any = None,
        task_state: Any = None,
    ) -> None:
        name = (user.get_full_name() or user.get_username()) if user is not None else ""
        for claim in claims:
            cls.objects.get_or_create(
                page_id=int(page_id),
                claim_key=claim.key,
                basis_key=claim.basis_key,
                defaults={
                    "claim": str(claim),
                    "acknowledged_by": user,
                    "acknowledged_by_name": name,
                    "task_state": task_state,
                },
            )
