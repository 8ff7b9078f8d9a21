"""Any-pair pages in this site's own chrome: its base template marks them noindex with
their canonical address, its 404 page says which model is unknown, and its sitemap leaves
them out (the pair mechanism itself: tests/plugin/test_pairs.py)."""

import pytest
from bs4 import BeautifulSoup

from comparisons.models import ModelPage

pytestmark = pytest.mark.django_db


def test_on_the_fly_pages_are_noindex_with_their_canonical_address(client):
    response = client.get("/compare/gpt-5-1-codex-vs-gpt-5-2-codex/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("link", rel="canonical")["href"].endswith(
        "/compare/gpt-5-1-codex-vs-gpt-5-2-codex/"
    )


def test_unknown_or_unpublished_slugs_give_a_helpful_404(client):
    response = client.get("/compare/codex-1-vs-no-such-model/")
    assert response.status_code == 404
    assert "There is no published model “no-such-model”" in response.content.decode()
    ModelPage.objects.get(slug="gpt-oss-120b").unpublish()
    response = client.get("/compare/", {"a": "codex-1", "b": "gpt-oss-120b"})
    assert response.status_code == 404
    assert "“gpt-oss-120b”" in response.content.decode()


def test_on_the_fly_pages_are_not_in_the_sitemap(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "/compare/gpt-5-2-codex-vs-qwen3-5-4b/" in body
    assert "codex-1-vs-gpt-oss-120b" not in body
