"""Route and provider counts claimed in a sentence ("1 tracked route versus 0"), checked
against the model's tracked routes."""

from __future__ import annotations

import re

from comparisons.engine import formatting as fmt
from comparisons.engine.values import ModelFacts
from comparisons.review.claims.claim import Claim
from comparisons.review.claims.sentences import Sentence
from comparisons.review.fact_rules import provider_count, route_count

_COUNTED = r"(?:tracked\s+)?(?P<word>provider\s+routes?|routes?|providers?)"
_COUNT = re.compile(rf"(?<![\d.,])\b(?P<count>\d{{1,6}})\s+{_COUNTED}\b", re.I)
# "1 tracked route versus 0": the second count is the other model's.
_COUNT_VERSUS = re.compile(
    rf"(?<![\d.,])\b(?P<count>\d{{1,6}})\s+{_COUNTED}\s+"
    r"(?:versus|vs\.?|against|compared\s+(?:with|to))\s+(?P<other>\d{1,6})\b"
    r"(?:\s+(?:tracked\s+)?(?:provider\s+routes?|routes?|providers?)\b)?",
    re.I,
)
# "Tracked provider routes: 1 for A and 0 for B."
_COUNT_LIST = re.compile(
    r"\b(?:tracked\s+)?(?P<word>provider\s+routes?|routes?|providers?)\s*:", re.I
)
_COUNT_FOR = re.compile(r"(?<![\d.,])\b(?P<count>\d{1,6})\s+for\s+")


def _count_claim(s: Sentence, model: ModelFacts, count: int, word: str) -> Claim:
    if "route" in word.lower():
        actual, noun, label = route_count(model), "tracked route", "provider route"
    else:
        actual, noun, label = provider_count(model), "provider", "provider"
    return s.claim(
        "routes",
        model,
        f"{fmt.plural(count, label)} for {model.name}",
        f"{model.name} has {fmt.plural(actual, noun)}",
        count == actual,
        f"{noun}|{actual}",
    )


def route_claims(s: Sentence) -> list[Claim]:
    claims = []
    covered = bytearray(len(s.text) + 1)  # where a count has been read already
    for match in _COUNT_VERSUS.finditer(s.text):
        model = s.subject(match.start()) or s.pair.a
        word = match.group("word")
        claims.append(_count_claim(s, model, int(match.group("count")), word))
        claims.append(_count_claim(s, s.other(model), int(match.group("other")), word))
        covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    named_at = {start: m for start, _, m in reversed(s.mentions)}
    listings = list(_COUNT_LIST.finditer(s.text))
    for at, listing in enumerate(listings):
        until = listings[at + 1].start() if at + 1 < len(listings) else len(s.text)
        for match in _COUNT_FOR.finditer(s.text, listing.end(), until):
            model = named_at.get(match.end())
            if model is not None:
                claims.append(
                    _count_claim(s, model, int(match.group("count")), listing.group("word"))
                )
                covered[match.start()] = 1
    for match in _COUNT.finditer(s.text):
        if covered[match.start()]:
            continue
        model = s.subject(match.start())
        if model is not None:
            claims.append(_count_claim(s, model, int(match.group("count")), match.group("word")))
    return claims
