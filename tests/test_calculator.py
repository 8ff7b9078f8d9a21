"""The cost calculator: readers' own traffic from query parameters."""

import pytest

from comparisons.calculator import parse_calculator, parse_token_count
from comparisons.engine.values import TrafficFacts
from tests.helpers import section, text_of

DEFAULT = TrafficFacts(
    name="Production traffic", monthly_input_tokens=800_000_000, monthly_output_tokens=250_000_000
)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("800M", 800_000_000),
        ("1,500,000", 1_500_000),
        ("2.5B", 2_500_000_000),
        ("0", 0),
        ("12k", 12_000),
        ("1_000", 1000),
    ],
)
def test_token_counts(text, count):
    assert parse_token_count(text) == count


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"input_tokens": "-1", "output_tokens": "5"}, "Monthly input tokens: “-1” is negative"),
        (
            {"input_tokens": "abc", "output_tokens": "5"},
            "Monthly input tokens: “abc” is not a number of tokens",
        ),
        (
            {"input_tokens": "5", "output_tokens": "1e30"},
            "Monthly output tokens: “1e30” is not a number",
        ),
        ({"input_tokens": "1" + "0" * 30, "output_tokens": "5"}, "is more than the 1,000T tokens"),
        ({"input_tokens": "1.5", "output_tokens": "5"}, "is not a number of tokens"),
        ({"input_tokens": "0", "output_tokens": "0"}, "every model costs $0"),
        ({"input_tokens": "NaN", "output_tokens": "Infinity"}, "is not a number of tokens"),
    ],
)
def test_bad_input_is_explained(params, message):
    result = parse_calculator(params, DEFAULT)
    assert result.traffic is None
    assert any(message in error for error in result.errors), result.errors


def test_missing_value_falls_back_to_the_default():
    result = parse_calculator({"input_tokens": "1M"}, DEFAULT)
    assert (result.traffic.monthly_input_tokens, result.traffic.monthly_output_tokens) == (
        1_000_000,
        250_000_000,
    )
    assert parse_calculator({}, DEFAULT).traffic is None


@pytest.mark.django_db
def test_calculator_reprices_the_page(soup_of):
    soup = soup_of("/compare/gpt-5-1-codex-vs-gpt-5-2-codex/?input_tokens=10M&output_tokens=2M")
    cost = section(soup, "monthly-cost")
    figures = [text_of(f) for f in cost.select(".cost-figure")]
    # 10M x $1.25 + 2M x $10 = $32.50; 10M x $1.75 + 2M x $14 = $45.50
    assert figures == ["$32.50", "$45.50"]
    assert "GPT-5.1 Codex costs $13 less a month than GPT-5.2 Codex" in text_of(cost)
    assert "10M input and 2M output tokens a month (your traffic)" in text_of(cost)
    assert cost.find("input", attrs={"name": "input_tokens"})["value"] == "10M"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?input_tokens=-5", "?input_tokens=abc&output_tokens=", "?output_tokens=" + "9" * 40]
)
def test_absurd_input_gets_a_message_never_a_500(client, query):
    response = client.get("/compare/gpt-oss-120b-vs-qwen3-5-4b/" + query)
    assert response.status_code == 200
    from bs4 import BeautifulSoup

    cost = BeautifulSoup(response.content, "html.parser").find(id="monthly-cost")
    assert cost.find(attrs={"role": "alert"}) is not None
    assert text_of(cost.select_one(".cost-figure")) == "$76.20"  # the default traffic still shown
