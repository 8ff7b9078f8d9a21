"""Each seed model's page shows the seed's facts (read back from the rendered HTML)."""

import pytest

from tests.helpers import row_table, section, text_of
from tests.seed_facts import MODELS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", sorted(MODELS))
def test_model_page_shows_seed_facts(soup_of, slug):
    expected = MODELS[slug]
    soup = soup_of(f"/models/{slug}/")

    assert text_of(soup.find("h1")) == expected["name"]

    specs = row_table(section(soup, "specs"))
    assert specs["Released"] == [expected["released"]]
    assert specs["Context window"] == [expected["context"]]
    assert specs["Parameters"] == [expected["parameters"]]
    assert specs["Architecture"] == [expected["architecture"]]
    assert specs["License"] == [expected["licence"]]
    assert specs["Openness"] == [expected["openness"]]
    assert specs["Commercial use"] == [expected["commercial_use"]]
    assert specs["Knowledge cutoff"] == [expected["knowledge_cutoff"]]

    identity = text_of(soup.find(id="identity"))
    assert f"Lab {expected['lab']}" in identity
    assert f"Product type {expected['product_type']}" in identity
    assert f"Best for {expected['best_for']}" in identity

    tags = [text_of(li) for li in section(soup, "decision-tags").select("li")]
    assert tags == expected["tags"]

    capabilities = row_table(section(soup, "capabilities"))
    assert {name: cells[0] for name, cells in capabilities.items()} == expected["capabilities"]


@pytest.mark.parametrize("slug", sorted(MODELS))
def test_model_page_routes_and_cheapest(soup_of, slug):
    expected = MODELS[slug]
    pricing = section(soup_of(f"/models/{slug}/"), "pricing")
    rows = {}
    for tr in pricing.select("tbody tr"):
        provider = tr.find("th")
        # The provider cell also holds badges; the provider's name is its first text.
        name = next(provider.stripped_strings)
        rows[name] = (tr, [text_of(td) for td in tr.find_all("td")])
    assert list(rows) == list(expected["routes"])
    for provider, prices in expected["routes"].items():
        if prices is not None:
            assert tuple(rows[provider][1][:2]) == prices
    cheapest = [name for name, (tr, _) in rows.items() if "Cheapest" in text_of(tr.find("th"))]
    assert cheapest == ([expected["cheapest"]] if expected["cheapest"] else [])
    if not expected["routes"]:
        assert "No provider route is tracked" in text_of(pricing)


def test_route_without_public_price_is_not_sourced(soup_of):
    """NVIDIA NIM lists gpt-oss-120b at 0/0 in the catalogue: shown as unknown, never $0."""
    pricing = section(soup_of("/models/gpt-oss-120b/"), "pricing")
    nim = next(tr for tr in pricing.select("tbody tr") if "NVIDIA NIM" in text_of(tr))
    cells = [text_of(td) for td in nim.find_all("td")]
    assert cells[0] == "—" and cells[1] == "—"
    assert "$0" not in text_of(nim)


def test_monthly_cost_per_route_uses_the_traffic_profile(soup_of):
    pricing = section(soup_of("/models/gpt-oss-120b/"), "pricing")
    openrouter = next(tr for tr in pricing.select("tbody tr") if "OpenRouter" in text_of(tr))
    assert "$76.20" in text_of(openrouter)
    assert "800M input and 250M output tokens" in text_of(pricing)


def test_estimated_parameter_count_has_a_footnote(soup_of):
    specs = section(soup_of("/models/gpt-4-vision-preview/"), "specs")
    assert "Estimated parameter count" in text_of(specs)


def test_benchmark_scores_render_with_source(soup_of):
    benchmarks = section(soup_of("/models/gpt-5-2-codex/"), "benchmarks")
    rows = row_table(benchmarks)
    assert rows["SWE-Bench Pro"][0] == "41.04%"
    assert benchmarks.find("a", href="https://labs.scale.com/leaderboard/swe_bench_pro_public")


def test_models_index_lists_every_published_model(soup_of):
    soup = soup_of("/models/")
    names = [text_of(a) for a in soup.select("main table tbody th a")]
    assert sorted(names) == sorted(m["name"] for m in MODELS.values())


def test_unpublished_model_page_is_not_served(client):
    from comparisons.models import ModelPage

    page = ModelPage.objects.get(slug="codex-1")
    page.unpublish()
    assert client.get("/models/codex-1/").status_code == 404
    assert "Codex 1" not in client.get("/models/").content.decode()


def test_site_layout_has_landmarks_and_skip_link(soup_of):
    soup = soup_of("/models/qwen3-5-4b/")
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    assert soup.find("header") and soup.find("footer") and soup.find("main", id="main")
    assert soup.find("nav", attrs={"aria-label": "Main"})
