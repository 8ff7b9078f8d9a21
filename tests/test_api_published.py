"""The JSON API serves published data only: drafts, unpublished models and unpublished
comparison pages never appear, and a newly published model does."""

from __future__ import annotations

from decimal import Decimal

import pytest

from comparisons.models import (
    ComparisonPage,
    ModelPage,
    Provider,
)
from tests.api_helpers import by_slug, get_json, new_model, slugs

pytestmark = pytest.mark.django_db


def test_draft_changes_are_not_served(client):
    page = ModelPage.objects.get(slug="gpt-oss-120b")
    routes = list(page.routes.all())
    for route in routes:
        route.input_price = Decimal("9")
    page.routes = routes
    page.save_revision()  # drafted, not published
    detail = get_json(client, "/api/v1/models/gpt-oss-120b")
    assert by_slug(detail["routes"], "provider_slug")["openrouter"]["input_price"] == "0.039"
    compare = get_json(client, "/api/v1/compare/gpt-oss-120b/qwen3-5-4b")
    assert compare["monthly_cost"]["a"]["amount"] == "76.2"
    assert compare["editorial"]["stale"] is False


def test_unpublished_model_disappears_everywhere(client):
    ModelPage.objects.get(slug="gpt-oss-120b").unpublish()
    listed = get_json(client, "/api/v1/models")
    assert "gpt-oss-120b" not in slugs(listed) and listed["count"] == 5
    assert get_json(client, "/api/v1/models?provider=openrouter")["count"] == 0
    assert get_json(client, "/api/v1/models/gpt-oss-120b", status=404) == {
        "detail": "No published model with slug 'gpt-oss-120b'."
    }
    data = get_json(client, "/api/v1/compare/gpt-oss-120b/qwen3-5-4b", status=404)
    assert "gpt-oss-120b" in data["detail"]
    get_json(client, "/api/v1/compare/qwen3-5-4b/gpt-oss-120b", status=404)
    providers = by_slug(get_json(client, "/api/v1/providers"))
    assert providers["openrouter"]["model_count"] == 0
    assert providers["vercel-ai-gateway"]["model_count"] == 2
    assert get_json(client, "/api/v1/providers/openrouter")["models"] == []


def test_drafts_never_appear(client):
    draft = new_model("draft-model", routes=3, publish=False)
    assert not ModelPage.objects.get(pk=draft.pk).live
    listed = get_json(client, "/api/v1/models")
    assert "draft-model" not in slugs(listed) and listed["count"] == 6
    provider = Provider.objects.order_by("slug").first()
    assert "draft-model" not in slugs(get_json(client, f"/api/v1/models?provider={provider.slug}"))
    get_json(client, "/api/v1/models/draft-model", status=404)
    get_json(client, "/api/v1/compare/draft-model/gpt-oss-120b", status=404)
    get_json(client, "/api/v1/compare/gpt-oss-120b/draft-model", status=404)
    served = by_slug(get_json(client, f"/api/v1/providers/{provider.slug}")["models"])
    assert "draft-model" not in served
    providers = by_slug(get_json(client, "/api/v1/providers"))
    assert providers[provider.slug]["model_count"] == len(served)


def test_published_new_model_appears(client):
    new_model("fresh-model", routes=2)
    assert "fresh-model" in slugs(get_json(client, "/api/v1/models"))
    data = get_json(client, "/api/v1/models/fresh-model")
    assert [r["input_price"] for r in data["routes"]] == ["1", "2"]
    compare = get_json(client, "/api/v1/compare/fresh-model/gpt-oss-120b")
    assert compare["editorial"] is None
    assert compare["monthly_cost"]["a"]["amount"] is not None


def test_unpublished_comparison_page_is_not_editorial(client):
    ComparisonPage.objects.get(slug="gpt-oss-120b-vs-qwen3-5-4b").unpublish()
    data = get_json(client, "/api/v1/compare/gpt-oss-120b/qwen3-5-4b")
    assert data["editorial"] is None
    assert data["monthly_cost"]["a"]["amount"] == "76.2"
