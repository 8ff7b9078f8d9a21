"""One import at a time, whoever starts it (the admin's forms, the commands), and how a run
stranded by a stopped worker stops blocking: it counts as abandoned after
COMPARISONS_IMPORT_STALE_AFTER, and a Data manager may mark it as failed at once."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comparisons.importers import runs
from comparisons.models import ImportRun
from comparisons.review.setup import DATA_MANAGERS, EDITORS
from tests.catalogue_import import small_snapshot
from tests.helpers import text_of
from tests.legacy_import import (
    FIXTURES,
    PAGES,
    counts,
    import_url,
    latest_run,
    report_of,
    started,
    upload,
)

pytest_plugins = ["tests.legacy_import_fixtures"]

pytestmark = pytest.mark.django_db


def run_page_url(run: ImportRun) -> str:
    return reverse("comparisons_import_log:inspect", args=(run.pk,))


def stuck(user=None, hours: float = 0, state: str = ImportRun.State.RUNNING) -> ImportRun:
    """A catalogue run whose worker stopped `hours` ago, as the log holds it."""
    run = runs.claim(ImportRun.Kind.CATALOGUE, source="models-dev.json", user=user)
    ImportRun.objects.filter(pk=run.pk).update(
        state=state, started_at=timezone.now() - timedelta(hours=hours)
    )
    run.refresh_from_db()
    return run


# --- a second start is refused -------------------------------------------------------------


def test_a_legacy_upload_is_refused_while_another_import_runs(client, user_in, no_comparisons):
    manager = user_in(EDITORS, DATA_MANAGERS)
    manager.first_name = "Mona"
    manager.save()
    other = stuck(manager)
    form = report_of(client.get(import_url()))
    assert "An import is in progress" in text_of(form.select_one(".import-current"))
    before = counts()
    soup = report_of(client.post(import_url(), {"files": [upload(PAGES[0])]}))
    errors = [text_of(li) for li in soup.select(".messages li.error")]
    assert len(errors) == 1
    assert errors[0].startswith(
        "Nothing was started. Another import is in progress (Catalogue (models.dev) import of "
        "models-dev.json by Mona, running since "
    )
    assert counts() == before
    # Once the other run has ended, the same upload goes ahead.
    runs.fail(other, "stopped")
    started(client, [upload(PAGES[0])])
    assert latest_run().state == ImportRun.State.DONE


def test_the_commands_refuse_to_start_while_another_import_runs(tmp_path, settings):
    other = stuck(hours=0.5, state=ImportRun.State.QUEUED)
    since = runs.when(other.started_at)
    named = (
        "Another import is in progress (Catalogue (models.dev) import of models-dev.json by the "
        f"command line, queued since {since})"
    )
    catalogue = tmp_path / "snap.json"
    catalogue.write_bytes(small_snapshot())
    settings.COMPARISONS_CATALOGUE_URL = "http://127.0.0.1:9/api.json"
    before = counts()
    commands = [
        ("import_legacy_pages", str(FIXTURES / f"{PAGES[0]}.txt")),
        ("import_catalogue", str(catalogue)),
        ("import_catalogue", "--url", "http://127.0.0.1:9/api.json"),
        ("refresh_catalogue", "--force"),
    ]
    for command in commands:
        with pytest.raises(CommandError) as refused:
            call_command(*command, stdout=io.StringIO())
        assert named in str(refused.value), command
    assert counts() == before
    # A dry run writes nothing, so it goes ahead, and leaves no run behind.
    out = io.StringIO()
    call_command("import_legacy_pages", str(FIXTURES / f"{PAGES[0]}.txt"), "--dry-run", stdout=out)
    assert "Dry run, nothing saved. 1 page: " in out.getvalue()
    assert counts() == before


def test_a_command_line_import_is_one_run_of_the_log():
    before = ImportRun.objects.count()
    out = io.StringIO()
    call_command("import_legacy_pages", str(FIXTURES / f"{PAGES[2]}.txt"), stdout=out)
    assert ImportRun.objects.count() == before + 1
    run = latest_run()
    assert (run.state, run.user, run.dry_run) == (ImportRun.State.DONE, None, False)
    assert f"Recorded as import run #{run.pk}." in out.getvalue()
    assert [page["source"] for page in run.pages] == [f"{PAGES[2]}.txt"]


# --- a run left behind by a stopped worker --------------------------------------------------


def test_a_stale_run_is_failed_when_the_next_import_starts(client, user_in, no_comparisons):
    user_in(EDITORS)
    old = stuck(hours=3)
    started(client, [upload(PAGES[1])])
    old.refresh_from_db()
    assert old.state == ImportRun.State.FAILED
    assert "abandoned: the worker stopped before it finished; nothing was imported" in old.error
    assert f"It started {runs.when(old.started_at)}" in old.error
    new = latest_run()
    assert new.state == ImportRun.State.DONE and new.summary.startswith("1 page: 1 created")
    soup = report_of(client.get(run_page_url(old)))
    assert "abandoned: the worker stopped" in text_of(soup.select_one(".import-error"))


def test_a_run_younger_than_the_setting_still_blocks(settings):
    settings.COMPARISONS_IMPORT_STALE_AFTER = 4 * 60 * 60  # seconds
    old = stuck(hours=3)
    with pytest.raises(runs.ImportBusy):
        runs.claim(ImportRun.Kind.LEGACY, source="x.txt")
    settings.COMPARISONS_IMPORT_STALE_AFTER = timedelta(hours=2, minutes=30)
    assert runs.claim(ImportRun.Kind.LEGACY, source="x.txt").state == ImportRun.State.QUEUED
    old.refresh_from_db()
    assert old.state == ImportRun.State.FAILED


def test_a_data_manager_marks_a_stuck_run_as_failed(django_user_model):
    manager = django_user_model.objects.create_user("mona", password="pw-123456", first_name="Mona")
    manager.groups.add(*Group.objects.filter(name__in=[EDITORS, DATA_MANAGERS]))
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    run = stuck()
    soup = BeautifulSoup(client.get(run_page_url(run)).content, "html.parser")
    form = soup.select_one("form.import-mark-failed")
    assert text_of(form.select_one("button.button")) == "Mark as failed"
    assert form["method"] == "post"
    # Without the form's CSRF token the POST is refused.
    assert client.post(form["action"]).status_code == 403
    token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    response = client.post(form["action"], {"csrfmiddlewaretoken": token}, follow=True)
    assert response.redirect_chain == [(run_page_url(run), 302)]
    run.refresh_from_db()
    assert run.state == ImportRun.State.FAILED and run.finished_at
    assert run.error.startswith("Marked as failed by Mona on ")
    soup = BeautifulSoup(response.content, "html.parser")
    assert text_of(soup.select_one(".import-state h2")) == "Failed"
    assert "marked as failed: another import can start" in text_of(soup.select_one(".messages"))
    assert not soup.select("form.import-mark-failed")  # a finished run has no button
    assert runs.claim(ImportRun.Kind.LEGACY, source="x.txt").state == ImportRun.State.QUEUED


def test_an_editor_may_not_mark_a_run_as_failed(client, user_in):
    user_in(EDITORS)
    run = stuck()
    soup = report_of(client.get(run_page_url(run)))
    assert text_of(soup.select_one(".import-state h2")) == "Running"
    assert not soup.select("form.import-mark-failed")
    response = client.post(reverse("comparisons_import_log:mark_failed", args=(run.pk,)))
    assert response.status_code == 403
    run.refresh_from_db()
    assert run.state == ImportRun.State.RUNNING
