"""Site search over models, comparisons, providers and labs."""

import pytest

from comparisons.models import ModelPage
from tests.helpers import text_of

pytestmark = pytest.mark.django_db


def results(soup_of, query):
    soup = soup_of(f"/search/?q={query}")
    return {
        text_of(s.find("h2")): [text_of(a) for a in s.select("li > a")]
        for s in soup.select(".search-results")
    }


def test_search_finds_models_and_comparisons(soup_of):
    found = results(soup_of, "codex")
    assert found["Models"] == ["Codex 1", "GPT-5.1 Codex", "GPT-5.2 Codex"]
    assert "Codex 1 vs Qwen3.5-4B" in found["Comparisons"]


def test_search_finds_providers_labs_and_prefixes(soup_of):
    assert results(soup_of, "vercel")["Providers"] == ["Vercel AI Gateway"]
    assert results(soup_of, "alibaba")["Labs"] == ["Alibaba"]
    assert "Qwen3.5-4B" in results(soup_of, "qwe")["Models"]


def test_unpublished_pages_are_not_found(soup_of):
    ModelPage.objects.get(slug="gpt-oss-120b").unpublish()
    found = results(soup_of, "gpt-oss")
    assert "gpt-oss-120b" not in found.get("Models", [])
    assert not found.get("Comparisons")


def test_empty_and_odd_queries(soup_of):
    assert results(soup_of, "") == {}
    soup = soup_of("/search/?q=" + "x" * 500)
    assert "0 results" in text_of(soup.find(role="status"))
    assert "Nothing matched" in text_of(soup.find("main"))
    soup_of("/search/?q=%22%3Cscript%3E')(*&")  # quotes and markup are just text


def test_a_long_list_says_there_are_more(soup_of):
    from comparisons.importers.catalogue.run import import_catalogue_bytes
    from tests.catalogue_data import provider, record, snapshot

    rows = [record(f"widget-{i}", f"Widget {i}") for i in range(25)]
    import_catalogue_bytes(snapshot(provider("acme", *rows)), source="t.json")
    soup = soup_of("/search/?q=widget")
    assert text_of(soup.find(role="status")).startswith("More than 20 results")
    models = soup.find("h2", string="Models").find_parent("section")
    assert len(models.select("li")) == 20
    assert "Showing the best 20 matches" in text_of(models.select_one(".search-more"))
    few = soup_of("/search/?q=vercel")
    assert few.select_one(".search-more") is None


def test_reference_data_saved_as_a_draft_is_not_found(admin_client_logged_in, client):
    from bs4 import BeautifulSoup
    from django.urls import reverse

    from comparisons.models import Lab, Provider

    # Saved, not published: the rows exist with live False until review publishes them.
    for model, name, extra in (
        ("provider", "Zephyr Cloud", {"kind": "inference", "docs_url": ""}),
        ("lab", "Zephyr Labs", {}),
    ):
        response = admin_client_logged_in.post(
            reverse(f"wagtailsnippets_comparisons_{model}:add"),
            {
                "name": name,
                "slug": name.lower().replace(" ", "-"),
                "website": "",
                "description": "",
                **extra,
            },
        )
        assert response.status_code == 302
    assert not Provider.objects.get(slug="zephyr-cloud").live
    assert not Lab.objects.get(slug="zephyr-labs").live

    soup = BeautifulSoup(client.get("/search/?q=zephyr").content, "html.parser")
    assert "Zephyr" not in text_of(soup.find("main"))
    assert client.get("/providers/zephyr-cloud/").status_code == 404
