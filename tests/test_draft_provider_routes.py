"""A route on a provider that was saved as a draft (never published) is absent for readers
everywhere, the models index's provider count included: the index, the model page and the
API count the same providers."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from comparisons.models import ModelPage, Provider
from tests.helpers import form_data, text_of

pytestmark = pytest.mark.django_db

SLUG = "gpt-oss-120b"


def counts(client) -> tuple[int, int, str]:
    """(providers in the API's list, distinct providers of the API's routes, the models
    index's Providers cell) for the model."""
    listed = client.get("/api/v1/models", {"lab": "openai", "limit": 100}).json()["results"]
    (entry,) = [m for m in listed if m["slug"] == SLUG]
    detail = client.get(f"/api/v1/models/{SLUG}").json()
    soup = BeautifulSoup(client.get("/models/", {"lab": "openai"}).content, "html.parser")
    (row,) = [
        tr
        for tr in soup.select("table.models-index tbody tr")
        if tr.find("th").find("a")["href"].rstrip("/").endswith(f"/{SLUG}")
    ]
    cell = text_of(row.find_all("td")[6])
    return entry["provider_count"], len({r["provider_slug"] for r in detail["routes"]}), cell


def test_a_route_on_a_draft_provider_is_not_counted(admin_client_logged_in, client):
    response = admin_client_logged_in.post(
        reverse("wagtailsnippets_comparisons_provider:add"),
        {
            "name": "Zephyr Cloud",
            "slug": "zephyr-cloud",
            "kind": "inference",
            "website": "",
            "docs_url": "",
            "description": "",
        },
    )
    assert response.status_code == 302
    assert not Provider.objects.get(slug="zephyr-cloud").live

    page = ModelPage.objects.get(slug=SLUG)
    before = counts(client)
    assert before[0] == before[1] and before[2] == str(before[0])
    html = admin_client_logged_in.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content
    data = form_data(html)
    n = int(data["routes-TOTAL_FORMS"][0])
    data["routes-TOTAL_FORMS"] = [str(n + 1)]
    data.update(
        {
            f"routes-{n}-provider": ["Zephyr Cloud"],
            f"routes-{n}-provider_model_id": ["gpt-oss-120b"],
            f"routes-{n}-input_price": ["0.01"],
            f"routes-{n}-output_price": ["0.02"],
            f"routes-{n}-ORDER": [str(n + 1)],
            "action-publish": ["action-publish"],
        }
    )
    response = admin_client_logged_in.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ModelPage.objects.get(pk=page.pk).routes.filter(provider__slug="zephyr-cloud").exists()

    model_page = text_of(BeautifulSoup(client.get(f"/models/{SLUG}/").content, "html.parser"))
    assert "Zephyr" not in model_page
    assert counts(client) == before
