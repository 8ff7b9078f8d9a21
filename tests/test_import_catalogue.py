"""The models.dev catalogue importer: grouping, idempotence, updates, editor-owned values,
bad input and the admin entry points."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Revision

from comparisons.facts import site_default_traffic
from comparisons.importers.catalogue.group import group_rows, normalise
from comparisons.importers.catalogue.parse import CatalogueError, parse_catalogue
from comparisons.importers.catalogue.run import import_catalogue_bytes
from comparisons.models import (
    ComparisonPage,
    ImportRun,
    ModelPage,
    Provider,
    ProviderRoute,
)
from comparisons.review.status import review_statuses
from tests.catalogue_data import provider, real_snapshot_path, record, snapshot

pytestmark = pytest.mark.django_db


def run(raw: bytes, **options):
    return import_catalogue_bytes(raw, source="test.json", **options)


def groups_of(raw: bytes) -> dict[str, list[tuple[str, str, str]]]:
    models = group_rows(parse_catalogue(raw))
    return {
        m.key: sorted((r.row.provider_id, r.row.model_id, r.variant) for r in m.routes)
        for m in models
    }


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


def small_snapshot(price: float = 0.1, *, extra: tuple = (), drop_groq: bool = False) -> bytes:
    rows = [
        provider(
            "acme",
            record("acme/widget-1", "Widget 1", cost={"input": price, "output": 0.5}),
            record("acme/widget-2", "Widget 2", reasoning=True),
        ),
    ]
    if not drop_groq:
        rows.append(provider("groq", record("acme/widget-1", "Widget One")))
    return snapshot(*rows, *extra)


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


def stale_changes() -> dict[str, list[str]]:
    pages = list(ComparisonPage.objects.live())
    statuses = review_statuses(pages, site_default_traffic())
    return {s.page.slug: [str(c) for c in s.changes] for s in statuses.values()}


def gpt_oss_snapshot(input_price: float, *, with_together: bool = True) -> bytes:
    route = ProviderRoute.objects.get(page__slug="gpt-oss-120b", provider__slug="openrouter")
    rows = [
        provider(
            "openrouter",
            record(
                "openai/gpt-oss-120b",
                cost={"input": input_price, "output": float(route.output_price)},
                limit={"context": route.context_limit, "output": 32768},
            ),
            name="OpenRouter",
        )
    ]
    if with_together:
        rows.append(provider("togetherai", record("openai/gpt-oss-120b"), name="Together AI"))
    return snapshot(*rows)


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


# --- bad input ---------------------------------------------------------------------------


def counts() -> tuple[int, ...]:
    return (
        ModelPage.objects.count(),
        ProviderRoute.objects.count(),
        Provider.objects.count(),
        ImportRun.objects.count(),
        Revision.objects.count(),
    )


GOOD = provider("acme", record("acme/widget-1"))["acme"]


def with_record(**overrides) -> bytes:
    return snapshot(
        provider("acme", record("acme/ok-model")), provider("zeta", record("z-1", **overrides))
    )


BAD_INPUTS = {
    "malformed JSON": (b'{"acme": {"id": "acme",', "malformed JSON at line 1"),
    "NaN": (
        with_record(cost={"input": 1, "output": 2}).replace(b'"input": 1', b'"input": NaN'),
        "NaN is not a number JSON allows",
    ),
    "Infinity": (
        with_record(cost={"input": 1, "output": 2}).replace(b'"output": 2', b'"output": Infinity'),
        "Infinity is not a number JSON allows",
    ),
    "negative price": (
        with_record(cost={"input": -1, "output": 2}),
        "zeta/z-1.cost.input: must not be negative, got -1",
    ),
    "non-numeric price": (
        with_record(cost={"input": "cheap", "output": 2}),
        "zeta/z-1.cost.input: must be a number (USD per 1M tokens), got text 'cheap'",
    ),
    "duplicate keys": (
        with_record().replace(b'"name": "z-1"', b'"name": "z-1", "name": "z-one"'),
        "zeta/z-1: key 'name' appears more than once",
    ),
    "BOM": (b"\xef\xbb\xbf" + with_record(), "byte-order mark"),
    "wrong type": (
        with_record(limit={"context": "big", "output": 10}),
        "zeta/z-1.limit.context: must be a whole number of tokens, got text 'big'",
    ),
    "missing required field": (with_record(drop=("name",)), "zeta/z-1.name: missing (required)"),
    "absurd size": (
        with_record(limit={"context": 10**12, "output": 10}),
        "zeta/z-1.limit.context: 1,000,000,000,000 tokens is absurd",
    ),
    "absurd price": (
        with_record(cost={"input": 1e9, "output": 2}),
        "zeta/z-1.cost.input: $1000000000.0 per 1M tokens is absurd",
    ),
    "unknown field": (with_record(colour="blue"), "zeta/z-1.colour: unknown field"),
    "not an object": (b"[1, 2]", "must be an object of providers"),
    "not a date": (with_record(release_date="soon"), "zeta/z-1.release_date: 'soon' is not a date"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "NUL character": (
        with_record(name="bad\x00name"),
        "zeta/z-1.name: contains control characters",
    ),
    "unpaired surrogate": (
        with_record().replace(b'"name": "z-1"', b'"name": "z\\ud800"'),
        "zeta/z-1.name: contains control characters or unpaired surrogates",
    ),
    "too long a name": (
        with_record(name="n" * 300),
        "zeta/z-1.name: 300 characters is longer than 255",
    ),
    "javascript link": (
        snapshot(provider("acme", record("a-1"))).replace(
            b"https://acme.example.com/docs", b"javascript:alert(1)"
        ),
        "acme.doc: 'javascript:alert(1)' is not an http(s) URL",
    ),
    "empty catalogue": (b"{}", "has no provider-model entries"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_names_the_record_and_field_and_writes_nothing(case, tmp_path):
    raw, message = BAD_INPUTS[case]
    before = counts()
    with pytest.raises(CatalogueError) as caught:
        run(raw)
    assert message in str(caught.value)
    assert counts() == before

    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(CommandError) as command:
        call_command("import_catalogue", str(path), stdout=io.StringIO())
    assert "Nothing was imported." in str(command.value) and message in str(command.value)
    assert counts() == before


def test_an_error_in_the_last_record_leaves_earlier_good_records_unwritten():
    good = [record(f"model-{i}") for i in range(50)]
    raw = snapshot(provider("acme", *good, record("broken", cost={"input": -5, "output": 1})))
    before = counts()
    with pytest.raises(CatalogueError):
        run(raw)
    assert counts() == before


# --- the command -------------------------------------------------------------------------


def test_dry_run_prints_the_report_and_writes_nothing(tmp_path):
    path = tmp_path / "snap.json"
    path.write_bytes(small_snapshot())
    before = counts()
    out = io.StringIO()
    call_command("import_catalogue", str(path), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "added     Model Widget 1: 2 routes" in text
    assert "Dry run, nothing written: 2 models added" in text
    assert counts() == before


def test_the_command_prints_progress_lines_and_records_the_run(tmp_path):
    path = tmp_path / "snap.json"
    path.write_bytes(small_snapshot())
    out = io.StringIO()
    call_command("import_catalogue", str(path), "--snapshot-date", "2026-07-02", stdout=out)
    text = out.getvalue()
    assert "Imported 2 of 2 models" in text  # plain lines: the output is not a terminal
    assert "2 models added" in text
    run_ = ImportRun.objects.get()
    assert run_.snapshot_date.isoformat() == "2026-07-02" and run_.source == "snap.json"
    assert f"import run #{run_.pk}" in text


# --- admin ---------------------------------------------------------------------------------


@pytest.fixture
def editor(django_user_model):
    """An editor who is also a data manager: a real catalogue import publishes, so it
    needs the Data managers group (an editor alone gets dry runs only)."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("eddie", password="pw-eddie-123")
    user.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name="Data managers"))
    return user


