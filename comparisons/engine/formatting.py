"""Every number readers see is formatted here, and only here.

Unknown values (None) become UNKNOWN ("—"), never 0 or "No".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

UNKNOWN = "—"
CENT = Decimal("0.01")


def _significant(value: Decimal, digits: int = 3) -> str:
    """Three significant digits, half up, no exponent: 1.048576 -> "1.05"."""
    if value >= 10 ** (digits - 1):
        return str(int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)))
    places = digits - len(str(int(value))) if value >= 1 else digits
    return plain_decimal(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def tokens(count: int | None) -> str:
    """262144 -> "262K", 1000000 -> "1M", 1048576 -> "1.05M", 2500 -> "3K"."""
    if count is None:
        return UNKNOWN
    if count >= 999_500:
        return f"{_significant(Decimal(count) / 1_000_000)}M"
    if count >= 1_000:
        return f"{int((Decimal(count) / 1_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))}K"
    return str(count)


def plain_decimal(value: Decimal) -> str:
    """Decimal without trailing zeros or exponent: 14.000000 -> "14", 0.039000 -> "0.039"."""
    text = format(value.normalize(), "f")
    return text


def price(value: Decimal | None) -> str:
    """A per-token price exactly as sourced, cents always shown when there are any:
    "$14", "$1.75", "$0.60", "$0.039"."""
    if value is None:
        return UNKNOWN
    text = plain_decimal(value)
    if "." in text and len(text.split(".")[1]) == 1:
        text += "0"
    return f"${text}"


def price_per_million(value: Decimal | None) -> str:
    if value is None:
        return UNKNOWN
    return f"{price(value)}/1M tokens"


def route_prices(label: str, input_price: Decimal | None, output_price: Decimal | None) -> str:
    """A route with its token prices: "Helicone: $0.04 input, $0.16 output per 1M tokens"."""
    return f"{label}: {price(input_price)} input, {price(output_price)} output per 1M tokens"


def money(value: Decimal | None) -> str:
    """A monthly bill: "$4,900", "$76.20"; whole dollars lose their cents."""
    if value is None:
        return UNKNOWN
    cents = value.quantize(CENT, rounding=ROUND_HALF_UP)
    if value > 0 and cents == 0:
        return "< $0.01"
    if cents == cents.to_integral_value():
        return f"${int(cents):,}"
    return f"${cents:,.2f}"


def token_volume(count: int | None) -> str:
    """Monthly traffic: 800000000 -> "800M", 1500000000 -> "1.5B"."""
    if count is None:
        return UNKNOWN
    for size, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if count >= size:
            return f"{plain_decimal(Decimal(count) / size)}{suffix}"
    return str(count)


def parameters(billions: Decimal | None, detail: str = "", estimated: bool = False) -> str:
    """4 -> "4B", 1760 with "8x222B MoE", estimated -> "1.76T (8x222B MoE)*"."""
    if billions is None:
        return UNKNOWN
    if billions >= 1000:
        text = f"{plain_decimal(billions / 1000)}T"
    elif billions >= 1:
        text = f"{plain_decimal(billions)}B"
    else:
        text = f"{plain_decimal(billions * 1000)}M"
    if detail:
        text += f" ({detail})"
    if estimated:
        text += "*"
    return text


def iso_date(value: date | None) -> str:
    return value.isoformat() if value else UNKNOWN


def year_month(value: date | None) -> str:
    return f"{value.year:04d}-{value.month:02d}" if value else UNKNOWN


def join_list(items: Sequence[str], conjunction: str = "and") -> str:
    """["a"] -> "a"; ["a", "b"] -> "a and b"; ["a", "b", "c"] -> "a, b, and c"."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {conjunction} {items[1]}"
    return f"{', '.join(items[:-1])}, {conjunction} {items[-1]}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """plural(1, "route") -> "1 route"; plural(3, "route") -> "3 routes"."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"
