"""A model page restricted to logged-in readers (Wagtail's page privacy) is treated as
unpublished: its name and facts appear on no public listing, API answer, search result,
sitemap or comparison."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from comparisons.models import ModelPage
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

SLUG, NAME = "gpt-5-1-codex", "GPT-5.1 Codex"


def sightings(client: Client, provider: str) -> dict[str, bool]:
    """Where an anonymous reader meets Codex 1."""

    def page_text(url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200, url
        return text_of(BeautifulSoup(response.content, "html.parser").find("main"))

    api_models = client.get("/api/v1/models", {"lab": "openai"}).json()["results"]
    suggest = client.get("/api/v1/models/suggest", {"q": "codex"}).json()["results"]
    providers = client.get(f"/api/v1/providers/{provider}").json()["models"]
    sitemap = client.get("/sitemap.xml").content.decode()
    feed = client.get("/feeds/reviewed/").content.decode()
    return {
        "models index": NAME in page_text("/models/?lab=openai"),
        "lab page": NAME in page_text("/labs/openai/"),
        "provider page": NAME in page_text(f"/providers/{provider}/"),
        "home": NAME in page_text("/"),
        "search": NAME in page_text("/search/?q=codex"),
        "picker": client.get("/compare/", {"a": NAME, "b": "gpt-oss-120b"}).status_code != 404,
        "api list": any(m["slug"] == SLUG for m in api_models),
        "api suggest": any(m["slug"] == SLUG for m in suggest),
        "api model": client.get(f"/api/v1/models/{SLUG}").status_code == 200,
        "api provider": any(m["slug"] == SLUG for m in providers),
        "api compare": client.get(f"/api/v1/compare/{SLUG}/gpt-oss-120b").status_code == 200,
        "sitemap": SLUG in sitemap,
        "feed": NAME in feed,
        "editorial comparison": client.get(f"/compare/{SLUG}-vs-qwen3-5-4b/").status_code == 200,
        "on-the-fly comparison": client.get(f"/compare/{SLUG}-vs-gpt-oss-120b/").status_code == 200,
        "other comparisons": NAME in page_text("/compare/gpt-5-2-codex-vs-qwen3-5-4b/"),
    }


def test_a_login_restricted_model_page_is_treated_as_unpublished(admin_client_logged_in):
    provider = ModelPage.objects.get(slug=SLUG).routes.first().provider.slug
    reader = Client()
    before = sightings(reader, provider)
    assert all(before.values()), [where for where, seen in before.items() if not seen]

    # An editor makes the page private through the admin's privacy dialog.
    page = ModelPage.objects.get(slug=SLUG)
    response = admin_client_logged_in.post(
        reverse("wagtailadmin_pages:set_privacy", args=(page.pk,)), {"restriction_type": "login"}
    )
    assert response.status_code == 200
    assert PageViewRestriction.objects.filter(page=page, restriction_type="login").exists()

    after = sightings(reader, provider)
    assert not any(after.values()), [where for where, seen in after.items() if seen]
    # The page itself asks for a login, as Wagtail does for private pages.
    assert reader.get(f"/models/{SLUG}/").status_code == 302


COMPARISON = "gpt-5-1-codex-vs-qwen3-5-4b"


def comparison_sightings(client: Client, title: str) -> dict[str, bool]:
    """Where an anonymous reader meets the comparison page's title or address."""

    def page_text(url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200, url
        return text_of(BeautifulSoup(response.content, "html.parser").find("main"))

    return {
        "home": title in page_text("/"),
        "comparisons index": title in page_text("/compare/"),
        "model page": title in page_text("/models/qwen3-5-4b/"),
        "other comparisons": title in page_text("/compare/gpt-5-2-codex-vs-qwen3-5-4b/"),
        "search": title in page_text("/search/?q=codex"),
        "feed": COMPARISON in client.get("/feeds/reviewed/").content.decode(),
        "sitemap": COMPARISON in client.get("/sitemap.xml").content.decode(),
        "api compare": bool(
            client.get(f"/api/v1/compare/{SLUG}/qwen3-5-4b").json().get("editorial")
        ),
    }


def test_a_login_restricted_comparison_page_is_listed_nowhere(admin_client_logged_in):
    from comparisons.models import ComparisonPage

    page = ComparisonPage.objects.get(slug=COMPARISON)
    reader = Client()
    before = comparison_sightings(reader, page.title)
    assert all(before.values()), [where for where, seen in before.items() if not seen]

    response = admin_client_logged_in.post(
        reverse("wagtailadmin_pages:set_privacy", args=(page.pk,)), {"restriction_type": "login"}
    )
    assert response.status_code == 200

    after = comparison_sightings(reader, page.title)
    assert not any(after.values()), [where for where, seen in after.items() if seen]
    assert reader.get(f"/compare/{COMPARISON}/").status_code == 302
