"""The models.dev catalogue importer: grouping, idempotence, updates, editor-owned values
and suspicious values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Revision

from comparisons.importers.catalogue.group import group_rows, normalise
from comparisons.importers.catalogue.parse import parse_catalogue
from comparisons.models import ImportRun, ModelPage, Provider, ProviderRoute
from tests.catalogue_data import provider, real_snapshot_path, record, snapshot
from tests.catalogue_import import gpt_oss_snapshot, groups_of, run, small_snapshot, stale_changes

pytestmark = pytest.mark.django_db


# --- grouping ----------------------------------------------------------------------------


def test_the_many_gpt_oss_120b_rows_of_the_real_snapshot_become_one_model():
    raw = real_snapshot_path().read_bytes()
    models = {m.key: m for m in group_rows(parse_catalogue(raw))}
    model = models["gpt-oss-120b"]
    providers = {r.row.provider_id for r in model.routes}
    assert {"cerebras", "fireworks-ai", "amazon-bedrock", "openrouter", "groq"} <= providers
    assert len(model.routes) > 40
    ids = {r.row.model_id for r in model.routes}
    assert "accounts/fireworks/models/gpt-oss-120b" in ids
    assert "openai.gpt-oss-120b-1:0" in ids
    assert all("120b" in i.lower() for i in ids), "no other model's rows"
    variants = {(r.row.provider_id, r.variant) for r in model.routes if r.variant}
    assert ("openrouter", "free") in variants and ("nebius", "fast") in variants
    assert model.lab == "openai" and model.canonical == "openai/gpt-oss-120b"
    # The 20B model is a model of its own.
    assert all("20b" in r.row.model_id.lower() for r in models["gpt-oss-20b"].routes)


@pytest.mark.parametrize(
    ("model_id", "expected"),
    [
        ("accounts/fireworks/models/gpt-oss-120b", ("gpt-oss-120b", "")),
        ("openai.gpt-oss-120b-1:0", ("gpt-oss-120b", "")),
        ("@cf/openai/gpt-oss-120b", ("gpt-oss-120b", "")),
        ("openai/gpt-oss-120b:free", ("gpt-oss-120b", "free")),
        ("Qwen/Qwen3.5-4B", ("qwen3-5-4b", "")),
        ("qwen3:8b", ("qwen3-8b", "")),
        ("anthropic/claude-sonnet-4:thinking", ("claude-sonnet-4", "thinking")),
        ("gpt-4o-2024-05-13", ("gpt-4o-2024-05-13", "")),
        ("deepseek.v3-v1:0", ("deepseek-v3", "")),
        ("accounts/fireworks/models/kimi-k2p6", ("kimi-k2-6", "")),
        ("文心一言", ("文心一言", "")),
    ],
)
def test_normalising_catalogue_ids(model_id, expected):
    assert normalise(model_id) == expected


def test_variants_are_routes_but_distinct_models_stay_apart():
    raw = snapshot(
        provider("nebius", record("openai/gpt-oss-120b"), record("openai/gpt-oss-120b-fast")),
        provider("xai", record("grok-4"), record("grok-4-fast-reasoning")),
        provider("gateway", record("x-ai/grok-4-fast"), record("x-ai/grok-4")),
        provider("ollama", record("qwen3:8b"), record("qwen3:4b")),
        provider("azure", record("gpt-4o"), record("gpt-4o-2024-05-13")),
        provider("solo", record("llama-3-70b-fast")),
        provider("other", record("llama-3-70b")),
    )
    groups = groups_of(raw)
    assert groups["gpt-oss-120b"] == [
        ("nebius", "openai/gpt-oss-120b", ""),
        ("nebius", "openai/gpt-oss-120b-fast", "fast"),
    ]
    # "grok-4-fast" heads a family of its own (grok-4-fast-reasoning): a product.
    assert groups["grok-4-fast"] == [("gateway", "x-ai/grok-4-fast", "")]
    assert {r[0] for r in groups["grok-4"]} == {"xai", "gateway"}
    assert "qwen3-8b" in groups and "qwen3-4b" in groups
    assert "gpt-4o-2024-05-13" in groups and "gpt-4o" in groups
    # A "-fast" id is only a tier where the same provider also lists the plain model.
    assert "llama-3-70b-fast" in groups


# --- importing ---------------------------------------------------------------------------


def test_import_creates_published_model_pages_with_routes_and_provenance(client):
    report = run(small_snapshot(), snapshot=None)
    page = ModelPage.objects.get(slug="widget-1")
    assert page.live and page.title == "Widget 1"
    routes = {r.provider.catalogue_id: r for r in page.routes.all()}
    assert set(routes) == {"acme", "groq"}
    assert routes["acme"].input_price == Decimal("0.1")
    assert routes["acme"].catalogue_key == "acme/acme/widget-1"
    assert routes["acme"].catalogue_values["source"] == "models.dev"
    assert routes["acme"].catalogue_values["values"]["input_price"] == {
        "value": "0.1",
        "snapshot": "2026-06-01",
    }
    assert page.catalogue_values["values"]["context_window"]["value"] == "131072"
    # Groq already existed (demo data): the route attaches to it; acme is new.
    assert Provider.objects.get(catalogue_id="groq").slug == "groq"
    assert report.tally["providers added"] == 1
    assert ImportRun.objects.get(pk=report.run_id).added == report.count("added")
    # Readers see it.
    soup = BeautifulSoup(client.get("/models/widget-1/").content, "html.parser")
    pricing = soup.find(id="pricing").get_text(" ", strip=True)
    assert "Acme" in pricing and "Groq" in pricing
    capabilities = soup.find(id="capabilities").get_text(" ", strip=True)
    assert "Function calling Yes" in capabilities


def test_a_second_import_of_the_same_file_changes_nothing_and_creates_no_revisions():
    run(small_snapshot())
    pages = {p.pk: (p.latest_revision_id, p.last_published_at) for p in ModelPage.objects.all()}
    revisions = Revision.objects.count()
    routes = list(ProviderRoute.objects.order_by("pk").values())

    again = run(small_snapshot())
    assert not again.changed_anything
    assert (
        again.tally["models added"]
        == again.tally["models changed"]
        == again.tally["routes added"]
        == 0
    )
    assert Revision.objects.count() == revisions
    assert {
        p.pk: (p.latest_revision_id, p.last_published_at) for p in ModelPage.objects.all()
    } == pages
    assert list(ProviderRoute.objects.order_by("pk").values()) == routes


def test_a_newer_snapshot_reports_changes_and_makes_the_right_comparisons_stale():
    demo_price = ProviderRoute.objects.get(
        page__slug="gpt-oss-120b", provider__slug="openrouter"
    ).input_price
    run(gpt_oss_snapshot(float(demo_price)), snapshot=None)
    before = stale_changes()

    report = run(gpt_oss_snapshot(0.05, with_together=False))
    lines = report.lines()
    assert (
        f"changed   gpt-oss-120b route OpenRouter input price: {demo_price.normalize()} → 0.05"
        in lines
    )
    assert any(
        line.startswith("retired   gpt-oss-120b route Together AI: no longer listed")
        for line in lines
    )
    together = ProviderRoute.objects.get(page__slug="gpt-oss-120b", provider__slug="together-ai")
    assert together.retired_on is not None  # kept, not deleted

    after = stale_changes()
    price_change = f"Input price (OpenRouter), gpt-oss-120b: ${demo_price.normalize()} → $0.05"
    for slug, changes in after.items():
        if "gpt-oss-120b" in slug:
            assert price_change in changes
        else:
            assert changes == before[slug], f"{slug} changed though it lacks gpt-oss-120b"
    # The reader's page no longer lists the retired route.
    page = ModelPage.objects.get(slug="gpt-oss-120b")
    assert page.live and not page.has_unpublished_changes
    assert "together-ai" not in {r.provider.slug for r in page.routes.all() if r.tracked}


def test_values_an_editor_set_are_kept_and_reported_as_conflicts():
    run(small_snapshot())
    page = ModelPage.objects.get(slug="widget-1")
    page.context_window = 200_000  # the editor knows better
    page.save_revision().publish()

    changed = snapshot(
        provider(
            "acme",
            record(
                "acme/widget-1",
                "Widget 1",
                limit={"context": 150_000, "output": 65_536},
                last_updated="2026-07-01",
            ),
            record("acme/widget-2", "Widget 2", reasoning=True),
        ),
        provider("groq", record("acme/widget-1", "Widget One")),
    )
    report = run(changed)
    page.refresh_from_db()
    assert page.context_window == 200_000
    assert page.max_output_tokens == 65_536  # untouched by the editor: updated
    conflicts = [c for c in report.entries if c.kind == "conflict"]
    assert [(c.subject, c.field, c.old, c.new) for c in conflicts] == [
        ("Widget 1", "context window", "200000", "150000")
    ]
    assert "kept the editor's value" in conflicts[0].line()


def test_a_model_with_an_unpublished_draft_is_left_alone_and_reported():
    run(small_snapshot())
    page = ModelPage.objects.get(slug="widget-1")
    page.summary = "Draft in progress"
    page.save_revision()
    report = run(small_snapshot(price=0.2))
    assert ProviderRoute.objects.get(page=page, provider__catalogue_id="acme").input_price == (
        Decimal("0.1")
    )
    assert any(
        c.kind == "conflict" and c.subject == "Widget 1" and "unpublished draft" in c.message
        for c in report.entries
    )


def test_a_changed_model_page_with_revisions_gets_a_new_published_revision():
    run(small_snapshot())
    page = ModelPage.objects.get(slug="widget-1")
    page.save_revision().publish()
    count = page.revisions.count()
    run(small_snapshot(price=0.3))
    page.refresh_from_db()
    assert page.revisions.count() == count + 1
    latest = page.get_latest_revision_as_object()
    acme = next(r for r in latest.routes.all() if r.catalogue_key == "acme/acme/widget-1")
    assert acme.input_price == Decimal("0.3")  # the editor opens what readers see


# --- suspicious values and zero prices ---------------------------------------------------


def test_suspicious_records_come_in_with_warnings_and_zero_prices_are_never_cheapest(client):
    raw = snapshot(
        provider(
            "frogbot",
            record("gizmo-1", "Gizmo 1", release_date="1970-01-01", cost={"input": 0, "output": 0}),
        ),
        provider(
            "acme",
            record("gizmo-1", "Gizmo 1", release_date="1970-01", cost={"input": 2, "output": 8}),
        ),
    )
    report = run(raw)
    warnings = [c.line() for c in report.entries if c.kind == "warning"]
    assert any("frogbot/gizmo-1" in w and "release date 1970-01-01" in w for w in warnings)
    assert any("frogbot/gizmo-1" in w and "input price listed as 0" in w for w in warnings)
    page = ModelPage.objects.get(slug="gizmo-1")
    assert page.release_date is None
    assert page.cheapest_input_price == Decimal("2")
    soup = BeautifulSoup(client.get("/models/gizmo-1/").content, "html.parser")
    rows = {
        tr.th.get_text(" ", strip=True): tr for tr in soup.find(id="pricing").select("tbody tr")
    }
    frogbot = next(text for text in rows if text.startswith("Frogbot"))
    assert "Listed at $0" in frogbot
    assert "cheapest" not in (rows[frogbot].get("class") or [])
    assert "$0 " not in soup.find(id="pricing").select_one("tr.cheapest").get_text(" ")
