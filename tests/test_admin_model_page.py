"""Editors create and validate model pages through Wagtail's own admin views."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from comparisons.models import Capability, Lab, Licence, ModelIndexPage, ModelPage, Provider

pytestmark = pytest.mark.django_db


def model_form(**overrides):
    """POST data for a new model page, as the admin form submits it."""
    openrouter = Provider.objects.get(slug="openrouter")
    groq = Provider.objects.get(slug="groq")
    vision = Capability.objects.get(slug="vision")
    data = {
        "title": "Test Model 7B",
        "slug": "test-model-7b",
        "summary": "A model made for a test.",
        "lab": Lab.objects.get(slug="openai").pk,
        "release_date": "2026-01-15",
        "context_window": "32768",
        "max_output_tokens": "8192",
        "parameters_billions": "7",
        "architecture": "decoder_only",
        "licence": Licence.objects.get(slug="apache-2-0").pk,
        "knowledge_cutoff": "2025-06",
        "best_for": "tests",
        "body": rich_text("<p>Notes.</p>"),
        "routes": inline_formset(
            [
                {
                    "provider": openrouter.pk,
                    "input_price": "0.20",
                    "output_price": "0.80",
                    "checked_on": "2026-02-01",
                },
                {"provider": groq.pk, "input_price": "0.10", "output_price": "0.50"},
            ]
        ),
        "capability_support": inline_formset([{"capability": vision.pk, "support": "no"}]),
        "benchmark_scores": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url():
    index = ModelIndexPage.objects.get()
    return reverse("wagtailadmin_pages:add", args=("comparisons", "modelpage", index.pk))


def errors_in(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        e.get_text(" ", strip=True)
        for e in soup.select(".error-message, .help-critical, .w-field__errors")
    )


def test_editor_creates_a_model_page_with_routes(admin_client_logged_in):
    response = admin_client_logged_in.post(add_url(), model_form(**{"action-publish": "publish"}))
    assert response.status_code == 302, errors_in(response)
    page = ModelPage.objects.get(slug="test-model-7b")
    assert page.live
    routes = {r.provider.slug: (r.input_price, r.output_price) for r in page.routes.all()}
    assert {k: (str(a), str(b)) for k, (a, b) in routes.items()} == {
        "openrouter": ("0.200000", "0.800000"),
        "groq": ("0.100000", "0.500000"),
    }
    assert page.knowledge_cutoff.isoformat() == "2025-06-01"
    assert page.capability_support.get().support == "no"

    # The published page shows the new route, with Groq as the cheapest one.
    soup = BeautifulSoup(admin_client_logged_in.get(page.url).content, "html.parser")
    cheapest = soup.select_one("#pricing tr.cheapest th")
    assert "Groq" in cheapest.get_text()


def test_unknown_values_stay_unknown(admin_client_logged_in):
    data = model_form(context_window="", parameters_billions="", release_date="")
    data["routes-0-input_price"] = ""
    response = admin_client_logged_in.post(add_url(), data)
    assert response.status_code == 302, errors_in(response)
    page = ModelPage.objects.get(slug="test-model-7b")
    assert page.context_window is None and page.parameters_billions is None
    # A draft keeps its routes in the revision; the unknown price is None, not 0.
    draft = page.get_latest_revision_as_object()
    openrouter = next(r for r in draft.routes.all() if r.provider.slug == "openrouter")
    assert openrouter.input_price is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"routes-0-input_price": "-1"}, "greater than or equal to 0"),
        ({"routes-1-output_price": "-0.01"}, "greater than or equal to 0"),
        ({"context_window": "0"}, "greater than or equal to 1"),
        ({"routes-0-context_limit": "0"}, "greater than or equal to 1"),
        ({"knowledge_cutoff": "2025-13"}, "month must be between"),
        ({"knowledge_cutoff": "June 2025"}, "YYYY-MM"),
    ],
)
def test_invalid_values_are_refused(admin_client_logged_in, overrides, message):
    data = model_form()
    data.update(overrides)
    response = admin_client_logged_in.post(add_url(), data)
    assert response.status_code == 200
    assert message in errors_in(response) or message in response.content.decode()
    assert not ModelPage.objects.filter(slug="test-model-7b").exists()


def test_future_dates_are_refused(admin_client_logged_in):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for field in ("release_date", "routes-0-checked_on"):
        data = model_form()
        data[field] = tomorrow
        response = admin_client_logged_in.post(add_url(), data)
        assert response.status_code == 200, field
        assert "is in the future" in response.content.decode(), field
    assert not ModelPage.objects.filter(slug="test-model-7b").exists()


def test_duplicate_provider_on_one_model_is_refused(admin_client_logged_in):
    data = model_form()
    data["routes-1-provider"] = data["routes-0-provider"]
    response = admin_client_logged_in.post(add_url(), data)
    assert response.status_code == 200
    assert "OpenRouter already has a route on this model" in response.content.decode()
    assert not ModelPage.objects.filter(slug="test-model-7b").exists()


def test_duplicate_provider_marked_for_deletion_is_allowed(admin_client_logged_in):
    data = model_form()
    data["routes-1-provider"] = data["routes-0-provider"]
    data["routes-1-DELETE"] = "1"
    response = admin_client_logged_in.post(add_url(), data)
    assert response.status_code == 302, errors_in(response)


def test_editing_an_existing_route_keeps_one_row_per_provider(admin_client_logged_in):
    page = ModelPage.objects.get(slug="gpt-5-1-codex")
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = admin_client_logged_in.get(edit)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "routes-TOTAL_FORMS"})["value"] == "1"
