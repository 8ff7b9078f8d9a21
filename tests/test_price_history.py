"""Price history: the ledger built from the dated models.dev snapshots in fixtures/, what
model pages and the API show of it, and the ledger's rules (change points only, older
snapshots never overwrite current prices, re-reading a snapshot writes nothing).

The real series (four dated snapshots, then the shipped one) is imported once for the
module, inside a transaction rolled back when the module is done.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction

from comparisons.importers.catalogue.run import import_catalogue_bytes
from comparisons.models import ImportRun, PriceStep, ProviderRoute
from tests.catalogue_data import REAL_SNAPSHOT

pytestmark = pytest.mark.django_db

HISTORY = REAL_SNAPSHOT / "history"
SERIES = [*sorted(HISTORY.glob("models-dev-2026-0*.json")), REAL_SNAPSHOT / "models-dev.json"]
# OpenRouter's gpt-oss-120b: 0.072 / 0.28 from January to April, 0.039 / 0.18 in the June
# snapshot, 0.03 / 0.15 in the shipped one (dated 2026-06-30 by its newest last_updated).
OPENROUTER = "openrouter|openai/gpt-oss-120b|"


def steps_of(route_key: str) -> list[tuple]:
    return list(
        PriceStep.objects.filter(route_key=route_key)
        .order_by("first_seen")
        .values_list("first_seen", "last_seen", "input_price", "output_price", "source")
    )


def ledger() -> list[tuple]:
    return list(
        PriceStep.objects.order_by("pk").values_list(
            "pk", "route_key", "first_seen", "last_seen", "input_price", "output_price"
        )
    )


@pytest.fixture(scope="module")
def series(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_catalogue", *map(str, SERIES), "--show", "1", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_the_series_has_the_files_it_names():
    assert [p.name for p in SERIES] == [
        "models-dev-2026-01-05.json",
        "models-dev-2026-03-01.json",
        "models-dev-2026-04-06.json",
        "models-dev-2026-06-08.json",
        "models-dev.json",
    ]
    assert "MIT" in (HISTORY / "README.md").read_text()


def test_a_changed_route_has_exactly_its_change_points(series):
    d = date.fromisoformat
    assert steps_of(OPENROUTER) == [
        (
            d("2026-01-05"),
            d("2026-04-06"),
            Decimal("0.072"),
            Decimal("0.28"),
            "models-dev-2026-01-05.json",
        ),
        (
            d("2026-06-08"),
            d("2026-06-08"),
            Decimal("0.039"),
            Decimal("0.18"),
            "models-dev-2026-06-08.json",
        ),
        (d("2026-06-30"), d("2026-06-30"), Decimal("0.03"), Decimal("0.15"), "models-dev.json"),
    ]
    # NanoGPT: 1.0 / 2.0 until March, 0.05 / 0.25 from the April snapshot on.
    nano = steps_of("nano-gpt|openai/gpt-oss-120b|")
    assert [(s[0], s[2], s[3]) for s in nano][:2] == [
        (d("2026-01-05"), Decimal("1"), Decimal("2")),
        (d("2026-04-06"), Decimal("0.05"), Decimal("0.25")),
    ]
    # The ledger records what the catalogue listed; the page keeps the demo editor's price.
    route = ProviderRoute.objects.get(catalogue_key="openrouter/openai/gpt-oss-120b")
    assert (route.input_price, route.output_price) == (Decimal("0.039"), Decimal("0.18"))


def current_prices() -> list[tuple]:
    return list(
        ProviderRoute.objects.order_by("pk").values_list("pk", "input_price", "output_price")
    )


def test_older_snapshots_only_fill_history_and_rereading_writes_nothing(series):
    before, runs, prices = ledger(), ImportRun.objects.count(), current_prices()
    old = HISTORY / "models-dev-2026-01-05.json"
    report = import_catalogue_bytes(old.read_bytes(), source=old.name)
    assert report.history_only and report.run_id is None
    assert current_prices() == prices
    shipped = REAL_SNAPSHOT / "models-dev.json"
    again = import_catalogue_bytes(shipped.read_bytes(), source=shipped.name)
    assert not again.history_only and again.tally["price history routes"] == 0
    assert ledger() == before
    assert ImportRun.objects.count() == runs + 1  # the full run is logged, as always


def test_model_page_shows_the_step_chart_table_and_routes_gone(series, client):
    html = BeautifulSoup(client.get("/models/gpt-oss-120b/").content, "html.parser")
    section = html.find(id="price-history")
    body = section.find("tbody", attrs={"data-route": OPENROUTER})
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in body.find_all("tr")
    ]
    assert rows[0][:5] == ["2026-01-05", "until 2026-06-08", "$0.072", "$0.28", "—"]
    assert rows[1][:4] == ["2026-06-08", "until 2026-06-30", "$0.039", "$0.18"]
    assert rows[2][:2] == ["2026-06-30", "still listed"]
    assert (
        rows[3][0]
        == "input \N{MINUS SIGN}58 %, output \N{MINUS SIGN}46 % since first seen on 2026-01-05"
    )
    lane = next(
        g
        for g in section.select("svg g.lane")
        if g.find("text").get_text(strip=True) == "OpenRouter"
    )
    widths = [float(r["width"]) for r in lane.select("rect.step-hit")]
    # 154 days, then 22: the first step is seven times as wide as the second.
    assert widths[0] / widths[1] == pytest.approx(154 / 22, rel=0.01)
    # A route no longer listed keeps its history and says when it was last listed.
    chutes = section.find("tbody", attrs={"data-route": "chutes|openai/gpt-oss-120b-tee|tee"})
    assert "last listed 2026-06-08 at $0.09 / $0.36" in chutes.select_one("tr.since").get_text()
    gone = [li.get_text(" ", strip=True) for li in section.select(".history-gone li")]
    assert "OpenRouter (exacto): last listed 2026-04-06 at $0.05 / $0.24" in gone


def test_history_chart_shows_the_ten_cheapest_routes_and_discloses_the_rest(series, client):
    html = BeautifulSoup(client.get("/models/gpt-oss-120b/").content, "html.parser")
    section = html.find(id="price-history")
    price_chart = html.select_one(".price-chart")
    first = section.find("figure", class_="history-chart")
    lanes = first.select("g.lane")
    assert len(lanes) == 10
    # The same order as the price chart: the route with the lowest monthly bill first,
    # and marked.
    labels = [g.find("text").get_text(strip=True) for g in lanes]
    assert lanes[0].select_one(".cheapest-mark").get_text(strip=True) == "★ cheapest now"
    assert [g for g in lanes if g.select_one(".cheapest-mark")] == [lanes[0]]
    assert labels[0] in price_chart.get_text(" ", strip=True)
    # The rest sit in a closed <details> that opens without JavaScript.
    more = section.find("details", class_="chart-more")
    assert more is not None and not more.has_attr("open")
    total = PriceStep.objects.filter(model_key="gpt-oss-120b").values("route_key").distinct()
    assert more.summary.get_text(strip=True) == f"Show all {total.count()} routes"
    hidden = more.select("figure.history-chart g.lane")
    assert hidden and not set(labels) & {g.find("text").get_text(strip=True) for g in hidden}
    # Every route's steps are tabled once: the first ten's at once, the others' disclosed.
    routes = [body["data-route"] for body in section.select("tbody[data-route]")]
    assert len(routes) == len(set(routes)) == total.count()
    assert len(section.select("details.chart-more tbody[data-route]")) == total.count() - 10


def test_api_returns_every_routes_steps(series, client):
    response = client.get("/api/v1/models/gpt-oss-120b/price-history")
    assert response.status_code == 200
    data = response.json()
    assert data["newest_snapshot"] == "2026-06-30"
    routes = {r["key"]: r for r in data["routes"]}
    assert (
        len(routes)
        == PriceStep.objects.filter(model_key="gpt-oss-120b").values("route_key").distinct().count()
    )
    assert routes[OPENROUTER]["listed"] is True
    assert [
        (
            s["first_seen"],
            s["input_price"],
            s["output_price"],
            s["cached_input_price"],
            s["source_snapshot"],
        )
        for s in routes[OPENROUTER]["steps"]
    ] == [
        ("2026-01-05", "0.072", "0.28", None, "models-dev-2026-01-05.json"),
        ("2026-06-08", "0.039", "0.18", None, "models-dev-2026-06-08.json"),
        ("2026-06-30", "0.03", "0.15", None, "models-dev.json"),
    ]
    # A route the shipped snapshot no longer lists keeps its history.
    chutes = routes["chutes|openai/gpt-oss-120b-tee|tee"]
    assert chutes["listed"] is False
    assert chutes["steps"][-1]["last_seen"] == "2026-06-08"
    missing = client.get("/api/v1/models/no-such-model/price-history")
    assert missing.status_code == 404
    assert "no-such-model" in missing.json()["detail"]
