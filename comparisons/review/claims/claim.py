"""A claim found in editors' prose, and a reviewer's acknowledgement of the contradicted ones.

Every claim carries the data it was checked against (`basis`), so that an acknowledgement
holds for that claim against that data only: `Claim.key` names the claim, `Claim.basis_key`
the data, and the check flags again once the data moves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Claim:
    kind: str  # "price", "context", "release", "routes", "licence"
    model: str
    claimed: str
    fact: str
    sentence: str
    source: str  # which section the sentence is in: "Verdict", "Deep dive", "FAQ: <question>"
    contradicts: bool
    # The data values the claim was checked against, in a canonical form.
    basis: str = ""

    def __str__(self) -> str:
        return f"{self.source}: “{self.sentence}” says {self.claimed}; data says {self.fact}."

    @property
    def key(self) -> str:
        """Which claim this is: the same sentence making the same claim about the same
        model, wherever it sits on the page."""
        return _digest(self.kind, self.model, self.claimed, self.sentence)

    @property
    def basis_key(self) -> str:
        return _digest(self.basis)


@dataclass(frozen=True)
class ClaimCheck:
    """Contradicted claims split by whether a reviewer has accepted them against the
    data they contradict now."""

    flagged: list[Claim] = field(default_factory=list)
    acknowledged: list[Claim] = field(default_factory=list)


def partition(claims: Iterable[Claim], acknowledged: Collection[tuple[str, str]]) -> ClaimCheck:
    """Contradictions among `claims`, minus those whose (key, basis_key) is acknowledged."""
    check = ClaimCheck()
    for claim in claims:
        if not claim.contradicts:
            continue
        if (claim.key, claim.basis_key) in acknowledged:
            check.acknowledged.append(claim)
        else:
            check.flagged.append(claim)
    return check
