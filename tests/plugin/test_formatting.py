from datetime import date
from decimal import Decimal

import pytest

from comparisons.engine import formatting as f


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (None, "—"),
        (262_144, "262K"),
        (131_072, "131K"),
        (400_000, "400K"),
        (192_000, "192K"),
        (1_000_000, "1M"),
        (1_048_576, "1.05M"),
        (2_500, "3K"),
        (999_600, "1M"),
        (10**9, "1000M"),
        (2_000_000, "2M"),
        (512, "512"),
    ],
)
def test_tokens(count, text):
    assert f.tokens(count) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        (Decimal("14.000000"), "$14"),
        (Decimal("1.75"), "$1.75"),
        (Decimal("0.6"), "$0.60"),
        (Decimal("0.039"), "$0.039"),
        (Decimal("10"), "$10"),
        (Decimal("0"), "$0"),
    ],
)
def test_price(value, text):
    assert f.price(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        (Decimal("4900"), "$4,900"),
        (Decimal("76.2"), "$76.20"),
        (Decimal("18000.004"), "$18,000"),
        (Decimal("0.005"), "$0.01"),
        (Decimal("0.004"), "< $0.01"),
        (Decimal("0"), "$0"),
        (Decimal("1234567.891"), "$1,234,567.89"),
    ],
)
def test_money(value, text):
    assert f.money(value) == text


def test_parameters():
    assert f.parameters(Decimal("4")) == "4B"
    assert f.parameters(Decimal("120")) == "120B"
    assert f.parameters(Decimal("1760"), "8x222B MoE", estimated=True) == "1.76T (8x222B MoE)*"
    assert f.parameters(Decimal("0.5")) == "500M"
    assert f.parameters(None) == "—"


def test_dates_and_lists():
    assert f.year_month(date(2025, 8, 1)) == "2025-08"
    assert f.iso_date(None) == "—"
    assert f.join_list([]) == ""
    assert f.join_list(["Coding"]) == "Coding"
    assert f.join_list(["Coding", "Vision"]) == "Coding and Vision"
    assert f.join_list(["Coding", "Agents", "Vision"]) == "Coding, Agents, and Vision"
    assert f.plural(1, "route") == "1 route" and f.plural(0, "route") == "0 routes"
    assert f.token_volume(800_000_000) == "800M" and f.token_volume(1_500_000_000) == "1.5B"
