"""A CDN or Varnish in front is purged on publish (wagtail.contrib.frontend_cache),
recorded here by a backend that keeps the URLs it is asked to purge."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from comparisons.models import ModelPage
from tests.helpers import form_data

pytestmark = pytest.mark.django_db

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url: str) -> None:
        PURGED.append(url)


@pytest.fixture
def frontend_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    yield PURGED
    PURGED.clear()


def test_publishing_a_model_purges_it_its_comparisons_and_the_models_index(
    frontend_cache, admin_client_logged_in
):
    page = ModelPage.objects.get(slug="qwen3-5-4b")
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data(admin_client_logged_in.get(edit).content)
    data["action-publish"] = ["action-publish"]
    assert admin_client_logged_in.post(edit, data).status_code == 302
    base = "http://localhost"
    expected = {
        f"{base}/models/qwen3-5-4b/",
        f"{base}/models/",
        f"{base}/compare/gpt-5-2-codex-vs-qwen3-5-4b/",
        f"{base}/compare/gpt-5-1-codex-vs-qwen3-5-4b/",
        f"{base}/compare/codex-1-vs-qwen3-5-4b/",
    }
    assert expected <= set(frontend_cache), frontend_cache
    # Nothing else: other models' pages and comparisons stay in the CDN.
    assert all(url == f"{base}/models/" or "qwen3-5-4b" in url for url in frontend_cache)


def test_publishing_a_comparison_purges_that_page(frontend_cache):
    from comparisons.models import ComparisonPage

    page = ComparisonPage.objects.get(url_path__endswith="/codex-1-vs-qwen3-5-4b/")
    page.save_revision().publish()
    assert frontend_cache == ["http://localhost/compare/codex-1-vs-qwen3-5-4b/"]


def test_unpublishing_a_model_purges_its_comparisons(frontend_cache, admin_client_logged_in):
    page = ModelPage.objects.get(slug="codex-1")
    response = admin_client_logged_in.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    assert response.status_code == 302
    assert "http://localhost/compare/codex-1-vs-qwen3-5-4b/" in frontend_cache
    assert "http://localhost/models/codex-1/" in frontend_cache
