"""Context windows, release dates and licences claimed in a sentence, checked against the
model's specs."""

from __future__ import annotations

import re
from decimal import Decimal

from comparisons.engine import formatting as fmt
from comparisons.review.claims.claim import Claim
from comparisons.review.claims.sentences import Sentence
from comparisons.review.fact_rules import same_tokens

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


def context_claims(s: Sentence) -> list[Claim]:
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


_RELEASE = re.compile(
    r"\breleased\b[^.]{0,20}?\b(?:on|in)?\s*(?P<date>\d{4}-\d{2}-\d{2}|\d{4})\b", re.I
)


def release_claims(s: Sentence) -> list[Claim]:
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


_OPEN = re.compile(
    r"\b(?P<neg>not\s+|isn't\s+|is\s+not\s+)?(?P<what>open[\s-]source|open[\s-]weights?|proprietary)\b",
    re.I,
)


def licence_claims(s: Sentence) -> list[Claim]:
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
