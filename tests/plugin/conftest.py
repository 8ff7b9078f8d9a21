"""The plugin's suite: the minimal site (minimal_site/) with no data beyond what Wagtail's
migrations make (a root page and a default site whose home is a plain page); each test
makes what it needs with the factories in factories.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Data is rolled back after each test, the catalogue generation included, so a value
    cached in one test could match the next test's key: every test starts with none."""
    from comparisons.catalogue_cache import local_values

    cache.clear()
    local_values.clear()
    yield


@pytest.fixture
def soup_of(client: Client):
    """GET a URL, assert it answered 200, and return its parsed HTML."""

    def fetch(url: str) -> BeautifulSoup:
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        return BeautifulSoup(response.content, "html.parser")

    return fetch
