"""The real models.dev snapshot imported whole: the site works on it, cache and
long-context prices reach readers, and --initial only imports into an empty catalogue."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Revision

from comparisons.models import ImportRun, Provider, ProviderRoute
from tests.catalogue_data import provider, real_snapshot_path, record, snapshot
from tests.catalogue_import import run, small_snapshot

pytestmark = pytest.mark.django_db


# --- the real snapshot -------------------------------------------------------------------


def test_the_full_snapshot_imports_and_the_site_works_on_it(client):
    raw = real_snapshot_path().read_bytes()
    report = run(raw)
    assert report.tally["models added"] > 1000
    assert ProviderRoute.objects.filter(catalogue_key__gt="").count() == 5276
    assert Provider.objects.exclude(catalogue_id="").count() == 147

    index = BeautifulSoup(client.get("/models/?lab=openai&sort=-context").content, "html.parser")
    assert len(index.select("table tbody tr")) == 50  # a full first page
    page = BeautifulSoup(client.get("/models/gpt-oss-120b/").content, "html.parser")
    assert len(page.find(id="pricing").select("tbody tr")) > 40
    pair = client.get("/compare/claude-sonnet-4-5-vs-gpt-oss-120b/")
    assert pair.status_code == 200
    soup = BeautifulSoup(pair.content, "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert "Claude Sonnet 4.5" in soup.find(id="pricing").get_text()

    revisions = Revision.objects.count()
    again = run(raw)
    assert not again.changed_anything
    assert Revision.objects.count() == revisions


def test_cache_and_long_context_prices_reach_the_model_page_and_the_api(client):
    tiered = {
        "input": 3,
        "output": 15,
        "cache_read": 0.3,
        "cache_write": 3.75,
        "tiers": [{"tier": {"type": "context", "size": 200000}, "input": 6, "output": 22.5}],
    }
    run(snapshot(provider("acme", record("acme/long-1", "Long 1", cost=tiered))))
    soup = BeautifulSoup(client.get("/models/long-1/").content, "html.parser")
    table = soup.find(id="pricing").table
    headers = [th.get_text(strip=True) for th in table.thead.select("th")]
    assert "Cache write" in headers and "Long prompts" in headers
    cells = dict(
        zip(
            headers,
            [c.get_text(" ", strip=True) for c in table.tbody.tr.select("th,td")],
            strict=True,
        )
    )
    assert cells["Cached input"] == "$0.30"
    assert cells["Cache write"] == "$3.75"
    assert cells["Long prompts"] == "$6 in / $22.50 out over 200K"

    data = client.get("/api/v1/models/long-1").json()
    route = data["routes"][0]
    assert route["cache_write_price"] == "3.75"
    assert route["long_context"] == {
        "threshold": 200000,
        "input_price": "6",
        "output_price": "22.5",
    }
    # The demo's pages have no such prices: no empty columns.
    demo = BeautifulSoup(client.get("/models/gpt-oss-120b/").content, "html.parser")
    demo_headers = [th.get_text(strip=True) for th in demo.find(id="pricing").thead.select("th")]
    assert "Long prompts" not in demo_headers and "Cache write" not in demo_headers


def test_initial_imports_only_into_a_never_imported_catalogue(tmp_path):
    path = tmp_path / "snap.json"
    path.write_bytes(small_snapshot())
    call_command("import_catalogue", str(path), "--initial", stdout=io.StringIO())
    assert ImportRun.objects.count() == 1
    path.write_bytes(small_snapshot(price=0.7))
    out = io.StringIO()
    call_command("import_catalogue", str(path), "--initial", stdout=out)
    assert "skipped" in out.getvalue()
    assert ImportRun.objects.count() == 1
    assert ProviderRoute.objects.get(catalogue_key="acme/acme/widget-1").input_price == Decimal(
        "0.1"
    )
