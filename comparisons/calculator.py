"""The monthly-cost calculator's input: readers' own workload or monthly token volumes
from query parameters (so a result can be shared as a link). Pure functions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from comparisons.engine import formatting as fmt
from comparisons.engine.pricing import FORMULA, prompt_tokens_per_request
from comparisons.engine.values import TrafficFacts

MAX_TOKENS = 10**15  # a quadrillion tokens a month is far beyond any real workload
MAX_REQUESTS = 10**12
MAX_TOKENS_PER_REQUEST = 10**8  # far beyond any model's context window
_SUFFIX = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
_NUMBER = re.compile(r"^(?P<number>\d+(?:\.\d+)?)\s*(?P<suffix>[KMBT]?)$", re.IGNORECASE)
_PERCENT = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
# The two-number form: monthly totals.
FIELDS = (("input_tokens", "Monthly input tokens"), ("output_tokens", "Monthly output tokens"))
# The workload form: requests and what an average request carries.
WORKLOAD_FIELDS = (
    ("requests", "Requests a month", MAX_REQUESTS),
    ("avg_prompt_tokens", "Average prompt tokens", MAX_TOKENS_PER_REQUEST),
    ("avg_output_tokens", "Average output tokens", MAX_TOKENS_PER_REQUEST),
)
LIMITS = {
    MAX_TOKENS: "1,000T tokens a month",
    MAX_REQUESTS: "1,000B requests a month",
    MAX_TOKENS_PER_REQUEST: "100M tokens a request",
}
CACHED = ("cached_percent", "Prompt tokens served from cache")
ALL_FIELDS = (*(f[0] for f in FIELDS), *(f[0] for f in WORKLOAD_FIELDS), CACHED[0])


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


def _count(label: str, text: str, limit: int, unit: str = "tokens") -> tuple[int | None, str]:
    """(the count, "") or (None, what is wrong with it)."""
    if text.lstrip().startswith("-"):
        return None, f"{label}: “{text}” is negative; {unit} start at 0."
    try:
        count = parse_token_count(text)
    except ValueError:
        return None, (
            f"{label}: “{text}” is not a number of {unit}. Enter a whole number such as "
            "800000000 or 800M."
        )
    if count > limit:
        return None, f"{label}: {text} is more than the {LIMITS[limit]} we can estimate."
    return count, ""


def parse_cached_percent(text: str) -> Decimal:
    """ "30" or "30 %" -> Decimal("30"); ValueError with the reason otherwise."""
    cleaned = text.strip().removesuffix("%").strip()
    if cleaned.startswith("-"):
        raise ValueError("is negative; the share starts at 0 %")
    if not _PERCENT.match(cleaned):
        raise ValueError("is not a percentage. Enter a number from 0 to 100, such as 30")
    value = Decimal(cleaned)
    if value > 100:
        raise ValueError("is more than 100 %")
    return value


def parse_calculator(params: Mapping[str, str], default: TrafficFacts | None) -> CalculatorInput:
    """The reader's traffic from the query string: a workload (requests, average prompt and
    output tokens), or monthly totals (input and output tokens), either with a cached share
    of prompt tokens; a cached share alone re-prices the default traffic."""
    values = {name: (params.get(name) or "").strip()[:40] for name in ALL_FIELDS if name in params}
    if not values:
        return CalculatorInput(traffic=None, values={})
    errors: list[str] = []
    cached = Decimal(0)
    cached_text = values.get(CACHED[0], "")
    if cached_text:
        try:
            cached = parse_cached_percent(cached_text)
        except ValueError as exc:
            errors.append(f"{CACHED[1]}: “{cached_text}” {exc}.")
    workload = any(name in values for name, _, _ in WORKLOAD_FIELDS)
    totals = any(name in values for name, _ in FIELDS)
    if workload and totals:
        errors.append(
            "Enter either a workload (requests and average tokens) or monthly totals, not both."
        )
        traffic = None
    elif workload:
        traffic = _workload(values, errors)
    else:
        traffic = _totals(values, default, errors)
    if errors or traffic is None:
        return CalculatorInput(traffic=None, values=values, errors=tuple(errors))
    return CalculatorInput(traffic=replace(traffic, cached_percent=cached), values=values)


def _workload(values: dict[str, str], errors: list[str]) -> TrafficFacts | None:
    counts: dict[str, int] = {}
    for name, label, limit in WORKLOAD_FIELDS:
        text = values.get(name, "")
        unit = "requests" if name == "requests" else "tokens"
        if not text:
            errors.append(f"{label}: enter a whole number of {unit}, e.g. 100K.")
            continue
        count, error = _count(label, text, limit, unit)
        if error:
            errors.append(error)
        else:
            counts[name] = count
    if errors:
        return None
    if not counts["requests"] or not (counts["avg_prompt_tokens"] or counts["avg_output_tokens"]):
        errors.append("Enter some requests and tokens: with none, every model costs $0.")
        return None
    return workload_traffic(
        counts["requests"], counts["avg_prompt_tokens"], counts["avg_output_tokens"]
    )


def workload_traffic(
    requests: int,
    avg_prompt_tokens: int,
    avg_output_tokens: int,
    cached_percent: Decimal = Decimal(0),
    name: str = "your workload",
) -> TrafficFacts:
    """A workload as the traffic every section prices: its monthly totals and requests."""
    return TrafficFacts(
        name=name,
        slug="custom",
        monthly_input_tokens=requests * avg_prompt_tokens,
        monthly_output_tokens=requests * avg_output_tokens,
        requests=requests,
        cached_percent=cached_percent,
    )


def _totals(
    values: dict[str, str], default: TrafficFacts | None, errors: list[str]
) -> TrafficFacts | None:
    if not any(name in values for name, _ in FIELDS):
        # A cached share alone: the default traffic, partly served from cache.
        if default is None:
            errors.append("Enter some monthly input or output tokens to estimate a bill.")
            return None
        return replace(default, name=f"{default.name}, your cache share", slug="custom")
    counts: dict[str, int] = {}
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
        count, error = _count(label, text, MAX_TOKENS)
        if error:
            errors.append(error)
        else:
            counts[name] = count
    if not errors and not counts["input_tokens"] and not counts["output_tokens"]:
        errors.append("Enter some monthly input or output tokens: with none, every model costs $0.")
    if errors:
        return None
    return TrafficFacts(
        name="your traffic",
        slug="custom",
        monthly_input_tokens=counts["input_tokens"],
        monthly_output_tokens=counts["output_tokens"],
    )


def workload_context(traffic: TrafficFacts) -> dict[str, object]:
    """What the cost section says about a workload besides its totals: the average request
    (when the request count is known) and the cached share as readers read it ("30")."""
    prompt = prompt_tokens_per_request(traffic)
    return {
        "prompt_tokens": round(prompt) if prompt is not None else None,
        "output_tokens": (
            round(Decimal(traffic.monthly_output_tokens) / traffic.requests)
            if traffic.requests
            else None
        ),
        "cached_percent": fmt.plain_decimal(traffic.cached_percent),
        "formula": FORMULA,
    }
