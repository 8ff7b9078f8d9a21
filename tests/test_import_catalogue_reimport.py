"""Catalogue re-imports: routes that leave or move are retired, keys stay stable, what
editors set, cleared or retired stays so; and what one import makes of awkward snapshots."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from comparisons.models import ModelPage, Provider, ProviderRoute
from tests.catalogue_data import provider, record, snapshot
from tests.catalogue_import import gpt_oss_snapshot, groups_of, run, small_snapshot

pytestmark = pytest.mark.django_db


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


# --- awkward snapshots -------------------------------------------------------------------


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
