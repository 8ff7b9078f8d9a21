"""Token prices claimed in a sentence ("$1.25/1M input tokens"), checked against the routes
of the model (and the provider) the sentence ties them to."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal, InvalidOperation

from comparisons.engine import formatting as fmt
from comparisons.engine.values import ModelFacts, RouteFacts
from comparisons.review.claims.claim import Claim
from comparisons.review.claims.sentences import Mention, Sentence, provider_mentions
from comparisons.review.fact_rules import route_with_price, routes_on

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


def price_claims(s: Sentence) -> list[Claim]:
    claims = []
    clauses = _Clauses(s.text, provider_mentions(s.text, s.pair, s.mentions))
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
