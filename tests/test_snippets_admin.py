"""Reference data is managed as snippets, grouped in one admin menu, searchable."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from comparisons.models import Provider

pytestmark = pytest.mark.django_db

SNIPPETS = [
    "lab",
    "provider",
    "capability",
    "licence",
    "decisiontag",
    "producttype",
    "benchmark",
    "trafficprofile",
]


@pytest.mark.parametrize("model", SNIPPETS)
def test_snippet_listing_renders(admin_client_logged_in, model):
    url = reverse(f"wagtailsnippets_comparisons_{model}:list")
    response = admin_client_logged_in.get(url)
    assert response.status_code == 200


def test_provider_listing_search_and_filter(admin_client_logged_in):
    url = reverse("wagtailsnippets_comparisons_provider:list")
    soup = BeautifulSoup(admin_client_logged_in.get(url, {"q": "groq"}).content, "html.parser")
    names = soup.select("table.listing tbody tr")
    assert len(names) == 1 and "Groq" in names[0].get_text()
    soup = BeautifulSoup(admin_client_logged_in.get(url, {"kind": "cloud"}).content, "html.parser")
    listed = " ".join(r.get_text(" ") for r in soup.select("table.listing tbody tr"))
    assert "Azure OpenAI" in listed and "GCP Vertex AI" in listed and "OpenRouter" not in listed


def test_licence_listing_shows_osi_approval_as_yes_no_unknown_icons(admin_client_logged_in):
    url = reverse("wagtailsnippets_comparisons_licence:list")
    soup = BeautifulSoup(admin_client_logged_in.get(url).content, "html.parser")
    header = [th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")]
    column = header.index("OSI-approved")
    icons = {}
    for row in soup.select("table.listing tbody tr"):
        cells = row.find_all("td")
        name = row.select_one("a").get_text(strip=True)
        cell = cells[column]
        for hidden in cell.select(".w-sr-only"):  # Wagtail's screen-reader text
            hidden.decompose()
        assert cell.get_text(strip=True) == "", (name, cell.get_text(strip=True))  # no "True"
        icons[name] = cell.select_one("svg use")["href"]
    assert icons["Apache 2.0"] == "#icon-check"
    assert icons["Proprietary"] == "#icon-cross"
    assert icons["Open Source"] == "#icon-help"  # not sourced


def test_reference_data_is_grouped_in_one_menu(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("wagtailadmin_home"))
    assert b"Reference data" in response.content


def test_provider_can_be_created_in_the_admin(admin_client_logged_in):
    url = reverse("wagtailsnippets_comparisons_provider:add")
    response = admin_client_logged_in.post(
        url,
        {
            "name": "DeepInfra",
            "slug": "deepinfra",
            "kind": "inference",
            "website": "https://deepinfra.com",
            "docs_url": "",
            "description": "",
        },
    )
    assert response.status_code == 302
    assert Provider.objects.get(slug="deepinfra").kind == "inference"


def test_anonymous_users_cannot_reach_snippets(client):
    response = client.get(reverse("wagtailsnippets_comparisons_provider:list"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
