"""Decision tradeoffs: "choose A when…" / "choose B when…", one fact per statement."""

from __future__ import annotations

from dataclasses import dataclass

from comparisons.engine import formatting as fmt
from comparisons.engine.capabilities import name_capabilities, only_in
from comparisons.engine.values import ModelFacts, PairFacts


@dataclass(frozen=True)
class SideTradeoffs:
    model: ModelFacts
    points: tuple[str, ...]


def context_point(x: ModelFacts, y: ModelFacts) -> str | None:
    if x.context_window is None:
        return None
    if y.context_window is None:
        return (
            f"{x.name} has a sourced {fmt.tokens(x.context_window)}-token context window for "
            f"long prompts, retrieval packs, or transcript analysis; {y.name}'s is not sourced yet."
        )
    if x.context_window > y.context_window:
        return (
            f"{x.name} has the larger context window ({fmt.tokens(x.context_window)} vs "
            f"{fmt.tokens(y.context_window)} tokens) for long prompts, retrieval packs, or "
            "transcript analysis."
        )
    return None


def coverage_point(x: ModelFacts, y: ModelFacts) -> str | None:
    if len(x.routes) <= len(y.routes):
        return None
    return (
        f"{x.name} has broader tracked provider coverage ({fmt.plural(len(x.routes), 'route')} "
        f"vs {len(y.routes)}) for fallback and procurement flexibility."
    )


def side(pair: PairFacts, x: ModelFacts, y: ModelFacts) -> SideTradeoffs:
    points: list[str | None] = [context_point(x, y), coverage_point(x, y)]
    unique = only_in(x, y, pair.capabilities)
    if unique:
        points.append(
            f"{x.name} uniquely exposes {name_capabilities(unique)} in our capability data."
        )
    if x.tags:
        points.append(f"Our decision data tags {x.name} for {fmt.join_list(x.tag_names)}.")
    return SideTradeoffs(model=x, points=tuple(p for p in points if p))


def tradeoffs(pair: PairFacts) -> tuple[SideTradeoffs, SideTradeoffs]:
    return side(pair, pair.a, pair.b), side(pair, pair.b, pair.a)
