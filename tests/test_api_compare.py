"""GET /api/v1/compare/{a}/{b}: the engine's output for a pair, traffic overrides, errors
naming the parameter, and the editorial page's staleness."""

from __future__ import annotations

from decimal import Decimal

import pytest

from comparisons.models import (
    Capability,
)
from tests.api_helpers import by_slug, get_json, publish_price_change

pytestmark = pytest.mark.django_db


# --- /compare/{a}/{b} ---------------------------------------------------------------------------


def test_compare_costs_sections_and_editorial(client):
    data = get_json(client, "/api/v1/compare/gpt-oss-120b/qwen3-5-4b")
    assert data["a"]["slug"] == "gpt-oss-120b" and data["b"]["slug"] == "qwen3-5-4b"
    assert len(data["a"]["routes"]) == 7
    assert data["traffic"] == {
        "name": "Production traffic",
        "slug": "production-800m-250m",
        "monthly_input_tokens": 800_000_000,
        "monthly_output_tokens": 250_000_000,
        "requests": None,
        "cached_percent": "0",
        "source": "site_default",
    }
    cost = data["monthly_cost"]
    # 0.039 * 800 + 0.18 * 250 = 76.20 on OpenRouter, the cheapest of seven routes.
    assert Decimal(cost["a"]["amount"]) == Decimal("76.20")
    assert cost["a"]["display"] == "$76.20"
    assert cost["a"]["route"]["provider_slug"] == "openrouter"
    assert cost["a"]["reason"] is None
    assert cost["b"]["amount"] is None and cost["b"]["route"] is None
    assert cost["b"]["reason"] == "No provider route is tracked for this model yet."
    assert cost["delta"] is None and cost["cheaper"] is None
    assert cost["delta_sentence"].startswith("Cost delta unavailable")

    capabilities = by_slug(data["capabilities"])
    assert len(capabilities) == Capability.objects.count()
    assert (capabilities["vision"]["a"], capabilities["vision"]["b"]) == (False, True)
    assert (capabilities["tool-use"]["a"], capabilities["tool-use"]["b"]) == (True, False)
    assert capabilities["ide-integration"]["a"] is None

    assert any("uniquely exposes Function calling" in p for p in data["tradeoffs"]["a"])
    assert any("uniquely exposes Vision and Multimodal" in p for p in data["tradeoffs"]["b"])
    assert data["switch_friction"]["a_to_b"][0].startswith("No tracked provider route serves both")
    assert "Qwen3.5-4B adds Vision and Multimodal." in data["switch_friction"]["a_to_b"]
    assert any(p.startswith("gpt-oss-120b adds") for p in data["switch_friction"]["b_to_a"])

    scorecard = {row["label"]: (row["a"], row["b"]) for row in data["scorecard"]}
    assert scorecard["Context window"] == ("131K", "262K")
    assert scorecard["Cheapest route"] == (
        "OpenRouter: $0.039 input, $0.18 output per 1M tokens",
        None,
    )
    assert scorecard["Provider routes"] == ("7 tracked", "0 tracked")

    assert data["editorial"] == {
        "title": "gpt-oss-120b vs Qwen3.5-4B",
        "url": "/compare/gpt-oss-120b-vs-qwen3-5-4b/",
        "last_reviewed": "2026-05-14",
        "stale": False,
    }


def test_compare_in_reverse_order_finds_the_same_editorial_page(client):
    data = get_json(client, "/api/v1/compare/qwen3-5-4b/gpt-oss-120b")
    assert data["a"]["slug"] == "qwen3-5-4b"
    assert data["monthly_cost"]["b"]["amount"] == "76.2"
    assert data["editorial"]["url"] == "/compare/gpt-oss-120b-vs-qwen3-5-4b/"
    assert data["editorial"]["stale"] is False


def test_compare_with_both_costs_gives_the_delta(client):
    data = get_json(client, "/api/v1/compare/gpt-oss-120b/gpt-5-1-codex")
    cost = data["monthly_cost"]
    # 3500 (GPT-5.1 Codex on Vercel) - 76.2 (gpt-oss-120b on OpenRouter).
    assert cost["delta"] == "3423.8"
    assert cost["cheaper"] == "gpt-oss-120b"
    assert cost["delta_sentence"] == (
        "gpt-oss-120b costs $3,423.80 less a month than GPT-5.1 Codex at this traffic."
    )
    # No editorial page for this pair.
    assert data["editorial"] is None


def test_compare_traffic_override(client):
    data = get_json(
        client, "/api/v1/compare/gpt-oss-120b/qwen3-5-4b?input_tokens=1000000&output_tokens=1000000"
    )
    assert data["traffic"]["source"] == "custom"
    assert data["traffic"]["monthly_input_tokens"] == 1_000_000
    # 0.039 + 0.18 per million each.
    assert data["monthly_cost"]["a"]["amount"] == "0.219"
    assert data["a"]["cheapest_route"]["monthly_cost"] == "0.219"
    # Staleness is judged on the page's own facts, not on the reader's traffic.
    assert data["editorial"]["stale"] is False
    # A count left out keeps the site profile's: 0 input, 250M output -> 0.18 * 250 = 45.
    only_input = get_json(client, "/api/v1/compare/gpt-oss-120b/qwen3-5-4b?input_tokens=0")
    assert only_input["traffic"]["monthly_output_tokens"] == 250_000_000
    assert only_input["monthly_cost"]["a"]["amount"] == "45"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("input_tokens=-1", "input_tokens"),
        ("input_tokens=abc", "input_tokens"),
        (f"input_tokens={10**30}", "input_tokens"),
        (f"output_tokens={10**15 + 1}", "output_tokens"),
        ("output_tokens=1.5", "output_tokens"),
        ("input_tokens=0&output_tokens=0", "input_tokens and output_tokens"),
    ],
)
def test_compare_bad_traffic_answers_400_naming_the_parameter(client, query, parameter):
    data = get_json(client, f"/api/v1/compare/gpt-oss-120b/qwen3-5-4b?{query}", status=400)
    assert set(data) == {"detail"}
    assert parameter in data["detail"]


def test_compare_accepts_the_largest_traffic(client):
    data = get_json(client, f"/api/v1/compare/gpt-oss-120b/qwen3-5-4b?input_tokens={10**15}")
    assert data["traffic"]["monthly_input_tokens"] == 10**15


def test_compare_a_model_with_itself_is_refused(client):
    data = get_json(client, "/api/v1/compare/gpt-oss-120b/gpt-oss-120b", status=400)
    assert data == {"detail": "A model cannot be compared with itself."}


def test_compare_unknown_model_is_a_json_404(client):
    data = get_json(client, "/api/v1/compare/gpt-oss-120b/nope", status=404)
    assert data == {"detail": "No published model with slug 'nope'."}
    data = get_json(client, "/api/v1/compare/nope/gpt-oss-120b", status=404)
    assert "'nope'" in data["detail"]


def test_editorial_goes_stale_when_a_published_price_changes(client):
    publish_price_change("gpt-oss-120b", "openrouter", "0.05")
    data = get_json(client, "/api/v1/compare/gpt-oss-120b/qwen3-5-4b")
    assert data["editorial"]["stale"] is True
    assert data["editorial"]["last_reviewed"] == "2026-05-14"
    # The tables show current data: 0.05 * 800 + 0.18 * 250 = 85.
    assert data["monthly_cost"]["a"]["amount"] == "85"
    # Other pairs are untouched.
    other = get_json(client, "/api/v1/compare/gpt-5-1-codex/qwen3-5-4b")
    assert other["editorial"]["stale"] is False
