"""The claim check: numeric and factual claims in editors' prose, checked against facts.

Editors' rich text (verdict, deep dive, FAQ answers) is read with BeautifulSoup and split
into sentences. A claim is attributed to the model named closest before it in the sentence
(or, failing that, the first named after it); sentences naming neither model are skipped,
because a claim that cannot be attributed cannot be checked. Only contradictions are
flagged: a claim about a fact we do not have is not an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bs4 import BeautifulSoup

from comparisons import formatting as fmt
from comparisons.facts import ModelFacts, PairFacts


@dataclass(frozen=True)
class Claim:
    kind: str  # "price", "context", "release", "routes", "licence"
    model: str
    claimed: str
    fact: str
    sentence: str
    source: str  # which section the sentence is in: "Verdict", "Deep dive", "FAQ: <question>"
    contradicts: bool

    def __str__(self) -> str:
        return f"{self.source}: “{self.sentence}” says {self.claimed}; data says {self.fact}."


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")
_PRICE = re.compile(
    r"\$\s?(?P<amount>\d+(?:\.\d+)?)\s*(?:/|per)\s*(?:1\s?M|1\s?million|million)\b"
    r"(?:\s+(?P<kind1>input|output|cached))?",
    re.IGNORECASE,
)
_PRICE_KIND_BEFORE = re.compile(
    r"\b(input|output|cached)\s+(?:price|pricing|cost)s?\b[^$]{0,20}$", re.I
)
_CONTEXT = re.compile(
    r"(?<![\d.])(?P<number>\d{1,12}(?:\.\d{1,12})?)\s?(?P<unit>[KkMm])\b(?:[\s-]?(?:token|tokens))",
)
_RELEASE = re.compile(
    r"\breleased\b[^.]{0,20}?\b(?:on|in)?\s*(?P<date>\d{4}-\d{2}-\d{2}|\d{4})\b", re.I
)
_ROUTES = re.compile(
    r"\b(?P<count>\d{1,6})\s+(?:tracked\s+)?(?:provider\s+)?(?:routes?|providers)\b", re.I
)
_OPEN = re.compile(
    r"\b(?P<neg>not\s+|isn't\s+|is\s+not\s+)?(?P<what>open[\s-]source|open[\s-]weights?|proprietary)\b",
    re.I,
)


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


def _mentions(sentence: str, models: Iterable[ModelFacts]) -> list[tuple[int, ModelFacts]]:
    found = []
    lowered = sentence.lower()
    for m in models:
        for needle in {m.name.lower(), m.slug.lower()}:
            start = 0
            while (at := lowered.find(needle, start)) != -1:
                found.append((at, m))
                start = at + len(needle)
    return sorted(found, key=lambda item: item[0])


def _subject(position: int, mentions: list[tuple[int, ModelFacts]]) -> ModelFacts | None:
    before = [m for at, m in mentions if at <= position]
    if before:
        return before[-1]
    return mentions[0][1] if mentions else None


def matches_when_rounded(claimed: Decimal, actual: Decimal | None) -> bool:
    """A claim written to fewer decimals matches the actual value rounded the same way.

    Any figure is safe to pass: one too long to round within the decimal precision (a
    price with hundreds of digits, from a crafted page or a typo) is compared exactly, and
    a value that is not a finite number matches nothing. (Used by the page editor's claim
    check and the legacy importer's conflict report.)"""
    if actual is None or not claimed.is_finite() or not actual.is_finite():
        return False
    exponent = claimed.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    try:
        quantum = Decimal(1).scaleb(-places)
        return actual.quantize(quantum) == claimed.quantize(quantum)
    except InvalidOperation:
        return actual == claimed


_FIELD_WORD = {
    "input_price": "input",
    "output_price": "output",
    "cached_input_price": "cached input",
}


def _price_claims(sentence: str, mentions, source: str) -> list[Claim]:
    claims = []
    for match in _PRICE.finditer(sentence):
        model = _subject(match.start(), mentions)
        if model is None:
            continue
        try:
            amount = Decimal(match.group("amount"))
        except InvalidOperation:
            continue
        kind = (match.group("kind1") or "").lower()
        if not kind:
            before = _PRICE_KIND_BEFORE.search(sentence[: match.start()])
            kind = before.group(1).lower() if before else ""
        fields = {
            "input": ("input_price",),
            "output": ("output_price",),
            "cached": ("cached_input_price",),
        }.get(kind, ("input_price", "output_price", "cached_input_price"))
        known = [getattr(r, f) for r in model.routes for f in fields if getattr(r, f) is not None]
        if not known:
            continue
        ok = any(matches_when_rounded(amount, value) for value in known)
        label = f"{kind} price" if kind else "a price"
        fact = ", ".join(
            f"{fmt.price(getattr(r, f))} {_FIELD_WORD[f]} ({r.label})"
            for r in model.routes
            for f in fields
            if getattr(r, f) is not None
        )
        claims.append(
            Claim(
                "price",
                model.name,
                f"{label} of ${match.group('amount')}/1M for {model.name}",
                f"{model.name}: {fact}",
                sentence,
                source,
                not ok,
            )
        )
    return claims


def _context_claims(sentence: str, mentions, source: str) -> list[Claim]:
    claims = []
    for match in _CONTEXT.finditer(sentence):
        model = _subject(match.start(), mentions)
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
        ok = any(fmt.tokens(k) == claimed_text or k == tokens for k in known)
        claims.append(
            Claim(
                "context",
                model.name,
                f"{claimed_text} tokens for {model.name}",
                f"{model.name}'s context window is {fmt.tokens(model.context_window)}",
                sentence,
                source,
                not ok,
            )
        )
    return claims


def _release_claims(sentence: str, mentions, source: str) -> list[Claim]:
    claims = []
    for match in _RELEASE.finditer(sentence):
        model = _subject(match.start(), mentions)
        if model is None or model.release_date is None:
            continue
        claimed = match.group("date")
        actual = model.release_date.isoformat()
        ok = actual == claimed if len(claimed) == 10 else actual[:4] == claimed
        claims.append(
            Claim(
                "release",
                model.name,
                f"released {claimed}",
                f"{model.name} was released {actual}",
                sentence,
                source,
                not ok,
            )
        )
    return claims


def _route_claims(sentence: str, mentions, source: str) -> list[Claim]:
    claims = []
    for match in _ROUTES.finditer(sentence):
        model = _subject(match.start(), mentions)
        if model is None:
            continue
        count = int(match.group("count"))
        ok = count == len(model.routes)
        claims.append(
            Claim(
                "routes",
                model.name,
                f"{count} provider routes for {model.name}",
                f"{model.name} has {fmt.plural(len(model.routes), 'tracked route')}",
                sentence,
                source,
                not ok,
            )
        )
    return claims


def _licence_claims(sentence: str, mentions, source: str) -> list[Claim]:
    claims = []
    for match in _OPEN.finditer(sentence):
        if match.group("neg"):
            continue
        model = _subject(match.start(), mentions)
        if model is None or model.licence is None:
            continue
        what = match.group("what").lower()
        is_open = model.licence.openness in ("open_source", "open_weights")
        # Questions ("Is A or B open source?") are not claims.
        if sentence.rstrip().endswith("?"):
            continue
        says_open = not what.startswith("proprietary")
        if what.startswith("open") and "open source" in what.replace("-", " "):
            ok = model.licence.openness == "open_source"
        else:
            ok = says_open == is_open
        claims.append(
            Claim(
                "licence",
                model.name,
                f"{model.name} is {what}",
                f"{model.name} is listed under {model.licence.name} "
                f"({model.licence.openness_label.lower()})",
                sentence,
                source,
                not ok,
            )
        )
    return claims


CHECKS = (_price_claims, _context_claims, _release_claims, _route_claims, _licence_claims)


def check_text(html: str, pair: PairFacts, source: str) -> list[Claim]:
    claims: list[Claim] = []
    for sentence in sentences_of(html):
        mentions = _mentions(sentence, pair.models)
        if not mentions:
            continue
        for check in CHECKS:
            claims.extend(check(sentence, mentions, source))
    return claims


def check_prose(fragments: Iterable[tuple[str, str]], pair: PairFacts) -> list[Claim]:
    """All claims in (source, html) fragments; callers usually want only `contradictions`."""
    claims: list[Claim] = []
    for source, html in fragments:
        claims.extend(check_text(html, pair, source))
    return claims


def contradictions(fragments: Iterable[tuple[str, str]], pair: PairFacts) -> list[Claim]:
    return [c for c in check_prose(fragments, pair) if c.contradicts]