def upload(name: str, raw: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, raw, content_type="application/json")


def test_an_editor_can_dry_run_then_import_from_the_admin(client, editor):
    client.force_login(editor)
    url = reverse("comparisons_import_catalogue")
    before = counts()
    response = client.post(
        url, {"catalogue": upload("snap.json", small_snapshot()), "dry_run": "on"}, follow=True
    )
    # The run's page in the import log: the import ran in the background (here, at once).
    assert response.redirect_chain[-1][0].startswith("/admin/import-log/inspect/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Dry run, nothing written" in soup.select_one(".import-summary").get_text()
    assert "Model Widget 1: 2 routes" in soup.select_one(".import-report").get_text()
    # Nothing written but the run's own record, marked as a dry run.
    assert counts() == (*before[:3], before[3] + 1, before[4])
    assert ImportRun.objects.get().dry_run

    response = client.post(url, {"catalogue": upload("snap.json", small_snapshot())}, follow=True)
    soup = BeautifulSoup(response.content, "html.parser")
    assert "2 models added" in soup.select_one(".import-summary").get_text()
    run_ = ImportRun.objects.get(dry_run=False)
    assert run_.user == editor
    # The log shows the run and its report.
    log = BeautifulSoup(client.get(reverse("comparisons_import_log:index")).content, "html.parser")
    assert "snap.json" in log.get_text()
    detail = client.get(reverse("comparisons_import_log:inspect", args=[run_.pk]))
    report = BeautifulSoup(detail.content, "html.parser").select_one(".import-report")
    assert "Model Widget 1" in report.get_text()


def test_a_bad_upload_shows_the_problem_and_imports_nothing(client, editor):
    client.force_login(editor)
    before = counts()
    response = client.post(
        reverse("comparisons_import_catalogue"),
        {"catalogue": upload("bad.json", with_record(cost={"input": -1, "output": 2}))},
    )
    assert response.status_code == 200
    assert "zeta/z-1.cost.input: must not be negative" in response.content.decode()
    assert counts() == before


def test_imports_and_the_log_need_permission(client, django_user_model):
    from django.contrib.auth.models import Group, Permission

    staff = django_user_model.objects.create_user("nobody", password="pw-nobody-123")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get(reverse("comparisons_import_catalogue")).status_code in (302, 403)
    refused = client.post(
        reverse("comparisons_import_catalogue"), {"catalogue": upload("s.json", small_snapshot())}
    )
    assert refused.status_code in (302, 403)
    assert ModelPage.objects.filter(slug="widget-1").count() == 0
    assert client.get(reverse("comparisons_import_log:index")).status_code in (302, 403)

    reviewer = django_user_model.objects.create_user("rita", password="pw-rita-123")
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    client.force_login(reviewer)
    assert client.get(reverse("comparisons_import_log:index")).status_code == 200
    assert client.get(reverse("comparisons_import_catalogue")).status_code in (302, 403)
    run(small_snapshot())
    run_ = ImportRun.objects.get()
    # The log is a record: nobody edits or deletes it.
    assert client.get(reverse("comparisons_import_log:edit", args=[run_.pk])).status_code in (
        302,
        403,
    )


# --- the real snapshot ---------------------------------------------------------------------


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


# --- routes that leave or move, keys that must stay stable -------------------------------


def test_a_model_the_catalogue_drops_keeps_its_page_but_its_routes_are_retired():
    run(small_snapshot())
    only_one = snapshot(provider("acme", record("acme/widget-1", "Widget 1")))
    report = run(only_one)
    page = ModelPage.objects.get(slug="widget-2")
    assert page.live
    assert [r.tracked for r in page.routes.all()] == [False]
    assert any(
        c.kind == "retired" and c.subject.startswith("Widget 2 route") for c in report.entries
    )


def test_a_row_that_moves_to_another_model_is_retired_where_it_was():
    first = snapshot(provider("nebius", record("openai/gpt-oss-999b-fast", "Fast 999")))
    run(first)
    assert ModelPage.objects.filter(slug="gpt-oss-999b-fast").exists()
    second = snapshot(
        provider(
            "nebius",
            record("openai/gpt-oss-999b-fast", "Fast 999"),
            record("openai/gpt-oss-999b", "GPT OSS 999B"),
        )
    )
    run(second)
    live_routes = ProviderRoute.objects.filter(
        catalogue_key="nebius/openai/gpt-oss-999b-fast", retired_on__isnull=True
    )
    assert [r.page.slug for r in live_routes] == ["gpt-oss-999b"]
    assert live_routes.get().variant == "fast"


def test_the_command_and_the_admin_group_the_same_way(client, editor, tmp_path):
    rows = snapshot(
        provider("google", record("gemini-2.0-flash", "Gemini 2.0 Flash")),
        provider("openrouter", record("google/gemini-2.0-flash-001", "Gemini Flash 2.0")),
    )
    path = tmp_path / "snap.json"
    path.write_bytes(rows)
    call_command("import_catalogue", str(path), stdout=io.StringIO())
    pages = ModelPage.objects.count()
    client.force_login(editor)
    response = client.post(
        reverse("comparisons_import_catalogue"), {"catalogue": upload("s.json", rows)}, follow=True
    )
    summary = (
        BeautifulSoup(response.content, "html.parser").select_one(".import-summary").get_text()
    )
    assert summary.startswith("0 models added, 0 changed, 0 routes added, 0 changed")
    assert ModelPage.objects.count() == pages


def test_very_long_ids_do_not_make_a_new_page_each_run():
    long_id = "x" * 200  # the longest id a route can hold
    raw = snapshot(provider("acme", record(long_id, "Long one")))
    run(raw)
    run(raw)
    assert ModelPage.objects.filter(title="Long one").count() == 1
    assert ProviderRoute.objects.filter(page__title="Long one").count() == 1


def test_a_draft_keeps_its_text_and_stays_a_draft():
    from comparisons.models import ModelIndexPage

    index = ModelIndexPage.objects.get()
    draft = ModelPage(title="Widget 1", slug="widget-1", live=False)
    index.add_child(instance=draft)
    draft.summary = "Written by an editor, not yet published"
    draft.save_revision()
    run(small_snapshot())
    draft.refresh_from_db()
    assert not draft.live
    latest = draft.get_latest_revision_as_object()
    assert latest.summary == "Written by an editor, not yet published"
    assert latest.context_window == 131072
    assert {r.provider.catalogue_id for r in latest.routes.all()} == {"acme", "groq"}


def test_a_value_an_editor_cleared_stays_cleared():
    run(small_snapshot())
    page = ModelPage.objects.get(slug="widget-1")
    page.context_window = None
    page.save_revision().publish()
    report = run(small_snapshot())
    page.refresh_from_db()
    assert page.context_window is None
    assert any(
        c.kind == "conflict" and "context window cleared by an editor" in c.message
        for c in report.entries
    )


def test_a_route_an_editor_retired_stays_retired():
    from datetime import date

    run(small_snapshot())
    page = ModelPage.objects.get(slug="widget-1")
    routes = list(page.routes.all())
    for route in routes:
        if route.provider.catalogue_id == "groq":
            route.retired_on = date(2026, 5, 1)
    page.routes = routes
    page.save_revision().publish()
    assert ProviderRoute.objects.get(
        page__slug="widget-1", provider__catalogue_id="groq"
    ).retired_on == date(2026, 5, 1)
    report = run(small_snapshot())
    groq = ProviderRoute.objects.get(page__slug="widget-1", provider__catalogue_id="groq")
    assert groq.retired_on == date(2026, 5, 1)
    assert any(c.kind == "conflict" and "retired by an editor" in c.message for c in report.entries)


def test_a_future_snapshot_date_is_capped_at_today():
    from datetime import date, timedelta

    future = date.today() + timedelta(days=30)
    report = run(small_snapshot(), snapshot=future)
    assert report.snapshot == date.today()
    assert any(c.subject == "Snapshot" and "in the future" in c.message for c in report.entries)
    assert ProviderRoute.objects.filter(checked_on__gt=date.today()).count() == 0


def test_two_catalogue_providers_with_one_name_stay_two_providers():
    raw = snapshot(
        provider("acme", record("a-1"), name="Acme"),
        provider("acme-eu", record("a-1"), name="Acme"),
    )
    run(raw)
    assert Provider.objects.get(catalogue_id="acme").name == "Acme"
    assert Provider.objects.get(catalogue_id="acme-eu").name == "Acme (acme-eu)"


def test_generic_router_names_are_one_model_per_provider():
    groups = groups_of(
        snapshot(
            provider("openrouter", record("openrouter/auto")),
            provider("kilo", record("kilo/auto")),
            provider("vercel", record("mistral/mistral-small")),
            provider("kilo2", record("small")),
        )
    )
    assert "openrouter-auto" in groups and "kilo-auto" in groups and "auto" not in groups
    assert groups["mistral-small"] == [("vercel", "mistral/mistral-small", "")]


def test_pages_that_would_read_alike_are_told_apart(client):
    raw = snapshot(
        provider(
            "anthropic", record("claude-x-1", "Claude X"), record("claude-x-1-20250929", "Claude X")
        ),
        provider(
            "amazon-bedrock",
            record("anthropic.claude-x-1", "Claude X", open_weights=False),
            record("anthropic.claude-x-1-v1:0", "Claude X", open_weights=False),
        ),
    )
    run(raw)
    titles = sorted(
        ModelPage.objects.filter(title__startswith="Claude X").values_list("title", flat=True)
    )
    assert titles == ["Claude X", "Claude X (claude-x-1-20250929)"]
    # Two routes of one provider keep their ids (no made-up variant) and are labelled by
    # what tells them apart.
    routes = ProviderRoute.objects.filter(provider__catalogue_id="amazon-bedrock")
    assert sorted(r.variant for r in routes) == ["", ""]
    page = routes.first().page
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    shown = [a.get_text(strip=True) for a in soup.select("#pricing tbody th a:first-child")]
    assert "Amazon-Bedrock" in shown
    assert "Amazon-Bedrock (v1:0)" in shown  # the part of the id the other route lacks


def test_open_weights_follow_most_rows():
    raw = snapshot(
        provider("openai", record("oss-9b", open_weights=False)),
        provider("groq", record("oss-9b")),
        provider("cerebras", record("oss-9b")),
    )
    run(raw)
    assert ModelPage.objects.get(slug="oss-9b").licence.openness == "open_weights"


def test_a_partial_snapshot_is_flagged_first_in_the_admin(client, editor):
    run(small_snapshot())
    client.force_login(editor)
    partial = snapshot(provider("acme", record("acme/widget-1", "Widget 1")))
    response = client.post(
        reverse("comparisons_import_catalogue"),
        {"catalogue": upload("partial.json", partial), "dry_run": "on"},
        follow=True,
    )
    soup = BeautifulSoup(response.content, "html.parser")
    notice = soup.select_one(".import-notice").get_text(" ", strip=True)
    assert "disappear in this file: check that it is a complete snapshot" in notice
    first_line = soup.select_one(".import-report pre").get_text().splitlines()[0]
    assert first_line.startswith("warning   Snapshot")


def test_models_added_by_one_import_are_listed_newest_release_first_on_home(client):
    raw = snapshot(
        provider(
            "acme",
            record("older-1", "Older One", release_date="2024-01-10"),
            record("newer-1", "Newer One", release_date="2026-03-01"),
            record("middle-1", "Middle One", release_date="2025-05-05"),
        )
    )
    run(raw)
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    names = [a.get_text(strip=True) for a in soup.find(id="recent-models").select("li a")]
    assert names[:3] == ["Newer One", "Middle One", "Older One"]


def test_a_long_list_of_changed_facts_is_folded_in_the_re_review_report(client):
    from django.contrib.auth.models import Group

    run(gpt_oss_snapshot(0.05))  # fills and changes many facts of gpt-oss-120b
    reviewer = Group.objects.get(name="Reviewers").user_set.first()
    if reviewer is None:
        from django.contrib.auth import get_user_model

        reviewer = get_user_model().objects.create_user("rev", password="pw-rev-12345")
        reviewer.groups.add(Group.objects.get(name="Reviewers"))
    client.force_login(reviewer)
    soup = BeautifulSoup(client.get(reverse("comparisons_needs_re_review")).content, "html.parser")
    folded = soup.select("td details")
    assert folded, "a row with many changes shows three and folds the rest"
    shown = folded[0].find_parent("td").select(":scope > ul > li")
    assert len(shown) == 3
    hidden = folded[0].select("li")
    assert folded[0].summary.get_text(strip=True) == f"{len(hidden)} more"


def test_a_route_priced_far_below_the_others_is_reported():
    rows = [
        provider(pid, record("claude-y", "Claude Y", cost={"input": 3, "output": 15}))
        for pid in ("p1", "p2", "p3", "p4")
    ]
    cheap = provider("qihang", record("claude-y", "Claude Y", cost={"input": 0.43, "output": 2.14}))
    report = run(snapshot(*rows, cheap))
    notes = [
        c.message for c in report.entries if c.kind == "warning" and c.subject == "Model Claude Y"
    ]
    assert notes == [
        "qihang/claude-y: input price $0.43 is under a quarter of the median $3 across 5 routes: check it",
        "qihang/claude-y: output price $2.14 is under a quarter of the median $15 across 5 routes: check it",
    ]
