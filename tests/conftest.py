"""Shared fixtures. The demo data set is loaded once per test session into the test
database; each test runs in a transaction that is rolled back, so tests can change data
freely without affecting each other."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from home.demo_data import load_demo_data


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock():
        load_demo_data()
    yield


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test's data is rolled back, catalogue generation included, so a page cached
    in one test could match the next test's key: every test starts with an empty cache
    (and each process's own copies of cached pages and values emptied too)."""
    from django.core.cache import cache

    from comparisons.catalogue_cache import local_values
    from comparisons.page_cache import local_pages

    cache.clear()
    local_pages.clear()
    local_values.clear()
    yield


@pytest.fixture
def no_page_cache(settings):
    """Every request renders its page (query counts, the fragment caches): a page cache
    hit would answer with one query and none of the page's work."""
    settings.CACHES = {
        **settings.CACHES,
        "off": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    settings.COMPARISONS_PAGE_CACHE_ALIAS = "off"
    settings.COMPARISONS_PAGE_CACHE_LOCAL_BYTES = 0


@pytest.fixture
def soup_of(client: Client):
    """GET a URL, assert it answered 200, and return its parsed HTML."""

    def fetch(url: str) -> BeautifulSoup:
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        return BeautifulSoup(response.content, "html.parser")

    return fetch


@pytest.fixture
def admin_client_logged_in(client: Client, django_user_model) -> Client:
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-boss-123")
    client.force_login(user)
    return client
