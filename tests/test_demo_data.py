"""The demo loader is idempotent and its changes go through revisions."""

import json

import pytest
from wagtail.models import Revision, Site

from comparisons.models import ModelPage, Provider, ReferenceSettings
from home.demo_data import DEFAULT_PATH, load_demo_data

pytestmark = pytest.mark.django_db


def test_second_load_changes_nothing():
    revisions = Revision.objects.count()
    pages = ModelPage.objects.count()
    report = load_demo_data(update=True)
    assert not report.changed, report.created + report.updated
    assert Revision.objects.count() == revisions
    assert ModelPage.objects.count() == pages == 6


def test_site_points_at_the_home_page_with_settings():
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.__class__.__name__ == "HomePage"
    settings = ReferenceSettings.for_site(site)
    profile = settings.default_traffic_profile
    assert (profile.monthly_input_tokens, profile.monthly_output_tokens) == (
        800_000_000,
        250_000_000,
    )


def test_a_changed_fact_is_published_as_one_new_revision(tmp_path):
    data = json.loads(DEFAULT_PATH.read_text())
    entry = next(m for m in data["models"] if m["slug"] == "gpt-5-1-codex")
    entry["routes"][0]["input_price"] = "1.00"
    changed = tmp_path / "demo.json"
    changed.write_text(json.dumps(data))

    page = ModelPage.objects.get(slug="gpt-5-1-codex")
    before = page.revisions.count()
    report = load_demo_data(changed, update=True)
    assert report.updated == ["model page gpt-5-1-codex"]
    page.refresh_from_db()
    assert page.revisions.count() == before + 1
    assert str(page.routes.get().input_price.normalize()) == "1"
    assert not page.has_unpublished_changes
    # And loading it again is quiet.
    assert not load_demo_data(changed, update=True).changed


def test_provider_snippet_is_updated_in_place(tmp_path):
    data = json.loads(DEFAULT_PATH.read_text())
    data["providers"][0]["docs_url"] = "https://example.com/docs"
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(data))
    pk = Provider.objects.get(slug=data["providers"][0]["slug"]).pk
    report = load_demo_data(path, update=True)
    assert report.updated == [f"provider {data['providers'][0]['name']}"]
    assert Provider.objects.get(pk=pk).docs_url == "https://example.com/docs"


def test_load_command_reports_unchanged(capsys):
    from django.core.management import call_command

    call_command("load_demo_data")
    out = capsys.readouterr().out
    assert "0 created, 0 updated" in out


def test_load_command_rejects_a_missing_file(tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="not found"):
        call_command("load_demo_data", path=tmp_path / "nope.json")


def test_setup_keeps_what_editors_changed(tmp_path):
    """bin/setup loads without --update: an editor's published change survives it."""
    from django.core.management import call_command

    page = ModelPage.objects.get(slug="codex-1")
    page.best_for = "agentic refactors"
    page.save_revision().publish()
    revisions = page.revisions.count()
    call_command("load_demo_data")
    page.refresh_from_db()
    assert page.best_for == "agentic refactors"
    assert page.revisions.count() == revisions
    call_command("load_demo_data", update=True)
    page.refresh_from_db()
    assert page.best_for == "custom coding agents and code generation"
