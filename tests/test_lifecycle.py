"""A model's lifecycle: the catalogue's status and "no longer listed by any provider since",
on model pages, comparisons, the models index (filter, past models last) and the API.
Also the benchmark parts a small canonical file exercises (bad input, a dropped status)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from bs4 import BeautifulSoup

from comparisons.engine.lifecycle import lifecycle_label, lifecycle_notes, unlisted_since
from comparisons.importers.catalogue.parse import CatalogueError
from comparisons.importers.catalogue.run import import_catalogue_bytes
from comparisons.models import BenchmarkScore, ModelPage
from tests.catalogue_data import provider, record, snapshot

pytestmark = pytest.mark.django_db


def run(raw: bytes, *, when: date, canonical: dict | None = None):
    return import_catalogue_bytes(
        raw,
        source="test.json",
        snapshot=when,
        canonical_raw=json.dumps(canonical).encode() if canonical is not None else None,
    )


def widgets(*, status: str = "") -> bytes:
    extra = {"status": status} if status else {}
    return snapshot(
        provider(
            "acme",
            record("acme/widget-1", "Widget 1", **extra),
            record("acme/widget-2", "Widget 2"),
        ),
        provider("groq", record("acme/widget-1", "Widget 1", **extra)),
    )


def test_the_engine_rules():
    assert unlisted_since([date(2026, 1, 1), date(2026, 3, 1)]) == date(2026, 3, 1)
    assert unlisted_since([date(2026, 1, 1), None]) is None
    assert unlisted_since([]) is None
    assert lifecycle_notes("X", "deprecated", None) == ("X is deprecated.",)
    assert lifecycle_notes("X", "beta", date(2026, 5, 1)) == (
        "X is in beta.",
        "X is no longer listed by any provider since 2026-05-01.",
    )
    assert lifecycle_label("", None) == "Current"
    assert lifecycle_label("deprecated", date(2026, 5, 1)) == (
        "Deprecated; not listed since 2026-05-01"
    )


def test_a_status_every_row_gives_becomes_the_models_and_one_row_alone_does_not():
    run(widgets(status="deprecated"), when=date(2026, 5, 1))
    assert ModelPage.objects.get(slug="widget-1").lifecycle == "deprecated"
    assert ModelPage.objects.get(slug="widget-2").lifecycle == ""
    mixed = snapshot(
        provider("acme", record("acme/widget-3", "Widget 3", status="deprecated")),
        provider("groq", record("acme/widget-3", "Widget 3")),
    )
    run(mixed, when=date(2026, 5, 2))
    assert ModelPage.objects.get(slug="widget-3").lifecycle == ""


def test_a_status_the_catalogue_drops_is_cleared_but_an_editors_stays(client):
    run(widgets(status="beta"), when=date(2026, 5, 1))
    report = run(widgets(), when=date(2026, 5, 2))
    assert ModelPage.objects.get(slug="widget-1").lifecycle == ""
    assert any(e.field == "lifecycle status" and e.new == "current" for e in report.entries)
    page = ModelPage.objects.get(slug="widget-2")
    page.lifecycle = "deprecated"
    page.save_revision().publish()
    run(widgets(), when=date(2026, 5, 3))
    assert ModelPage.objects.get(slug="widget-2").lifecycle == "deprecated"


def test_a_model_no_provider_lists_shows_since_when(client):
    run(widgets(), when=date(2026, 5, 1))
    only_one = snapshot(provider("acme", record("acme/widget-1", "Widget 1")))
    run(only_one, when=date(2026, 6, 1))
    page = ModelPage.objects.get(slug="widget-2")
    assert page.unlisted_since == date(2026, 6, 1)
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert html.select_one("#lifecycle .lifecycle-badge").get_text(strip=True) == (
        "Not listed since 2026-06-01"
    )
    assert html.select_one("#lifecycle .lifecycle-text").get_text(strip=True) == (
        "Widget 2 is no longer listed by any provider since 2026-06-01."
    )
    data = client.get(f"/api/v1/models/{page.slug}").json()
    assert data["lifecycle"] == {
        "status": "current",
        "no_longer_listed_since": "2026-06-01",
        "label": "Not listed since 2026-06-01",
        "notes": ["Widget 2 is no longer listed by any provider since 2026-06-01."],
    }
    # Listed again: the date goes.
    run(widgets(), when=date(2026, 7, 1))
    assert ModelPage.objects.get(slug="widget-2").unlisted_since is None


@pytest.fixture
def deprecated_seed() -> ModelPage:
    """GPT-4 Vision Preview, deprecated by an editor (it is not in the catalogue)."""
    page = ModelPage.objects.get(slug="gpt-4-vision-preview")
    page.lifecycle = ModelPage.Lifecycle.DEPRECATED
    page.save_revision().publish()
    return page


def test_the_deprecated_seed_model_in_scorecard_and_switch_friction(client, deprecated_seed):
    html = BeautifulSoup(
        client.get("/compare/gpt-4-vision-preview-vs-qwen3-5-4b/").content, "html.parser"
    )
    scorecard = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in html.select("#scorecard tbody tr")
    }
    assert scorecard["Lifecycle"] == ["Deprecated", "Current"]
    friction = html.select_one("#switch-friction").get_text(" ", strip=True)
    assert "GPT-4 Vision Preview is deprecated." in friction
    model = BeautifulSoup(client.get("/models/gpt-4-vision-preview/").content, "html.parser")
    assert model.select_one("#lifecycle .lifecycle-badge").get_text(strip=True) == "Deprecated"


def index_names(client, query: str = "") -> list[str]:
    html = BeautifulSoup(client.get(f"/models/{query}").content, "html.parser")
    rows = html.select("table.models-index tbody tr th a")
    return [a.get_text(strip=True) for a in rows]


def test_every_model_is_current_until_a_status_or_a_date_says_otherwise(client):
    assert index_names(client)[0] == "Codex 1"
    assert index_names(client, "?lifecycle=deprecated") == []


def test_the_index_lists_past_models_last_and_filters_on_lifecycle(client, deprecated_seed):
    names = index_names(client)
    assert names[-1] == "GPT-4 Vision Preview"
    assert sorted(names[:-1], key=str.lower) == names[:-1]
    assert index_names(client, "?sort=-released")[-1] == "GPT-4 Vision Preview"
    assert index_names(client, "?lifecycle=deprecated") == ["GPT-4 Vision Preview"]
    assert "GPT-4 Vision Preview" not in index_names(client, "?lifecycle=current")
    html = BeautifulSoup(client.get("/models/?lifecycle=deprecated").content, "html.parser")
    assert html.select_one("#f-lifecycle option[selected]")["value"] == "deprecated"
    badge = html.select_one("table.models-index tbody tr th .lifecycle-badge")
    assert badge.get_text(strip=True) == "Deprecated"
    bad = BeautifulSoup(client.get("/models/?lifecycle=gone").content, "html.parser")
    assert "Unknown lifecycle “gone”" in bad.get_text()


def test_the_api_lists_and_filters_on_lifecycle(client, deprecated_seed):
    data = client.get("/api/v1/models?lifecycle=deprecated").json()
    assert [m["slug"] for m in data["results"]] == ["gpt-4-vision-preview"]
    assert data["results"][0]["lifecycle"]["status"] == "deprecated"
    everything = client.get("/api/v1/models").json()["results"]
    assert everything[-1]["slug"] == "gpt-4-vision-preview"
    assert client.get("/api/v1/models?lifecycle=gone").status_code == 400


CANONICAL = {
    "acme/widget-1": {
        "name": "Widget 1",
        "benchmarks": [
            {
                "name": "Aider Polyglot",
                "score": 61.5,
                "metric": "percent correct",
                "source": "https://aider.chat/docs/leaderboards/",
                "date": "2026-04-02",
            }
        ],
    }
}


def test_a_score_lands_on_the_page_its_rows_name_as_base_model():
    rows = snapshot(
        provider("groq", record("widget-one", "Widget One", base_model="acme/widget-1"))
    )
    run(rows, when=date(2026, 5, 1), canonical=CANONICAL)
    [score] = BenchmarkScore.objects.filter(page__catalogue_key="widget-1")
    assert (score.benchmark.name, str(score.score.normalize()), score.benchmark.unit) == (
        "Aider Polyglot",
        "61.5",
        "%",
    )
    assert score.source_url == "https://aider.chat/docs/leaderboards/"
    assert score.measured_on == date(2026, 4, 2)


def test_a_malformed_result_is_refused_naming_where_and_nothing_is_written():
    bad = json.loads(json.dumps(CANONICAL))
    bad["acme/widget-1"]["benchmarks"].append({"name": "X", "score": "high"})
    bad["acme/widget-1"]["benchmarks"].append({"name": "Y", "score": 3, "source": "ftp://x"})
    pages = ModelPage.objects.count()
    with pytest.raises(CatalogueError) as caught:
        run(widgets(), when=date(2026, 5, 1), canonical=bad)
    assert caught.value.problems == [
        "the canonical file: acme/widget-1.benchmarks[1].score: must be a number, got 'high'",
        "the canonical file: acme/widget-1.benchmarks[2].source: 'ftp://x' is not an http(s) URL",
    ]
    assert ModelPage.objects.count() == pages
