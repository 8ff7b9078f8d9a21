"""Capability support across a pair: who has what, and how to name it in a sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from comparisons.engine.formatting import join_list
from comparisons.engine.values import CapabilityFacts, ModelFacts, PairFacts

# Sentences name at most this many capabilities; the rest are counted ("and 2 more"),
# and every one of them is in the capabilities table on the same page.
NAMED_IN_A_SENTENCE = 3


@dataclass(frozen=True)
class CapabilityRow:
    capability: CapabilityFacts
    a: bool | None
    b: bool | None


def only_in(x: ModelFacts, y: ModelFacts, caps: Sequence[CapabilityFacts]) -> list[CapabilityFacts]:
    """Capabilities x is sourced as supporting and y is sourced as lacking."""
    return [c for c in caps if x.supports(c.slug) is True and y.supports(c.slug) is False]


def unconfirmed_in(
    x: ModelFacts, y: ModelFacts, caps: Sequence[CapabilityFacts]
) -> list[CapabilityFacts]:
    """Capabilities x supports whose support by y is not sourced."""
    return [c for c in caps if x.supports(c.slug) is True and y.supports(c.slug) is None]


def shared(pair: PairFacts) -> list[CapabilityFacts]:
    return [c for c in pair.capabilities if pair.a.supports(c.slug) and pair.b.supports(c.slug)]


def capability_rows(pair: PairFacts, only: Sequence[str] = ()) -> list[CapabilityRow]:
    """One row per capability (all of them, or the slugs in `only`, in snippet order)."""
    chosen = [c for c in pair.capabilities if not only or c.slug in only]
    return [CapabilityRow(c, pair.a.supports(c.slug), pair.b.supports(c.slug)) for c in chosen]


def name_capabilities(
    caps: Sequence[CapabilityFacts], limit: int = NAMED_IN_A_SENTENCE, *, phrase: bool = False
) -> str:
    """Names for a sentence: "Reasoning, Function calling, and Tool use"; beyond `limit`,
    "A, B, C, and 2 more". One name over the limit is written out: "and 1 more" saves
    nothing."""
    names = [c.reader_phrase if phrase else c.name for c in caps]
    if len(names) <= limit + 1:
        return join_list(names)
    rest = len(names) - limit
    return f"{', '.join(names[:limit])}, and {rest} more"
