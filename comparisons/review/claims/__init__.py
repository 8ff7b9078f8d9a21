"""The claim check: numeric and factual claims in editors' prose, checked against facts.

Editors' rich text (verdict, deep dive, FAQ answers, prose sections) is read with
BeautifulSoup and split into sentences. A claim is attributed to the model named closest
before it in the sentence (or, failing that, the first named after it). A sentence naming
neither model is attributed only where the reader would attribute it too: to the one model
an FAQ question names, or to the one model the previous sentence named when it starts
"It"/"Its"; otherwise it is skipped, because a claim that cannot be attributed cannot be
checked. The exception is a pair of counts ("1 tracked route versus 0"), which reads in
the page's order, model A then model B. Only contradictions are flagged: a claim about a
fact we do not have is not an error.

Every claim carries the data it was checked against (`claim.py`). Reading sentences and
whom they name is `sentences.py`; each kind of claim is found and checked in a module of
its own (`prices.py`, `specs.py`, `counts.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from comparisons.engine.values import ModelFacts, PairFacts
from comparisons.review.claims import counts, prices, specs
from comparisons.review.claims.claim import Claim, ClaimCheck, partition
from comparisons.review.claims.sentences import Mention, Sentence, model_mentions, sentences_of
from comparisons.review.fact_rules import matches_when_rounded

__all__ = [
    "Claim",
    "ClaimCheck",
    "check_prose",
    "check_text",
    "contradictions",
    "matches_when_rounded",
    "partition",
    "sentences_of",
]


CHECKS: tuple[Callable[[Sentence], list[Claim]], ...] = (
    prices.price_claims,
    specs.context_claims,
    specs.release_claims,
    counts.route_claims,
    specs.licence_claims,
)
_PRONOUN = re.compile(r"^(?:it|its|it's|this model)\b", re.I)


def _only_model(mentions: list[Mention]) -> ModelFacts | None:
    named = {m.slug: m for _, _, m in mentions}
    return next(iter(named.values())) if len(named) == 1 else None


def check_text(html: str, pair: PairFacts, source: str) -> list[Claim]:
    claims: list[Claim] = []
    # An FAQ answer is about the one model its question names, if it names one.
    asked = (
        _only_model(model_mentions(source[len("FAQ:") :], pair.models))
        if source.startswith("FAQ:")
        else None
    )
    previous: ModelFacts | None = None
    for text in sentences_of(html):
        mentions = model_mentions(text, pair.models)
        implied = None
        if not mentions:
            implied = asked or (previous if _PRONOUN.match(text) else None)
        sentence = Sentence(text, source, pair, mentions, implied)
        for check in CHECKS:
            claims.extend(check(sentence))
        previous = _only_model(mentions) if mentions else implied
    return claims


def check_prose(fragments: Iterable[tuple[str, str]], pair: PairFacts) -> list[Claim]:
    """All claims in (source, html) fragments; callers usually want only `contradictions`."""
    claims: list[Claim] = []
    for source, html in fragments:
        claims.extend(check_text(html, pair, source))
    return claims


def contradictions(fragments: Iterable[tuple[str, str]], pair: PairFacts) -> list[Claim]:
    return [c for c in check_prose(fragments, pair) if c.contradicts]
