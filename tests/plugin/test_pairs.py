"""Compare any two models: the picker's redirects, on-the-fly comparisons, canonical URLs
(the picker form and its name resolution: test_picker.py)."""

import pytest
from bs4 import BeautifulSoup

from comparisons.models import ModelPage
from tests.helpers import row_table, section, text_of

pytestmark = pytest.mark.django_db


def test_picker_goes_to_the_editorial_page_in_either_order(client):
    for a, b in (("gpt-5-2-codex", "qwen3-5-4b"), ("qwen3-5-4b", "gpt-5-2-codex")):
        response = client.get("/compare/", {"a": a, "b": b})
        assert response.status_code == 302
        assert response["Location"] == "/compare/gpt-5-2-codex-vs-qwen3-5-4b/"


def test_picker_goes_to_the_canonical_on_the_fly_url(client):
    for a, b in (("gpt-oss-120b", "codex-1"), ("codex-1", "gpt-oss-120b")):
        response = client.get("/compare/", {"a": a, "b": b})
        assert response["Location"] == "/compare/codex-1-vs-gpt-oss-120b/"


def test_other_order_redirects_permanently_to_the_canonical_url(client):
    response = client.get("/compare/gpt-oss-120b-vs-codex-1/")
    assert response.status_code == 301
    assert response["Location"] == "/compare/codex-1-vs-gpt-oss-120b/"


def test_on_the_fly_comparison_uses_the_same_engine_and_is_marked(client):
    response = client.get("/compare/gpt-5-1-codex-vs-gpt-5-2-codex/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("link", rel="canonical")["href"].endswith(
        "/compare/gpt-5-1-codex-vs-gpt-5-2-codex/"
    )
    assert "not yet been reviewed by an editor" in text_of(soup.select_one(".on-the-fly"))
    cards = {
        text_of(c.find("h3")): text_of(c.select_one(".cost-figure"))
        for c in soup.select(".cost-card")
    }
    assert cards == {"GPT-5.1 Codex": "$3,500", "GPT-5.2 Codex": "$4,900"}
    assert "GPT-5.1 Codex costs $1,400 less a month than GPT-5.2 Codex" in text_of(
        section(soup, "monthly-cost")
    )
    friction = text_of(section(soup, "switch-friction"))
    assert "Vercel AI Gateway serves both GPT-5.1 Codex and GPT-5.2 Codex" in friction
    assert row_table(section(soup, "specs"))["Released"] == ["2025-12-01", "2025-12-18"]
    assert "not reviewed by an editor" in text_of(soup.find(id="last-reviewed"))


def test_model_against_itself_explains_why_not(client):
    for response in (
        client.get("/compare/codex-1-vs-codex-1/"),
        client.get("/compare/", {"a": "codex-1", "b": "codex-1"}),
    ):
        assert response.status_code == 400
        assert "A comparison needs two models" in response.content.decode()


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
