"""The catalogue import in the admin: dry run then import, bad uploads, permissions, the
same grouping as the command, a partial snapshot flagged first."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from comparisons.models import ImportRun, ModelPage
from tests.catalogue_data import provider, record, snapshot
from tests.catalogue_import import counts, run, small_snapshot, with_record

pytestmark = pytest.mark.django_db


# --- admin -------------------------------------------------------------------------------


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
