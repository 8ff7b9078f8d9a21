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

Every claim carries the data it was checked against (`basis`), so that a reviewer's
acknowledgement holds for that claim against that data only: `Claim.key` names the claim,
`Claim.basis_key` the data, and the check flags again once the data moves.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property

from bs4 import BeautifulSoup

from comparisons import formatting as fmt
from comparisons.facts import ModelFacts, PairFacts, RouteFacts
from comparisons.review.fact_rules import (
    matches_when_rounded,
    provider_count,
    route_count,
    route_with_price,
    routes_on,
    same_tokens,
)

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


# --- reading sentences ---------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")


def sentences_of(html: str) -> list[str]:
    """Plain-text sentences of a rich-text fragment; malformed or empty HTML gives []."""
    if not html or not html.strip():
        return []
    soup = BeautifulSoup(html, "html.parser")
    blocks = soup.find_all(["p", "li", "h2", "h3", "h4", "td", "th"]) or [soup]
    out: list[str] = []
    for block in blocks:
        if block.find(["p", "li"]) and block.name not in ("p", "li"):
            continue  # a container; its children are visited on their own
        text = " ".join(block.get_text(" ", strip=True).split())
        out.extend(s.strip() for s in _SENTENCE_END.split(text) if s.strip())
    return out


Mention = tuple[int, int, ModelFacts]  # start, end, model


def _find_all(lowered: str, needle: str) -> Iterable[tuple[int, int]]:
    start = 0
    while needle and (at := lowered.find(needle, start)) != -1:
        yield at, at + len(needle)
        start = at + len(needle)


def _mentions(sentence: str, models: Iterable[ModelFacts]) -> list[Mention]:
    found = []
    lowered = sentence.lower()
    for m in models:
        for needle in {m.name.lower(), m.slug.lower()}:
            found.extend((start, end, m) for start, end in _find_all(lowered, needle))
    return sorted(found, key=lambda item: item[0])


def _provider_mentions(sentence: str, pair: PairFacts, taken: list[Mention]) -> list[Mention]:
    """Where providers of either model's routes are named: (start, end, provider name),
    whole words only, longest names first, never inside a model's name."""
    names: dict[str, str] = {}
    for route in (*pair.a.routes, *pair.b.routes):
        names.setdefault(route.provider_name.lower(), route.provider_name)
        names.setdefault(route.provider_slug.lower(), route.provider_name)
    lowered = sentence.lower()
    used = bytearray(len(lowered) + 1)  # characters already part of a name
    for start, end, _ in taken:
        used[start:end] = b"\x01" * (end - start)
    found = []
    for needle in sorted(names, key=len, reverse=True):
        for start, end in _find_all(lowered, needle):
            if (start and lowered[start - 1].isalnum()) or (
                end < len(lowered) and lowered[end].isalnum()
            ):
                continue
            if any(used[start:end]):
                continue
            used[start:end] = b"\x01" * (end - start)
            found.append((start, end, names[needle]))
    return sorted(found, key=lambda item: item[0])


@dataclass
class _Sentence:
    text: str
    source: str
    pair: PairFacts
    mentions: list[Mention]
    implied: ModelFacts | None = None  # the subject when the sentence names no model

    def subject(self, position: int) -> ModelFacts | None:
        if not self.mentions:
            return self.implied
        at = bisect_right(self.starts, position)
        return self.mentions[at - 1 if at else 0][2]

    @cached_property
    def starts(self) -> list[int]:
        return [start for start, _, _ in self.mentions]

    def other(self, model: ModelFacts) -> ModelFacts:
        return self.pair.b if model.slug == self.pair.a.slug else self.pair.a

    def claim(
        self, kind: str, model: ModelFacts, claimed: str, fact: str, ok: bool, basis: str
    ) -> Claim:
        return Claim(kind, model.name, claimed, fact, self.text, self.source, not ok, basis)


# --- prices ----------------------------------------------------------------------------------

# "$1.25/1M input tokens", "$12 per 1M output tokens", "$1.07 input", "$8.50 output per 1M
# tokens", "$0.125 cached input". A dollar figure with neither a per-token unit nor the word
# input/output/cached after it (a monthly bill: "$4,900 a month") is not a token price.
_PRICE = re.compile(
    r"\$\s?(?P<amount>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?P<unit>\s*(?:/|per)\s*(?:1\s?M|1\s?million|million)\b(?:\s+tokens?\b)?)?"
    r"(?:\s+(?P<kind>input|output|cached)\b)?",
    re.IGNORECASE,
)
_PRICE_KIND_BEFORE = re.compile(
    r"\b(?P<kind>input|output|cached)\s+(?P<noun>price|pricing|cost)s?\b[^$]{0,20}$", re.I
)
# What separates one clause's prices from the next: a semicolon, or a contrast.
_CLAUSE_BREAK = re.compile(
    r";|\s[-\u2013\u2014]\s|\b(?:while|whereas|but|versus|vs\.?|compared (?:with|to)|against)\b",
    re.I,
)
_ON_PROVIDER_AFTER = re.compile(
    r"^[^$]{0,40}?\b(?:on|via|through|at|from|using)\s+(?:the\s+)?$", re.I
)
_ON_PROVIDER_BEFORE = re.compile(r"(?:\b(?:on|via|through|at|from|using)\s+(?:the\s+)?|\()$", re.I)
_PROVIDER_CHARGES = re.compile(r"^(?:'s)?\)?\s*(?:charges|bills|lists|asks|prices)\b", re.I)
_FIELDS = {
    "input": ("input_price",),
    "output": ("output_price",),
    "cached": ("cached_input_price",),
    "": ("input_price", "output_price", "cached_input_price"),
}
_FIELD_WORD = {
    "input_price": "input",
    "output_price": "output",
    "cached_input_price": "cached input",
}
_LISTED_PRICES = 4  # a fact lists each price up to this many, then gives the range


