"""The monthly-cost calculator's input: readers' own monthly token volumes from query
parameters (so a result can be shared as a link). Pure functions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from comparisons.engine.values import TrafficFacts

MAX_TOKENS = 10**15  # a quadrillion tokens a month is far beyond any real workload
_SUFFIX = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
_NUMBER = re.compile(r"^(?P<number>\d+(?:\.\d+)?)\s*(?P<suffix>[KMBT]?)$", re.IGNORECASE)
FIELDS = (("input_tokens", "Monthly input tokens"), ("output_tokens", "Monthly output tokens"))


@dataclass(frozen=True)
class CalculatorInput:
    traffic: TrafficFacts | None  # None: the reader asked for nothing, or asked wrongly
    values: dict[str, str]
    errors: tuple[str, ...] = ()

    @property
    def used(self) -> bool:
        return bool(self.values)


def parse_token_count(text: str) -> int:
    """ "800M" -> 800000000, "1,500,000" -> 1500000, "2.5B" -> 2500000000."""
    cleaned = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    match = _NUMBER.match(cleaned)
    if not match:
        raise ValueError("not a number")
    try:
        value = Decimal(match.group("number")) * _SUFFIX[match.group("suffix").upper()]
    except InvalidOperation as exc:
        raise ValueError("not a number") from exc
    if value != value.to_integral_value():
        raise ValueError("not a whole number of tokens")
    return int(value)


def parse_calculator(params: Mapping[str, str], default: TrafficFacts | None) -> CalculatorInput:
    values = {name: (params.get(name) or "").strip()[:40] for name, _ in FIELDS if name in params}
    if not values:
        return CalculatorInput(traffic=None, values={})
    counts: dict[str, int] = {}
    errors = []
    for name, label in FIELDS:
        text = values.get(name, "")
        if not text:
            fallback = default and (
                default.monthly_input_tokens
                if name == "input_tokens"
                else default.monthly_output_tokens
            )
            if fallback is None:
                errors.append(f"{label}: enter a number of tokens, e.g. 800M.")
                continue
            counts[name] = fallback
            continue
        if text.lstrip().startswith("-"):
            errors.append(f"{label}: “{text}” is negative; token counts start at 0.")
            continue
        try:
            count = parse_token_count(text)
        except ValueError:
            errors.append(
                f"{label}: “{text}” is not a number of tokens. Enter a whole number such as "
                "800000000 or 800M."
            )
            continue
        if count > MAX_TOKENS:
            errors.append(
                f"{label}: {text} is more than the 1,000T tokens a month we can estimate."
            )
            continue
        counts[name] = count
    if not errors and not counts["input_tokens"] and not counts["output_tokens"]:
        errors.append("Enter some monthly input or output tokens: with none, every model costs $0.")
    if errors:
        return CalculatorInput(traffic=None, values=values, errors=tuple(errors))
    return CalculatorInput(
        traffic=TrafficFacts(
            name="your traffic",
            slug="custom",
            monthly_input_tokens=counts["input_tokens"],
            monthly_output_tokens=counts["output_tokens"],
        ),
        values=values,
    )
