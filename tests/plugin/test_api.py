"""The JSON API as the README's urls block mounts it (/api/v1/), on a site with nothing but
what the factories make (the full API on the demo data: tests/test_api*.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.api_helpers import by_slug, get_json, slugs
from tests.plugin.factories import (
    ComparisonPageFactory,
    LabFactory,
    ModelPageFactory,
    ProviderFactory,
    TrafficProfileFactory,
    default_traffic,
    route,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def models():
    default_traffic(TrafficProfileFactory(name="Steady", slug="steady"))
    cloud = ProviderFactory(name="Example Cloud")
    lab = LabFactory(name="Example Lab")
    alpha = ModelPageFactory(title="Alpha One", lab=lab, routes=[route(cloud, "0.5", "1.5")])
    beta = ModelPageFactory(title="Beta Two", lab=lab, routes=[route(cloud, "2", "8")])
    ModelPageFactory(title="Alpha Draft", routes=[route(cloud, "1", "1")], publish=False)
    return alpha, beta


def test_models_list_has_the_published_models_only(client, models):
    assert sorted(slugs(get_json(client, "/api/v1/models"))) == ["alpha-one", "beta-two"]


def test_model_detail_costs_the_cheapest_route_at_the_sites_traffic(client, models):
    data = get_json(client, "/api/v1/models/alpha-one")
    assert data["name"] == "Alpha One" and data["url"] == "/models/alpha-one/"
    assert data["lab"] == {"slug": "example-lab", "name": "Example Lab"}
    (only,) = data["routes"]
    assert only["provider_slug"] == "example-cloud" and only["input_price"] == "0.5"
    # 1,000M input and 500M output tokens: 0.5 * 1000 + 1.5 * 500.
    assert data["traffic"]["slug"] == "steady" and data["traffic"]["source"] == "site_default"
    assert data["cheapest_route"]["monthly_cost_display"] == "$1,250"


def test_compare_gives_both_costs_the_delta_and_the_editorial_page(client, models):
    ComparisonPageFactory(model_a=models[0], model_b=models[1])
    data = get_json(client, "/api/v1/compare/beta-two/alpha-one")
    cost = data["monthly_cost"]
    assert Decimal(cost["a"]["amount"]) == Decimal("6000")  # 2 * 1000 + 8 * 500
    assert Decimal(cost["b"]["amount"]) == Decimal("1250")
    assert data["editorial"]["url"] == "/compare/alpha-one-vs-beta-two/"


def test_suggest_finds_published_models_only(client, models):
    data = get_json(client, "/api/v1/models/suggest?q=alpha")
    assert [r["slug"] for r in data["results"]] == ["alpha-one"]


def test_providers_list_counts_their_models(client, models):
    providers = by_slug(get_json(client, "/api/v1/providers"))
    assert set(providers) == {"example-cloud"}
    assert providers["example-cloud"]["model_count"] == 2  # the draft is not counted


def test_unknown_model_and_self_comparison_are_json_errors(client, models):
    get_json(client, "/api/v1/models/no-such-model", status=404)
    get_json(client, "/api/v1/compare/alpha-one/alpha-one", status=400)