class _Clauses:
    """A sentence's clause breaks and provider mentions, located once, looked up by
    position (so a long sentence with many prices stays linear, not quadratic)."""

    def __init__(self, sentence: str, providers: list[Mention]) -> None:
        self.sentence = sentence
        breaks = list(_CLAUSE_BREAK.finditer(sentence))
        self.break_starts = [b.start() for b in breaks]
        self.break_ends = [b.end() for b in breaks]
        self.providers = providers
        self.provider_starts = [p[0] for p in providers]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        before = bisect_right(self.break_ends, start)
        begin = self.break_ends[before - 1] if before else 0
        after = bisect_left(self.break_starts, end)
        finish = self.break_starts[after] if after < len(self.break_starts) else len(self.sentence)
        return begin, finish

    def named_provider(self, start: int, end: int) -> str | None:
        """The provider a price is quoted for: "$X input on P", "on P, A costs $X",
        "(P) charges $X", "P charges $X"; None when the sentence ties it to no provider."""
        text = self.sentence
        begin, finish = self.bounds(start, end)
        following = bisect_left(self.provider_starts, end)
        if following < len(self.providers):
            p_start, _, name = self.providers[following]
            if p_start < finish and _ON_PROVIDER_AFTER.match(text[end:p_start]):
                return name
        preceding = bisect_right(self.provider_starts, start) - 1
        if preceding >= 0:
            p_start, p_end, name = self.providers[preceding]
            if (
                p_start >= begin
                and p_end <= start
                and (
                    _ON_PROVIDER_BEFORE.search(text[max(begin, p_start - 20) : p_start])
                    or _PROVIDER_CHARGES.match(text[p_end : p_end + 20])
                )
            ):
                return name
        return None


def _price_fact(
    model: ModelFacts, known: list[tuple[RouteFacts, str, Decimal]], amount: Decimal
) -> str:
    if len(known) <= _LISTED_PRICES:
        listed = ", ".join(
            f"{fmt.price(value)} {_FIELD_WORD[f]} on {r.label}" for r, f, value in known
        )
        return f"{model.name}: {listed}"
    values = sorted(value for _, _, value in known)
    r, f, nearest = min(known, key=lambda k: abs(k[2] - amount))
    return (
        f"{model.name}: {len(known)} prices from {fmt.price(values[0])} to "
        f"{fmt.price(values[-1])}, the nearest {fmt.price(nearest)} {_FIELD_WORD[f]} "
        f"on {r.label}"
    )


def _price_claims(s: _Sentence) -> list[Claim]:
    claims = []
    clauses = _Clauses(s.text, _provider_mentions(s.text, s.pair, s.mentions))
    for match in _PRICE.finditer(s.text):
        kind = (match.group("kind") or "").lower()
        if not kind:
            before = _PRICE_KIND_BEFORE.search(s.text[: match.start()])
            # "output cost of $500" may be a monthly bill; "output price of $2" is not.
            if before and (match.group("unit") or before.group("noun").lower() != "cost"):
                kind = before.group("kind").lower()
        if not kind and not match.group("unit"):
            continue
        model = s.subject(match.start())
        if model is None:
            continue
        try:
            amount = Decimal(match.group("amount").replace(",", ""))
        except InvalidOperation:
            continue
        fields = _FIELDS[kind]
        provider = clauses.named_provider(match.start(), match.end())
        routes = routes_on(model, provider) if provider else model.routes
        known = [(r, f, getattr(r, f)) for r in routes for f in fields if getattr(r, f) is not None]
        if not known:
            continue  # a route we do not track, or a price we do not have: nothing to contradict
        ok = route_with_price(amount, routes, fields) is not None
        label = f"{kind} price" if kind else "a price"
        where = f" on {provider}" if provider else ""
        basis = "price|" + "|".join(
            sorted(
                f"{r.provider_slug}/{r.provider_model_id}:{f}={v.normalize():f}"
                for r, f, v in known
            )
        )
        claimed = f"{label} of ${match.group('amount')}/1M for {model.name}{where}"
        claims.append(
            s.claim("price", model, claimed, _price_fact(model, known, amount), ok, basis)
        )
    return claims


# --- context windows -------------------------------------------------------------------------

