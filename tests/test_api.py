"""The read-only JSON API under /api/v1/: the models list, the type-ahead, model and provider
details, JSON errors naming the parameter, the schema, and query counts that do not grow
with data. Comparisons: test_api_compare.py; published data only: test_api_published.py."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comparisons.models import (
    Capability,
    ModelPage,
    Provider,
)
from tests.api_helpers import DEMO_MODELS, by_slug, get_json, new_model, slugs

pytestmark = pytest.mark.django_db


# --- /models --------------------------------------------------------------------------------


def test_models_list_covers_every_published_model(client):
    data = get_json(client, "/api/v1/models")
    assert data["count"] == 6 and data["page"] == 1 and data["pages"] == 1
    assert data["page_size"] == 50 and data["errors"] == []
    assert set(slugs(data)) == DEMO_MODELS
    # Default sort: by name, case-insensitively.
    names = [row["name"] for row in data["results"]]
    assert names == sorted(names, key=str.lower)


def test_models_filtered_by_provider(client):
    data = get_json(client, "/api/v1/models?provider=openrouter")
    assert data["count"] == 1
    (row,) = data["results"]
    assert row == {
        "slug": "gpt-oss-120b",
        "name": "gpt-oss-120b",
        "url": "/models/gpt-oss-120b/",
        "lab": {"slug": "openai", "name": "OpenAI"},
        "release_date": "2025-08-05",
        "context_window": 131072,
        "cheapest_route": "OpenRouter",
        "cheapest_input": "0.039",
        "cheapest_output": "0.18",
        "provider_count": 7,
        "licence": "Open Source",
        "openness": "open_source",
        "lifecycle": {
            "status": "current",
            "no_longer_listed_since": None,
            "label": "Current",
            "notes": [],
        },
    }


def test_models_sorted_by_output_price_descending(client):
    data = get_json(client, "/api/v1/models?sort=-output")
    assert slugs(data)[:4] == [
        "gpt-4-vision-preview",
        "gpt-5-2-codex",
        "gpt-5-1-codex",
        "gpt-oss-120b",
    ]
    assert [row["cheapest_output"] for row in data["results"]] == [
        "40",
        "14",
        "10",
        "0.18",
        None,
        None,
    ]
    ascending = get_json(client, "/api/v1/models?sort=output")
    # Models without a price come last either way.
    assert slugs(ascending)[:4] == [
        "gpt-oss-120b",
        "gpt-5-1-codex",
        "gpt-5-2-codex",
        "gpt-4-vision-preview",
    ]


def test_models_filtered_by_capability_openness_lab_and_tag(client):
    vision = get_json(client, "/api/v1/models?capability=vision")
    assert set(slugs(vision)) == {
        "gpt-5-2-codex",
        "gpt-5-1-codex",
        "gpt-4-vision-preview",
        "qwen3-5-4b",
    }
    open_source = get_json(client, "/api/v1/models?openness=open_source")
    assert set(slugs(open_source)) == {"gpt-oss-120b", "qwen3-5-4b"}
    alibaba = get_json(client, "/api/v1/models?lab=alibaba")
    assert slugs(alibaba) == ["qwen3-5-4b"]
    rag = get_json(client, "/api/v1/models?tag=rag&sort=name")
    assert slugs(rag) == ["gpt-5-1-codex", "gpt-oss-120b"]
    both = get_json(client, "/api/v1/models?capability=vision&openness=open_source")
    assert slugs(both) == ["qwen3-5-4b"]


def test_models_filter_naming_nothing_known_says_so(client):
    data = get_json(client, "/api/v1/models?lab=no-such-lab")
    assert data["count"] == 0 and data["results"] == []
    assert data["errors"] == ["Unknown lab 'no-such-lab': no lab has that slug."]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("sort=bogus", "sort"),
        ("sort=-bogus", "sort"),
        ("openness=closed", "openness"),
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=2", "page"),  # past the last page
    ],
)
def test_models_bad_parameters_answer_400_naming_them(client, query, parameter):
    data = get_json(client, f"/api/v1/models?{query}", status=400)
    assert set(data) == {"detail"}
    assert parameter in data["detail"]


# --- /models/suggest (the picker's type-ahead) ------------------------------------------------


def suggested(client, query: str) -> list[str]:
    return slugs(get_json(client, f"/api/v1/models/suggest?{query}"))


def test_suggest_finds_published_models_by_part_of_the_name(client):
    data = get_json(client, "/api/v1/models/suggest?q=codex")
    assert data == {
        "query": "codex",
        "results": [
            {"slug": "codex-1", "title": "Codex 1", "lab": {"slug": "openai", "name": "OpenAI"}},
            {
                "slug": "gpt-5-1-codex",
                "title": "GPT-5.1 Codex",
                "lab": {"slug": "openai", "name": "OpenAI"},
            },
            {
                "slug": "gpt-5-2-codex",
                "title": "GPT-5.2 Codex",
                "lab": {"slug": "openai", "name": "OpenAI"},
            },
        ],
        "more": False,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=QWEN", ["qwen3-5-4b"]),  # any case
        ("q=gpt%205", ["gpt-5-1-codex", "gpt-5-2-codex"]),  # every word
        ("q=codex%20gpt%205.2", ["gpt-5-2-codex"]),  # in any order
        ("q=gpt-oss", ["gpt-oss-120b"]),
        ("q=5-4b", ["qwen3-5-4b"]),  # part of a slug
        ("q=%20%20vision%20%20preview%20", ["gpt-4-vision-preview"]),
        ("q=claude", []),
    ],
)
def test_suggest_matches_every_word_in_title_or_slug(client, query, expected):
    assert suggested(client, query) == expected


def test_suggest_ranks_exact_then_starting_matches_first(client):
    assert suggested(client, "q=gpt") == [
        "gpt-4-vision-preview",
        "gpt-5-1-codex",
        "gpt-5-2-codex",
        "gpt-oss-120b",
    ]
    new_model("codex", routes=1)  # titled "Model codex", but its slug is exactly "codex"
    assert suggested(client, "q=codex") == ["codex", "codex-1", "gpt-5-1-codex", "gpt-5-2-codex"]
    new_model("codex-zero", routes=1)  # "Model codex-zero": its slug starts with "codex"
    assert suggested(client, "q=codex") == [
        "codex",
        "codex-1",
        "codex-zero",
        "gpt-5-1-codex",
        "gpt-5-2-codex",
    ]


def test_suggest_limit_and_more(client):
    data = get_json(client, "/api/v1/models/suggest?q=gpt&limit=2")
    assert slugs(data) == ["gpt-4-vision-preview", "gpt-5-1-codex"]
    assert data["more"] is True
    assert get_json(client, "/api/v1/models/suggest?q=gpt&limit=4")["more"] is False


def test_drafts_are_never_suggested(client):
    new_model("draft-codex", routes=1, publish=False)
    renamed = ModelPage.objects.get(slug="codex-1")
    renamed.title = "Codex Renamed In A Draft"
    renamed.save_revision()  # a draft: readers still see "Codex 1"
    ModelPage.objects.get(slug="gpt-5-2-codex").unpublish()
    data = get_json(client, "/api/v1/models/suggest?q=codex")
    assert slugs(data) == ["codex-1", "gpt-5-1-codex"]
    assert data["results"][0]["title"] == "Codex 1"
    assert suggested(client, "q=renamed") == []
    assert suggested(client, "q=draft") == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("", "q"),
        ("q=", "q"),
        ("q=%20%20", "q"),
        ("q=" + "x" * 101, "q"),
        ("q=gpt&limit=0", "limit"),
        ("q=gpt&limit=26", "limit"),
        ("q=gpt&limit=ten", "limit"),
    ],
)
def test_suggest_bad_parameters_answer_400_naming_them(client, query, parameter):
    data = get_json(client, f"/api/v1/models/suggest?{query}", status=400)
    assert set(data) == {"detail"}
    assert f"'{parameter}'" in data["detail"]


# --- /models/{slug} -----------------------------------------------------------------------------


def test_model_detail(client):
    data = get_json(client, "/api/v1/models/gpt-5-1-codex")
    assert data["slug"] == "gpt-5-1-codex" and data["name"] == "GPT-5.1 Codex"
    assert data["url"] == "/models/gpt-5-1-codex/"
    assert data["lab"] == {"slug": "openai", "name": "OpenAI"}
    assert data["context_window"] == 400000
    assert data["licence"] == {
        "name": "Proprietary",
        "openness": "proprietary",
        "openness_label": "Proprietary",
        "commercial_use": "Commercial use with conditions",
        "osi_approved": False,
    }
    assert [t["slug"] for t in data["tags"]] == ["coding", "rag", "agents"]
    (route,) = data["routes"]
    assert route["provider_slug"] == "vercel-ai-gateway"
    assert route["provider_name"] == "Vercel AI Gateway"
    assert route["input_price"] == "1.25" and route["output_price"] == "10"
    assert route["cached_input_price"] is None and route["context_limit"] is None
    assert route["source_url"] == "https://vercel.com/ai-gateway/models"
    assert route["checked_on"] == "2026-05-22"
    capabilities = {c["name"]: c["supported"] for c in data["capabilities"]}
    assert len(capabilities) == Capability.objects.count()
    assert capabilities["Vision"] is True
    assert capabilities["Reasoning"] is False
    # Site default traffic (800M input, 250M output): 1.25 * 800 + 10 * 250 = 3500.
    assert data["traffic"]["slug"] == "production-800m-250m"
    assert data["traffic"]["source"] == "site_default"
    assert data["cheapest_route"]["provider_slug"] == "vercel-ai-gateway"
    assert data["cheapest_route"]["monthly_cost"] == "3500"
    assert data["cheapest_route"]["monthly_cost_display"] == "$3,500"


def test_model_detail_unsourced_capability_is_null(client):
    data = get_json(client, "/api/v1/models/gpt-4-vision-preview")
    capabilities = by_slug(data["capabilities"])
    assert capabilities["ide-integration"]["supported"] is None
    assert capabilities["vision"]["supported"] is True
    assert capabilities["function-calling"]["supported"] is False


def test_model_detail_routes_scores_and_cheapest_route(client):
    data = get_json(client, "/api/v1/models/gpt-oss-120b")
    routes = by_slug(data["routes"], "provider_slug")
    assert len(routes) == 7
    assert routes["openrouter"]["input_price"] == "0.039"
    assert routes["openrouter"]["monthly_cost"] == "76.2"
    assert routes["fireworks-ai"]["cached_input_price"] == "0.015"
    # A route without prices is listed but never priced or cheapest.
    assert routes["nvidia-nim"]["input_price"] is None
    assert routes["nvidia-nim"]["publicly_priced"] is False
    assert routes["nvidia-nim"]["monthly_cost"] is None
    assert data["cheapest_route"] == {
        "key": "openrouter|openai/gpt-oss-120b|",
        "label": "OpenRouter",
        "provider_slug": "openrouter",
        "provider_name": "OpenRouter",
        "input_price": "0.039",
        "output_price": "0.18",
        "monthly_cost": "76.2",
        "monthly_cost_display": "$76.20",
    }
    assert data["parameters_billions"] == "120"
    assert data["licence"]["osi_approved"] is None
    codex = get_json(client, "/api/v1/models/gpt-5-2-codex")
    (score,) = codex["benchmark_scores"]
    assert score["benchmark_slug"] == "swe-bench-pro" and score["score"] == "41.04"


def test_model_without_routes_has_no_cheapest_route(client):
    data = get_json(client, "/api/v1/models/qwen3-5-4b")
    assert data["routes"] == [] and data["cheapest_route"] is None


def test_unknown_model_is_a_json_404(client):
    data = get_json(client, "/api/v1/models/no-such-model", status=404)
    assert data == {"detail": "No published model with slug 'no-such-model'."}


# --- /providers ---------------------------------------------------------------------------------


def test_providers_list(client):
    data = get_json(client, "/api/v1/providers")
    providers = by_slug(data)
    assert len(providers) == Provider.objects.count() == 8
    assert providers["openrouter"] == {
        "slug": "openrouter",
        "name": "OpenRouter",
        "kind": "gateway",
        "kind_label": "Gateway / router",
        "website": "https://openrouter.ai",
        "docs_url": "https://openrouter.ai/docs",
        "model_count": 1,
    }
    assert providers["vercel-ai-gateway"]["model_count"] == 3


def test_provider_detail_lists_its_models_and_prices(client):
    data = get_json(client, "/api/v1/providers/vercel-ai-gateway")
    assert data["model_count"] == 3
    models = by_slug(data["models"])
    assert set(models) == {"gpt-5-2-codex", "gpt-5-1-codex", "gpt-oss-120b"}
    assert models["gpt-5-1-codex"]["input_price"] == "1.25"
    assert models["gpt-5-1-codex"]["output_price"] == "10"
    assert models["gpt-oss-120b"]["input_price"] == "0.1"
    assert models["gpt-oss-120b"]["url"] == "/models/gpt-oss-120b/"
    openrouter = get_json(client, "/api/v1/providers/openrouter")
    (model,) = openrouter["models"]
    assert model["slug"] == "gpt-oss-120b"
    assert (model["input_price"], model["output_price"]) == ("0.039", "0.18")
    assert model["checked_on"] == "2026-05-14"


def test_unknown_provider_is_a_json_404(client):
    data = get_json(client, "/api/v1/providers/nope", status=404)
    assert data == {"detail": "No provider with slug 'nope'."}


# --- errors, methods, OpenAPI -------------------------------------------------------------------


def test_unknown_api_path_is_a_json_404(client):
    data = get_json(client, "/api/v1/nothing/here", status=404)
    assert "/api/v1/nothing/here" in data["detail"]


def test_api_is_read_only(client):
    assert client.post("/api/v1/models").status_code == 405
    assert client.delete("/api/v1/models/gpt-oss-120b").status_code == 405


def test_openapi_schema_lists_the_endpoints(client):
    schema = get_json(client, "/api/v1/openapi.json")
    assert schema["info"]["title"] == "LLM Reference API"
    assert schema["info"]["version"] == "1"
    assert set(schema["paths"]) == {
        "/api/v1/models",
        "/api/v1/models/suggest",
        "/api/v1/models/{slug}",
        "/api/v1/models/{slug}/price-history",
        "/api/v1/providers",
        "/api/v1/providers/{slug}",
        "/api/v1/compare/{a}/{b}",
    }
    assert all(set(ops) == {"get"} for ops in schema["paths"].values())
    parameters = {
        p["name"] for p in schema["paths"]["/api/v1/compare/{a}/{b}"]["get"]["parameters"]
    }
    assert parameters == {
        "a",
        "b",
        "input_tokens",
        "output_tokens",
        "requests",
        "avg_prompt_tokens",
        "avg_output_tokens",
        "cached_percent",
    }


# --- query counts -------------------------------------------------------------------------------


def queries_for(client, url: str) -> int:
    client.get(url)  # warm caches any first request fills (site root paths)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response.get("X-Cache") != "hit", url  # the query counts are the endpoint's own
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/models",
        "/api/v1/models?sort=-providers&capability=vision",
        "/api/v1/providers",
        "/api/v1/providers/azure-openai",
        "/api/v1/models/suggest?q=model",
    ],
)
@pytest.mark.usefixtures("no_page_cache")
def test_list_query_counts_do_not_grow_with_data(client, url):
    before = queries_for(client, url)
    for i in range(30):
        new_model(f"bulk-model-{i}", routes=3)
    after = queries_for(client, url)
    assert after == before
    assert before <= 12


@pytest.mark.usefixtures("no_page_cache")
def test_detail_and_compare_query_counts_do_not_grow_with_routes(client):
    small = new_model("small-model", routes=1)
    large = new_model("large-model", routes=8)
    assert queries_for(client, f"/api/v1/models/{small.slug}") == queries_for(
        client, f"/api/v1/models/{large.slug}"
    )
    assert queries_for(client, f"/api/v1/compare/{small.slug}/qwen3-5-4b") == queries_for(
        client, f"/api/v1/compare/{large.slug}/gpt-oss-120b"
    )
