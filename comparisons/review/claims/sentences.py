"""Reading editors' rich text: its sentences, the models and providers each names, and the
model a claim at a given position is about."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from bs4 import BeautifulSoup

from comparisons.engine.values import ModelFacts, PairFacts
from comparisons.review.claims.claim import Claim

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


def find_all(lowered: str, needle: str) -> Iterable[tuple[int, int]]:
    start = 0
    while needle and (at := lowered.find(needle, start)) != -1:
        yield at, at + len(needle)
        start = at + len(needle)


def model_mentions(sentence: str, models: Iterable[ModelFacts]) -> list[Mention]:
    found = []
    lowered = sentence.lower()
    for m in models:
        for needle in {m.name.lower(), m.slug.lower()}:
            found.extend((start, end, m) for start, end in find_all(lowered, needle))
    return sorted(found, key=lambda item: item[0])


def provider_mentions(sentence: str, pair: PairFacts, taken: list[Mention]) -> list[Mention]:
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
        for start, end in find_all(lowered, needle):
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
class Sentence:
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
