"""The price chart of a model with fifty routes from the real catalogue: the ten cheapest
drawn, the rest behind a "show all N routes" disclosure that needs no JavaScript."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from comparisons.engine.pricing import cheapest_route, route_monthly_cost
from comparisons.facts import load_model_facts, site_default_traffic
from comparisons.importers.catalogue.run import import_catalogue_bytes
from comparisons.models import ModelPage
from tests.catalogue_data import real_snapshot_path
from tests.helpers import text_of

pytestmark = pytest.mark.django_db


def import_gpt_oss_120b() -> ModelPage:
    """Every provider's gpt-oss-120b entries from the shipped snapshot, and nothing else."""
    data = json.loads(real_snapshot_path().read_bytes())
    kept = {}
    for provider_id, entry in data.items():
        models = {k: v for k, v in entry.get("models", {}).items() if "gpt-oss-120b" in k.lower()}
        if models:
            kept[provider_id] = {**entry, "models": models}
    import_catalogue_bytes(json.dumps(kept).encode(), source="models-dev.json")
    return ModelPage.objects.get(slug="gpt-oss-120b")


def test_fifty_routes_show_the_ten_cheapest_and_disclose_the_rest(client):
    page = import_gpt_oss_120b()
    facts = load_model_facts([page.pk])[page.pk]
    traffic = site_default_traffic()
    response = client.get(page.url)
    assert response.status_code == 200
    chart = BeautifulSoup(response.content, "html.parser").select_one("#pricing .price-chart")
    labels = [
        text_of(t.find("title")) if t.find("title") else text_of(t)
        for t in chart.select("svg > text[text-anchor=end]")
    ]
    charted = [r for r in facts.routes if (r.input_price or 0) > 0 or (r.output_price or 0) > 0]
    # About fifty routes; those listed at $0 or without a price are left out of the chart.
    assert len(facts.routes) > 45 and len(charted) > 40
    first, more = chart.find_all("svg", recursive=False), chart.select("details svg")
    assert len(first) == 1 and len(more) == 1
    # The first chart holds ten rows; the disclosure, without JavaScript, the others.
    assert len(first[0].select("text[text-anchor=end]")) == 10
    assert len(more[0].select("text[text-anchor=end]")) == len(charted) - 10
    assert text_of(chart.select_one("details > summary")) == f"Show all {len(charted)} routes"
    assert "open" not in chart.details.attrs
    # Rows run from the cheapest monthly bill to the dearest; the first is the cheapest
    # route, marked, and the model page's table names the same one.
    best = cheapest_route(facts.routes, traffic)
    assert labels[0] == f"{best.label}: the cheapest route"
    by_label = {r.label: r for r in charted}
    costs = [
        route_monthly_cost(by_label[label.removesuffix(": the cheapest route")], traffic)
        for label in labels
    ]
    known = [c for c in costs if c is not None]
    assert known == sorted(known) and costs[: len(known)] == known
    assert [t for t in chart.select("text.cheapest")] == [chart.select_one("text.cheapest")]
    table = BeautifulSoup(response.content, "html.parser").select_one("#pricing tr.cheapest")
    assert best.label in text_of(table)
    # The first chart is about as tall as ten rows, not fifty.
    assert int(first[0]["viewbox"].split()[3]) < 450
