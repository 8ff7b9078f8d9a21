"""Imports as background tasks, and the catalogue fetched from a URL.

The tasks run on the immediate backend here (test settings), so a POST that starts an
import returns when it has finished; the run's page in the import log is what the editor
comes back to. The URL cases run against a local HTTP server (pytest-httpserver).
"""

from __future__ import annotations

import io
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from werkzeug import Response

from comparisons.importers import runs
from comparisons.importers.catalogue import tasks
from comparisons.importers.catalogue.run import import_catalogue_bytes
from comparisons.models import ImportRun, ModelPage, Provider, ProviderRoute
from tests.catalogue_data import provider, record, snapshot
from tests.catalogue_import import counts, small_snapshot, with_record
from tests.test_import_catalogue_admin import upload

pytestmark = pytest.mark.django_db


def user_in(django_user_model, name: str, *groups: str):
    user = django_user_model.objects.create_user(name, password=f"pw-{name}-123")
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user


def page_of(client, run: ImportRun) -> BeautifulSoup:
    response = client.get(reverse("comparisons_import_log:inspect", args=[run.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(soup: BeautifulSoup, selector: str) -> str:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found.get_text(" ", strip=True)


# --- started from the admin --------------------------------------------------------------


def test_the_run_page_shows_progress_while_it_runs_then_the_report(client, django_user_model):
    manager = user_in(django_user_model, "mona", "Editors", "Data managers")
    client.force_login(manager)
    rows = snapshot(provider("bulk", *(record(f"bulk-{i}", f"Bulk {i}") for i in range(120))))
    run = runs.claim(ImportRun.Kind.CATALOGUE, source="bulk.json", user=manager)
    assert text(page_of(client, run), ".import-state h2") == "Queued"
    seen: list[str] = []

    def work(run: ImportRun):
        hook = runs.progress_hook(run)

        def progress(done: int, total: int) -> None:
            hook(done, total)
            seen.append(text(page_of(client, run), ".import-progress"))

        return import_catalogue_bytes(rows, source=run.source, progress=progress, run=run)

    assert runs.execute(run.pk, work) == ImportRun.State.DONE
    assert seen[0] == "Writing models: 50 of 120."
    assert seen[-1] == "Writing models: 120 of 120."
    soup = page_of(client, run)
    assert text(soup, ".import-state h2") == "Done"
    assert text(soup, ".import-summary").startswith("120 models added")
    assert "Bulk 7" in text(soup, ".import-report")
    assert not soup.select(".import-progress")


def test_an_import_started_from_the_admin_ends_on_its_page_with_the_report(
    client, django_user_model
):
    manager = user_in(django_user_model, "mona", "Editors", "Data managers")
    client.force_login(manager)
    response = client.post(
        reverse("comparisons_import_catalogue"),
        {"catalogue": upload("snap.json", small_snapshot())},
        follow=True,
    )
    run = ImportRun.objects.get()
    assert response.redirect_chain == [
        (reverse("comparisons_import_log:inspect", args=[run.pk]), 302)
    ]
    soup = BeautifulSoup(response.content, "html.parser")
    assert "started: this page shows its progress and then its report" in soup.get_text()
    assert text(soup, ".import-state h2") == "Done"
    assert text(soup, ".import-summary").startswith("2 models added")
    assert (run.state, run.user, run.added) == (ImportRun.State.DONE, manager, run.added)
    assert ModelPage.objects.get(slug="widget-1").live
    # The log lists it with its state.
    log = BeautifulSoup(client.get(reverse("comparisons_import_log:index")).content, "html.parser")
    assert "Done" in log.select_one("table tbody tr").get_text()


def test_a_second_import_is_refused_while_one_is_in_progress(client, django_user_model):
    manager = user_in(django_user_model, "mona", "Editors", "Data managers")
    client.force_login(manager)
    first = runs.claim(ImportRun.Kind.CATALOGUE, source="first.json")
    before = counts()
    form = BeautifulSoup(client.get(reverse("comparisons_import_catalogue")).content, "html.parser")
    assert "An import is in progress" in text(form, ".import-current")
    response = client.post(
        reverse("comparisons_import_catalogue"),
        {"catalogue": upload("snap.json", small_snapshot())},
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Nothing was started. Another import is in progress" in soup.get_text()
    assert counts() == before
    # The database itself holds one run in progress at most, whoever asks.
    with pytest.raises(runs.ImportBusy):
        runs.claim(ImportRun.Kind.CATALOGUE, source="third.json")
    first.state = ImportRun.State.RUNNING
    first.save()
    with pytest.raises(CommandError, match="Another import is in progress"):
        call_command("import_catalogue", "--url", "http://127.0.0.1:9/x.json", stdout=io.StringIO())
    runs.fail(first, "stopped")
    assert runs.claim(ImportRun.Kind.CATALOGUE, source="now.json").state == ImportRun.State.QUEUED


def test_a_failing_record_in_the_worker_leaves_nothing_and_says_why(client, django_user_model):
    reader = user_in(django_user_model, "rita", "Reviewers")
    before = (ModelPage.objects.count(), ProviderRoute.objects.count(), Provider.objects.count())
    run = runs.claim(ImportRun.Kind.CATALOGUE, source="bad.json")
    # One good provider and one bad record: neither is written.
    bad = with_record(cost={"input": -1, "output": 2})
    tasks.import_catalogue_upload.enqueue(run.pk, tasks.encode(bad))
    run.refresh_from_db()
    assert run.state == ImportRun.State.FAILED
    assert "zeta/z-1.cost.input: must not be negative" in run.error
    assert (ModelPage.objects.count(), ProviderRoute.objects.count(), Provider.objects.count()) == (
        before
    )
    client.force_login(reader)
    soup = page_of(client, run)
    assert text(soup, ".import-state h2") == "Failed"
    assert "Nothing was imported: " in text(soup, ".import-error")


def test_editors_start_dry_runs_reviewers_only_read(client, django_user_model):
    editor = user_in(django_user_model, "eddie", "Editors")
    reviewer = user_in(django_user_model, "rita", "Reviewers")
    client.force_login(editor)
    response = client.post(
        reverse("comparisons_import_catalogue"),
        {"catalogue": upload("snap.json", small_snapshot())},  # crafted: no dry_run
        follow=True,
    )
    run = ImportRun.objects.get()
    assert run.dry_run and run.state == ImportRun.State.DONE and run.user == editor
    assert not ModelPage.objects.filter(slug="widget-1").exists()
    assert text(BeautifulSoup(response.content, "html.parser"), ".import-state h2") == (
        "Dry run: Done"
    )

    client.force_login(reviewer)
    # Wagtail answers a refusal with a redirect to the dashboard and a message.
    assert client.get(reverse("comparisons_import_catalogue"))["Location"] == "/admin/"
    refused = client.post(
        reverse("comparisons_import_catalogue"), {"catalogue": upload("s.json", small_snapshot())}
    )
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert ImportRun.objects.count() == 1
    assert "Dry run, nothing written" in text(page_of(client, run), ".import-summary")


# --- the catalogue from a URL ------------------------------------------------------------


def fetch(url: str) -> str:
    out = io.StringIO()
    call_command("import_catalogue", "--url", url, "--show", "0", stdout=out)
    return out.getvalue()


def test_a_fetched_catalogue_is_imported_and_then_asked_for_conditionally(httpserver):
    body = small_snapshot()
    httpserver.expect_ordered_request("/api.json").respond_with_data(
        body,
        content_type="application/json",
        headers={"ETag": '"v1"', "Last-Modified": "Mon, 30 Nov 2026 10:00:00 GMT"},
    )
    httpserver.expect_ordered_request(
        "/api.json",
        headers={"If-None-Match": '"v1"', "If-Modified-Since": "Mon, 30 Nov 2026 10:00:00 GMT"},
    ).respond_with_data("", status=304)
    url = httpserver.url_for("/api.json")

    out = fetch(url)
    assert "2 models added" in out
    first = ImportRun.objects.get()
    assert (first.source, first.state, first.etag) == (url, ImportRun.State.DONE, '"v1"')
    assert ModelPage.objects.get(slug="widget-1").live

    before = counts()
    out = fetch(url)
    assert "Unchanged since the last fetch (304 Not Modified): nothing imported." in out
    assert counts()[:3] == before[:3]
    unchanged = ImportRun.objects.order_by("-pk").first()
    assert unchanged.pk != first.pk and unchanged.state == ImportRun.State.DONE
    assert unchanged.summary.startswith("Unchanged") and unchanged.etag == '"v1"'
    httpserver.check_assertions()


SLOW_SECONDS = 1.5


def slow(request):
    time.sleep(SLOW_SECONDS)
    return Response(small_snapshot(), content_type="application/json")


def streamed(request):
    # No Content-Length: the limit is enforced while reading.
    return Response((b" " * 1024 for _ in range(8)), content_type="application/json")


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("oversized", "the answer is 4,096 bytes; the limit is 2,000 bytes"),
        ("oversized-stream", "the answer is more; the limit is 2,000 bytes"),
        ("malformed", "malformed JSON at line 1"),
        ("server error", "the server answered 500 INTERNAL SERVER ERROR"),
        ("not http", "file:///etc/passwd: not an http:// or https:// address"),
        ("timeout", "no answer within 0.5 s"),
    ],
)
def test_a_fetch_that_fails_says_why_and_changes_nothing(httpserver, settings, case, expected):
    settings.COMPARISONS_CATALOGUE_FETCH_TIMEOUT = 0.5
    settings.COMPARISONS_CATALOGUE_MAX_BYTES = 2000
    handlers = {
        "timeout": lambda: httpserver.expect_request("/c").respond_with_handler(slow),
        "oversized": lambda: httpserver.expect_request("/c").respond_with_data(b"x" * 4096),
        "oversized-stream": lambda: httpserver.expect_request("/c").respond_with_handler(streamed),
        "malformed": lambda: httpserver.expect_request("/c").respond_with_data(
            b'{"acme": {"id": "acme",', content_type="application/json"
        ),
        "server error": lambda: httpserver.expect_request("/c").respond_with_data("", status=500),
    }
    url = "file:///etc/passwd" if case == "not http" else httpserver.url_for("/c")
    if case in handlers:
        handlers[case]()
    before = counts()
    with pytest.raises(CommandError) as failure:
        fetch(url)
    if case == "timeout":
        time.sleep(SLOW_SECONDS)  # the test server answers one request at a time
    assert expected in str(failure.value)
    assert str(failure.value).startswith("Nothing was imported")
    assert counts()[:3] == before[:3] and counts()[4] == before[4]
    # The attempt is in the log, failed, with the same message.
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.FAILED and expected in run.error


def test_the_scheduled_refresh_fetches_when_due_and_not_before(httpserver, settings):
    httpserver.expect_request("/api.json").respond_with_data(
        small_snapshot(), content_type="application/json", headers={"ETag": '"a"'}
    )
    settings.COMPARISONS_CATALOGUE_URL = httpserver.url_for("/api.json")
    settings.COMPARISONS_CATALOGUE_REFRESH_HOURS = 6
    out = io.StringIO()
    call_command("refresh_catalogue", stdout=out)
    run = ImportRun.objects.get()
    assert f"as import run #{run.pk}: 2 models added" in out.getvalue()
    assert run.state == ImportRun.State.DONE and run.added > 0
    out = io.StringIO()
    call_command("refresh_catalogue", stdout=out)
    assert "Not due" in out.getvalue() and ImportRun.objects.count() == 1
    settings.COMPARISONS_CATALOGUE_REFRESH_HOURS = 0
    out = io.StringIO()
    call_command("refresh_catalogue", stdout=out)
    assert "off" in out.getvalue()
