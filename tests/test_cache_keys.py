"""Cache keys built from readers' input stay within what every cache backend accepts
(memcached: 250 characters, no spaces or control characters)."""

import warnings

import pytest
from bs4 import BeautifulSoup
from django.core.cache import CacheKeyWarning

pytestmark = pytest.mark.django_db


def test_long_and_odd_filter_values_make_valid_cache_keys(client):
    long = "x" * 120  # each filter keeps up to 120 characters
    urls = [
        f"/models/?lab={long}&provider={long}&capability={long}&tag={long}&sort=-output",
        "/models/?lab=open%20ai&provider=gro%C3%9Fq",
    ]
    with warnings.catch_warnings():
        # Django's local-memory cache warns about keys memcached would refuse.
        warnings.simplefilter("error", CacheKeyWarning)
        for url in urls:
            for _ in range(2):  # stored, then read back
                response = client.get(url)
                assert response.status_code == 200, url
                assert BeautifulSoup(response.content, "html.parser").find("h1")


def test_different_filters_never_share_a_cached_page(client):
    from comparisons.models import Lab, ModelPage

    lab = Lab.objects.create(slug="open_ai", name="Open AI (test)")
    ModelPage.objects.filter(slug="codex-1").update(lab=lab)

    def models_listed(url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return [th.get_text(strip=True) for th in soup.select("tbody th[scope=row]")]

    assert models_listed("/models/?lab=open_ai") == ["Codex 1"]
    # "open.ai" names no lab: nothing matches, whatever was cached for "open_ai".
    assert models_listed("/models/?lab=open.ai") == []
