"""Switch friction: what moving production traffic from one model to the other involves."""

from __future__ import annotations

from dataclasses import dataclass

from comparisons.engine import formatting as fmt
from comparisons.engine.capabilities import name_capabilities, only_in, unconfirmed_in
from comparisons.engine.pricing import provider_names
from comparisons.engine.values import ModelFacts, PairFacts


@dataclass(frozen=True)
class Direction:
    source: ModelFacts
    target: ModelFacts
    points: tuple[str, ...]


def shared_providers(x: ModelFacts, y: ModelFacts) -> list[str]:
    """Providers with a tracked route for both models, each once, in x's route order."""
    y_slugs = {r.provider_slug for r in y.routes}
    shared = {r.provider_name for r in x.routes if r.provider_slug in y_slugs}
    return [name for name in provider_names(x) if name in shared]


def direction(pair: PairFacts, source: ModelFacts, target: ModelFacts) -> Direction:
    points: list[str] = list(target.lifecycle_notes)
    overlap = shared_providers(source, target)
    if overlap:
        points.append(
            f"{fmt.join_list(overlap)} {'serves' if len(overlap) == 1 else 'serve'} both "
            f"{source.name} and {target.name}, so the switch can keep the same SDK, billing, "
            "and endpoint."
        )
    else:
        points.append(
            f"No tracked provider route serves both {source.name} and {target.name}; plan for "
            "SDK, billing, or endpoint changes."
        )
    lost = only_in(source, target, pair.capabilities)
    if lost:
        points.append(
            f"Check replacement coverage for {name_capabilities(lost)} before moving production "
            "traffic."
        )
    unknown = unconfirmed_in(source, target, pair.capabilities)
    if unknown:
        points.append(
            f"{target.name}'s support for {name_capabilities(unknown)} is not sourced yet; "
            "confirm it first."
        )
    gained = only_in(target, source, pair.capabilities)
    if gained:
        points.append(f"{target.name} adds {name_capabilities(gained)}.")
    return Direction(source=source, target=target, points=tuple(points))


def switch_friction(pair: PairFacts) -> tuple[Direction, Direction]:
    return direction(pair, pair.a, pair.b), direction(pair, pair.b, pair.a)