_CONTEXT = re.compile(
    r"(?<![\d.])(?P<number>\d{1,12}(?:\.\d{1,12})?)\s?(?P<unit>[KkMm])\b[\s-]?tokens?\b",
)
# "per 1M tokens" is the unit of a price, "10M tokens a month" a traffic volume: neither
# is a context window.
_NOT_CONTEXT_BEFORE = re.compile(r"(?:\bper|/|\bevery|\beach)\s*$", re.I)
_NOT_CONTEXT_AFTER = re.compile(
    r"^\s*(?:(?:a|an|per|each|every)\s+(?:month|day|week|year|request|call)\b|monthly\b|daily\b"
    r"|/\s*(?:mo|month|day)\b)",
    re.I,
)


def _context_claims(s: _Sentence) -> list[Claim]:
    claims = []
    for match in _CONTEXT.finditer(s.text):
        if _NOT_CONTEXT_BEFORE.search(s.text[: match.start()]) or _NOT_CONTEXT_AFTER.match(
            s.text[match.end() :]
        ):
            continue
        model = s.subject(match.start())
        if model is None:
            continue
        number = Decimal(match.group("number"))
        tokens = int(number * (1_000_000 if match.group("unit").lower() == "m" else 1_000))
        known = [model.context_window, model.max_output_tokens] + [
            r.context_limit for r in model.routes
        ]
        known = [k for k in known if k]
        if not known:
            continue
        claimed_text = fmt.tokens(tokens)
        ok = any(same_tokens(tokens, k) for k in known)
        claims.append(
            s.claim(
                "context",
                model,
                f"{claimed_text} tokens for {model.name}",
                f"{model.name}'s context window is {fmt.tokens(model.context_window)}",
                ok,
                "context|" + "|".join(str(k) for k in sorted(set(known))),
            )
        )
    return claims


# --- release dates ---------------------------------------------------------------------------

_RELEASE = re.compile(
    r"\breleased\b[^.]{0,20}?\b(?:on|in)?\s*(?P<date>\d{4}-\d{2}-\d{2}|\d{4})\b", re.I
)


def _release_claims(s: _Sentence) -> list[Claim]:
    claims = []
    for match in _RELEASE.finditer(s.text):
        model = s.subject(match.start())
        if model is None or model.release_date is None:
            continue
        claimed = match.group("date")
        actual = model.release_date.isoformat()
        ok = actual == claimed if len(claimed) == 10 else actual[:4] == claimed
        claims.append(
            s.claim(
                "release",
                model,
                f"released {claimed}",
                f"{model.name} was released {actual}",
                ok,
                f"release|{actual}",
            )
        )
    return claims


# --- route and provider counts -----------------------------------------------------------------

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


def _count_claim(s: _Sentence, model: ModelFacts, count: int, word: str) -> Claim:
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


def _route_claims(s: _Sentence) -> list[Claim]:
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


# --- licences --------------------------------------------------------------------------------

_OPEN = re.compile(
    r"\b(?P<neg>not\s+|isn't\s+|is\s+not\s+)?(?P<what>open[\s-]source|open[\s-]weights?|proprietary)\b",
    re.I,
)


def _licence_claims(s: _Sentence) -> list[Claim]:
    claims = []
    # Questions ("Is A or B open source?") are not claims.
    if s.text.rstrip().endswith("?"):
        return claims
    for match in _OPEN.finditer(s.text):
        if match.group("neg"):
            continue
        model = s.subject(match.start())
        if model is None or model.licence is None:
            continue
        what = match.group("what").lower()
        is_open = model.licence.openness in ("open_source", "open_weights")
        says_open = not what.startswith("proprietary")
        if what.startswith("open") and "open source" in what.replace("-", " "):
            ok = model.licence.openness == "open_source"
        else:
            ok = says_open == is_open
        claims.append(
            s.claim(
                "licence",
                model,
                f"{model.name} is {what}",
                f"{model.name} is listed under {model.licence.name} "
                f"({model.licence.openness_label.lower()})",
                ok,
                f"licence|{model.licence.name}|{model.licence.openness}",
            )
        )
    return claims


CHECKS: tuple[Callable[[_Sentence], list[Claim]], ...] = (
    _price_claims,
    _context_claims,
    _release_claims,
    _route_claims,
    _licence_claims,
)
_PRONOUN = re.compile(r"^(?:it|its|it's|this model)\b", re.I)


def _only_model(mentions: list[Mention]) -> ModelFacts | None:
    named = {m.slug: m for _, _, m in mentions}
    return next(iter(named.values())) if len(named) == 1 else None


def check_text(html: str, pair: PairFacts, source: str) -> list[Claim]:
    claims: list[Claim] = []
    # An FAQ answer is about the one model its question names, if it names one.
    asked = (
        _only_model(_mentions(source[len("FAQ:") :], pair.models))
        if source.startswith("FAQ:")
        else None
    )
    previous: ModelFacts | None = None
    for text in sentences_of(html):
        mentions = _mentions(text, pair.models)
        implied = None
        if not mentions:
            implied = asked or (previous if _PRONOUN.match(text) else None)
        sentence = _Sentence(text, source, pair, mentions, implied)
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
