"""Pair URLs: /compare/<a-slug>-vs-<b-slug>/."""

from __future__ import annotations

SEPARATOR = "-vs-"


def pair_slug(a_slug: str, b_slug: str) -> str:
    return f"{a_slug}{SEPARATOR}{b_slug}"


def split_pair_slug(slug: str) -> list[tuple[str, str]]:
    """Every way to read `slug` as "<a>-vs-<b>" (a model slug may itself contain "-vs-")."""
    readings = []
    start = 0
    while (at := slug.find(SEPARATOR, start)) != -1:
        first, second = slug[:at], slug[at + len(SEPARATOR) :]
        if first and second:
            readings.append((first, second))
        start = at + 1
    return readings
