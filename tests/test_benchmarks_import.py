"""Benchmark scores from the real canonical models file: each lands on the model page its
canonical model belongs to, with its source and date; a second import changes nothing but
reports an editor's corrected score as a conflict; comparisons show the shared rows.

The import of the real catalogue (about half a minute) is shared by the module: it runs
once inside a transaction that is rolled back when the module is done.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.urls import reverse
from wagtail.models import Revision

from comparisons.importers.catalogue.run import BUNDLED_CANONICAL, import_catalogue_bytes
from comparisons.models import Benchmark, BenchmarkScore, ModelPage
from tests.catalogue_data import real_snapshot_path
from tests.helpers import form_data

pytestmark = pytest.mark.django_db

CANONICAL = json.loads(BUNDLED_CANONICAL.read_bytes())
RESULTS = [(cid, r) for cid, model in CANONICAL.items() for r in model.get("benchmarks", [])]


def run_import():
    return import_catalogue_bytes(
        real_snapshot_path().read_bytes(),
        source="models-dev.json",
        canonical_raw=BUNDLED_CANONICAL.read_bytes(),
    )


@pytest.fixture(scope="module")
def first_report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield run_import()
        transaction.set_rollback(True)


def unplaced(report) -> dict[str, int]:
    """Canonical id -> scores the import could not place (no catalogue row serves it)."""
    out = {}
    for entry in report.entries:
        if entry.kind == "warning" and entry.subject.startswith("Canonical model "):
            out[entry.subject.removeprefix("Canonical model ")] = int(entry.message.split()[0])
    return out


def test_the_file_holds_the_documented_results():
    assert len(RESULTS) == 288
    assert len({cid for cid, _ in RESULTS}) == 97


def test_every_score_lands_on_its_page_or_is_reported(first_report):
    imported = BenchmarkScore.objects.exclude(catalogue_values={}).count()
    missing = unplaced(first_report)
    # Every result of the file is on a page, or reported with its canonical model.
    assert imported + sum(missing.values()) == len(RESULTS)
    assert imported > 250
    # The seed's GPT-5.2 Codex score equals the catalogue's: adopted, not added again.
    assert first_report.tally["scores added"] == imported - 1
    assert f"{imported - 1} benchmark scores added" in first_report.summary()


def test_each_score_carries_its_source_and_date(first_report):
    # Every result in the file names its source; about a third give a date.
    dates: dict[tuple[Decimal, str], set[date | None]] = {}
    for _, result in RESULTS:
        key = (Decimal(str(result["score"])), result["source"])
        day = date.fromisoformat(result["date"]) if "date" in result else None
        dates.setdefault(key, set()).add(day)
    scores = BenchmarkScore.objects.exclude(catalogue_values={})
    assert scores.filter(measured_on__isnull=False).count() > 80
    snapshot = first_report.snapshot.isoformat()
    for score in scores:
        assert score.source_url, score
        assert score.measured_on in dates[(score.score.normalize(), score.source_url)], score
        recorded = score.catalogue_values
        assert recorded["source"] == "models.dev"
        assert recorded["values"]["score"] == {
            "value": f"{score.score.normalize():f}",
            "snapshot": snapshot,
        }
        assert recorded["values"]["source_url"] == {"value": score.source_url, "snapshot": snapshot}


def test_benchmarks_are_named_with_their_setup_and_one_across_spellings(first_report):
    qualified = Benchmark.objects.get(catalogue_key="swe-bench-pro|hard-aa||codex|medium")
    assert qualified.name == "SWE-Bench Pro (hard-aa, Codex, medium)"
    assert qualified.unit == "%" and qualified.description == "Metric: pass@1."
    # "SWE Bench Pro" and "SWE-Bench Pro" without a setup are one benchmark, named apart
    # from the editors' SWE-Bench Pro.
    plain = Benchmark.objects.get(catalogue_key="swe-bench-pro||||")
    assert plain.name == "SWE-Bench Pro (models.dev)"
    spellings = {
        r["name"]
        for _, r in RESULTS
        if r["name"].lower().replace("-", " ") == "swe bench pro"
        and not any(q in r for q in ("dataset", "version", "harness", "variant"))
    }
    assert spellings == {"SWE-Bench Pro", "SWE Bench Pro"}
    assert plain.scores.count() == 6
    # The editors' SWE-Bench Pro (public set, same leaderboard URL) is claimed, not doubled.
    seed = Benchmark.objects.get(slug="swe-bench-pro")
    assert seed.catalogue_key == "swe-bench-pro|public|||"
    assert seed.name == "SWE-Bench Pro"
    assert seed.scores.count() > 10


def test_a_second_import_changes_nothing_but_keeps_an_editors_score(
    first_report, admin_client_logged_in
):
    page = ModelPage.objects.get(slug="gpt-5-5")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(admin_client_logged_in.get(edit_url).content)
    position = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("benchmark_scores-")
        and key.endswith("-benchmark")
        and Benchmark.objects.get(pk=value[0]).catalogue_key == "swe-bench-pro||||"
    )
    catalogue_score = data[f"benchmark_scores-{position}-score"][0]
    data[f"benchmark_scores-{position}-score"] = ["99.5"]
    data["action-publish"] = ["action-publish"]
    response = admin_client_logged_in.post(edit_url, data)
    assert response.status_code == 302, response.content[:2000]
    before = {
        s.pk: (s.score, s.source_url, s.measured_on, s.catalogue_values)
        for s in BenchmarkScore.objects.all()
    }
    revisions = Revision.objects.count()

    report = run_import()

    assert report.tally["scores added"] == 0
    assert report.tally["scores changed"] == 0
    assert report.tally["benchmarks added"] == 0
    after = {
        s.pk: (s.score, s.source_url, s.measured_on, s.catalogue_values)
        for s in BenchmarkScore.objects.all()
    }
    assert after == before
    assert Revision.objects.count() == revisions
    edited = BenchmarkScore.objects.get(page=page, benchmark__catalogue_key="swe-bench-pro||||")
    assert edited.score == Decimal("99.5")
    [conflict] = [e for e in report.entries if e.kind == "conflict" and "GPT-5.5" in e.subject]
    assert conflict.field == "score"
    assert conflict.message == (
        f"score set by an editor to 99.5; catalogue says {Decimal(catalogue_score).normalize():f} "
        "(kept the editor's value)"
    )


def test_a_comparison_shows_shared_benchmarks_with_sources(first_report, client):
    response = client.get("/compare/gpt-5-4-vs-gpt-5-5/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    table = html.select_one("#benchmarks table.benchmarks-shared")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["Benchmark", "GPT-5.4", "GPT-5.5", "Higher"]
    rows = {tr.th.get_text(" ", strip=True): tr.find_all("td") for tr in table.select("tbody tr")}
    cells = rows["Terminal-Bench (2.1, Codex, medium)"]
    assert cells[0].get_text(" ", strip=True).startswith("69.8%")
    assert cells[1].get_text(" ", strip=True).startswith("75.8%")
    assert cells[0].a["href"] == "https://artificialanalysis.ai/agents/coding-agents"
    assert cells[2].get_text(strip=True) == "GPT-5.5 scores higher, by 6 points"
    # One-sided scores are listed as such, never as a loss.
    one_sided = [li.get_text(" ", strip=True) for li in html.select(".benchmarks-one-sided li")]
    assert "SWE-Bench Pro: 59.1%, only sourced for GPT-5.4 ( labs.scale.com )" in one_sided
    assert (
        "SWE-Bench Pro (models.dev): 58.6%, only sourced for GPT-5.5 ( anthropic.com , 2026-05-28)"
        in (one_sided)
    )
    scorecard = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in html.select("#scorecard tbody tr")
    }
    shared = len(rows)
    assert scorecard["Shared benchmarks"] == [
        f"{shared} rows, higher on 0",
        f"{shared} rows, higher on {shared}",
    ]
    deep_dive = html.select_one("#deep-dive").get_text(" ", strip=True)
    assert f"On the {shared} benchmarks with a sourced score for both" in deep_dive
    faq = html.select_one("#faq").get_text(" ", strip=True)
    assert "Which scores higher on benchmarks, GPT-5.4 or GPT-5.5?" in faq


def test_a_dated_score_shows_its_date_on_the_comparison_and_the_model_page(first_report, client):
    score = (
        BenchmarkScore.objects.exclude(catalogue_values={})
        .filter(measured_on__isnull=False, page__live=True)
        .select_related("page", "benchmark")
        .order_by("page__slug", "benchmark__name")
        .first()
    )
    html = BeautifulSoup(client.get(score.page.url).content, "html.parser")
    rows = {
        tr.th.get_text(" ", strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in html.select("#benchmarks tbody tr")
    }
    assert rows[score.benchmark.name][1] == score.measured_on.isoformat()
    assert rows[score.benchmark.name][2] == score.source_url.split("/")[2].removeprefix("www.")


def test_the_api_returns_shared_and_one_sided_benchmarks(first_report, client):
    data = client.get("/api/v1/compare/gpt-5-4/gpt-5-5").json()
    shared = {row["benchmark_name"]: row for row in data["shared_benchmarks"]}
    row = shared["Terminal-Bench (2.1, Codex, medium)"]
    assert row["a"]["score"] == "69.8" and row["b"]["score"] == "75.8"
    assert row["higher"] == "gpt-5-5"
    assert row["a"]["source_url"] == "https://artificialanalysis.ai/agents/coding-agents"
    assert {item["model"] for item in data["one_sided_benchmarks"]} <= {"gpt-5-4", "gpt-5-5"}
    detail = client.get("/api/v1/models/gpt-5-5").json()
    assert (
        len(detail["benchmark_scores"])
        == BenchmarkScore.objects.filter(page__slug="gpt-5-5").count()
    )
