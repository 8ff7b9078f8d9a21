"""Editors create comparison pages in the admin from two model choosers."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from comparisons.blocks import default_sections
from comparisons.models import ComparisonPage
from tests.admin_forms import DEFAULT_ORDER, add_url, comparison_form

pytestmark = pytest.mark.django_db


def test_new_page_starts_with_the_seed_section_order(admin_client_logged_in):
    assert [name for name, _ in default_sections()] == DEFAULT_ORDER
    response = admin_client_logged_in.get(add_url())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    stream_value, *_ = json.loads(soup.find(id="sections")["data-w-block-arguments-value"])
    assert [block["type"] for block in stream_value] == DEFAULT_ORDER


def test_editor_creates_a_comparison_from_two_models(admin_client_logged_in):
    data = comparison_form(
        "gpt-5-1-codex",
        "codex-1",
        verdict="<p>Pick GPT-5.1 Codex for tool-heavy agents.</p>",
        faq=[("Which one has function calling?", "<p>GPT-5.1 Codex.</p>")],
    )
    data["action-publish"] = "publish"
    response = admin_client_logged_in.post(add_url(), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ComparisonPage.objects.get(slug="gpt-5-1-codex-vs-codex-1")
    assert page.title == "GPT-5.1 Codex vs Codex 1"
    assert [b.block_type for b in page.sections] == DEFAULT_ORDER

    soup = BeautifulSoup(
        admin_client_logged_in.get("/compare/gpt-5-1-codex-vs-codex-1/").content, "html.parser"
    )
    assert "Pick GPT-5.1 Codex for tool-heavy agents." in soup.find(id="verdict").get_text()
    assert soup.select_one("#faq .faq-question").get_text() == "Which one has function calling?"
    # Generated sections render from the data: $3,500 for GPT-5.1 Codex at the default traffic.
    assert "$3,500" in soup.find(id="monthly-cost").get_text()
    assert soup.find(id="last-reviewed").get_text(" ", strip=True).startswith("Not yet reviewed")


def test_a_model_compared_with_itself_is_refused(admin_client_logged_in):
    response = admin_client_logged_in.post(add_url(), comparison_form("codex-1", "codex-1"))
    assert response.status_code == 200
    assert "a model cannot be compared with itself" in response.content.decode()
    assert not ComparisonPage.objects.filter(
        model_a__slug="codex-1", model_b__slug="codex-1"
    ).exists()


@pytest.mark.parametrize(
    ("a", "b"), [("gpt-5-2-codex", "qwen3-5-4b"), ("qwen3-5-4b", "gpt-5-2-codex")]
)
def test_a_second_page_for_the_same_pair_is_refused(admin_client_logged_in, a, b):
    before = ComparisonPage.objects.count()
    response = admin_client_logged_in.post(add_url(), comparison_form(a, b))
    assert response.status_code == 200
    assert "A comparison of these two models already exists" in response.content.decode()
    assert ComparisonPage.objects.count() == before


def test_preview_shows_generated_sections(admin_client_logged_in):
    page = ComparisonPage.objects.get(slug="gpt-oss-120b-vs-qwen3-5-4b")
    data = comparison_form("gpt-oss-120b", "qwen3-5-4b", verdict="<p>Draft verdict in preview.</p>")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    assert admin_client_logged_in.post(url, data).json()["is_valid"]
    soup = BeautifulSoup(admin_client_logged_in.get(url).content, "html.parser")
    assert "Draft verdict in preview." in soup.find(id="verdict").get_text()
    assert "$76.20" in soup.find(id="monthly-cost").get_text()
    assert soup.find(id="scorecard").find("table") is not None
    # The published page is unchanged.
    live = BeautifulSoup(admin_client_logged_in.get(page.url).content, "html.parser")
    assert "Draft verdict in preview." not in live.get_text()


def test_editor_sees_generated_drafts(admin_client_logged_in):
    page = ComparisonPage.objects.get(slug="codex-1-vs-qwen3-5-4b")
    response = admin_client_logged_in.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    soup = BeautifulSoup(response.content, "html.parser")
    drafts = soup.select_one(".generated-drafts").get_text(" ", strip=True)
    assert (
        "Treat this as a product-type comparison: Codex 1 is a coding-specialized model" in drafts
    )
    assert "Which has a larger context window, Codex 1 or Qwen3.5-4B?" in drafts


def test_editor_text_is_escaped_or_sanitised(admin_client_logged_in):
    data = comparison_form(
        "gpt-5-1-codex",
        "codex-1",
        verdict='<p>Fine <script>alert("x")</script><a href="javascript:alert(1)">link</a></p>',
        faq=[('<img src=x onerror="alert(1)">?', "<p>Answer</p>")],
    )
    data["action-publish"] = "publish"
    assert admin_client_logged_in.post(add_url(), data).status_code == 302
    body = admin_client_logged_in.get("/compare/gpt-5-1-codex-vs-codex-1/").content.decode()
    assert "<script>alert" not in body and "javascript:alert" not in body
    assert "<img src=x onerror" not in body and "&lt;img src=x" in body
