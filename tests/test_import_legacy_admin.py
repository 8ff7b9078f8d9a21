"""The legacy import in the admin: who may import, the upload form, dry run and import as
a background task ending on the run's page in the import log; pages editors could not
change now are left alone."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from comparisons.models import ComparisonPage
from comparisons.review.setup import EDITORS, REVIEWERS
from tests.helpers import text_of
from tests.legacy_import import (
    FIXTURES,
    PAGES,
    counts,
    failed_run,
    import_url,
    in_review,
    latest_run,
    pair_page,
    report_of,
    run,
    started,
    upload,
)

pytest_plugins = ["tests.legacy_import_fixtures"]

pytestmark = pytest.mark.django_db


# --- the admin view ----------------------------------------------------------------------


@pytest.mark.parametrize("groups", [(REVIEWERS,), ()])
def test_only_users_who_can_run_imports_and_add_comparisons_may_import(client, user_in, groups):
    user = user_in(*groups)
    if not groups:  # admin access, and nothing else
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    before = counts()
    for response in (
        client.get(import_url()),
        client.post(import_url(), {"files": [upload(PAGES[0])]}),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert counts() == before
    assert import_url() not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_editors_find_the_view_in_the_menu_with_a_file_form(client, user_in):
    user_in(EDITORS)
    assert import_url() in client.get(reverse("wagtailadmin_home")).content.decode()
    soup = report_of(client.get(import_url()))
    form = soup.select_one("form#w-editor-form")
    assert form["enctype"] == "multipart/form-data"
    assert form.select_one("input[type=file][name=files][multiple]")
    assert form.select_one("input[type=checkbox][name=dry_run]")


def test_admin_dry_run_shows_the_report_on_the_runs_page_and_saves_nothing(
    client, user_in, no_comparisons
):
    editor = user_in(EDITORS)
    before = counts()
    soup = started(client, [upload(PAGES[0]), upload(PAGES[4], "html")], dry_run="on")
    # Nothing but the run of the import log, marked as a dry run.
    assert counts() == {**before, "runs": before["runs"] + 1}
    log = latest_run()
    assert (log.dry_run, log.state, log.user) == (True, "done", editor)
    assert text_of(soup.select_one(".import-state h2")) == "Dry run: Done"
    assert text_of(soup.select_one(".import-summary")).startswith(
        "Dry run, nothing saved. 2 pages: 2 created"
    )
    first = soup.select_one(f'[data-import-page="{PAGES[0]}.txt"]')
    assert first["data-action"] == "created"
    assert text_of(first.select_one("h3")) == (
        f"{PAGES[0]}.txt: “GPT-5.2 Codex vs Qwen3.5-4B” created as a draft"
    )
    models = [text_of(li) for li in first.select("[data-import-models] li")]
    assert models[1] == "Model B, Qwen3.5-4B: matched by slug “qwen3-5-4b”"
    conflicts = [text_of(tr) for tr in first.select('tr[data-entry-kind="conflict"]')]
    assert conflicts == [
        "Conflict Qwen3.5-4B decision fit: page says Coding, Agents, Long context; "
        "data says Long context, Vision"
    ]
    assert soup.select_one(f'[data-import-page="{PAGES[4]}.html"]')
    assert not soup.select("[data-import-page] a[href*='/pages/']")  # nothing to edit


def test_admin_import_creates_drafts_and_the_runs_page_links_to_them(
    client, user_in, no_comparisons
):
    editor = user_in(EDITORS)
    soup = started(client, [upload(PAGES[3], "html")])
    assert "started: this page shows the report of each page" in text_of(
        soup.select_one(".messages")
    )
    page = pair_page(PAGES[3])
    assert not page.live
    assert page.get_latest_revision().user == editor
    article = soup.select_one(f'[data-import-page="{PAGES[3]}.html"]')
    assert article["data-action"] == "created"
    link = article.select_one("a")
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert text_of(link) == f"Edit “{page.title}”"
    assert "The pages are drafts: submit them for review" in text_of(soup)
    log = latest_run()
    assert (log.user, log.dry_run, log.added, log.state) == (editor, False, 2, "done")
    # A page deleted since keeps its report, without a link to an editor that is gone.
    page.delete()
    again = report_of(client.get(reverse("comparisons_import_log:inspect", args=(log.pk,))))
    assert again.select_one(f'[data-import-page="{PAGES[3]}.html"]')
    assert not again.select("[data-import-page] a")


def test_admin_shows_bad_files_and_saves_nothing(client, user_in):
    user_in(EDITORS)
    before = counts()
    bad = SimpleUploadedFile("notes.txt", b"Groceries\nMilk\n")
    soup = report_of(client.post(import_url(), {"files": [upload(PAGES[1]), bad]}))
    errors = [text_of(li) for li in soup.select(".messages li.error")]
    assert errors == [
        "Nothing was imported: notes.txt: this is not a comparison page: it has no “Model A vs "
        "Model B” title and none of the comparison sections (Verdict, Deep dive, FAQ, Specs, ...)"
    ]
    assert not soup.select("[data-import-report]")
    assert counts() == before


def test_editors_come_back_to_the_legacy_run_from_the_import_log(client, user_in, no_comparisons):
    user_in(EDITORS)
    started(client, [upload(PAGES[2])])
    log = BeautifulSoup(client.get(reverse("comparisons_import_log:index")).content, "html.parser")
    link = log.select_one(
        f'a[href="{reverse("comparisons_import_log:inspect", args=(latest_run().pk,))}"]'
    )
    assert link is not None
    soup = report_of(client.get(link["href"]))
    rows = [text_of(tr) for tr in soup.select(f'[data-import-page="{PAGES[2]}.txt"] tr')]
    assert (
        "Conflict Qwen3.5-4B decision fit: page says Coding, Agents, Long context; data says "
        "Long context, Vision" in rows
    )


# --- pages editors could not change now, and the people who may import -------------------


@pytest.mark.parametrize("how", ["command", "admin"])
def test_a_page_in_review_is_not_changed(client, user_in, how, tmp_path):
    stem = "codex-1-vs-qwen3-5-4b"
    page = pair_page(stem)
    editor = user_in(EDITORS)
    in_review(page, editor)
    text = (FIXTURES / f"{stem}.txt").read_text().replace("Treat this", "Now treat this")
    (tmp_path / f"{stem}.txt").write_text(text)
    before = counts()
    problem = (
        f"{stem}.txt: “Codex 1 vs Qwen3.5-4B” is in review (“Fact check” of “Editorial "
        "review”): an import would change the page under review. Import it once the review "
        "is finished or cancelled."
    )
    if how == "command":
        with pytest.raises(CommandError) as caught:
            run(FIXTURES / "gpt-oss-120b-vs-qwen3-5-4b.txt", tmp_path / f"{stem}.txt")
        assert str(caught.value) == f"Nothing was imported: {problem}"
    else:
        # The file reads well, so the form queues it; the worker refuses it.
        soup = started(client, [SimpleUploadedFile(f"{stem}.txt", text.encode())])
        assert text_of(soup.select_one(".import-state h2")) == "Failed"
        assert text_of(soup.select_one(".import-error")) == f"Nothing was imported: {problem}"
    failed_run(before, problem)
    assert page.get_latest_revision() == page.current_workflow_task_state.revision


def test_a_page_locked_by_someone_else_is_not_changed(client, user_in, django_user_model):
    stem = "codex-1-vs-qwen3-5-4b"
    page = pair_page(stem)
    holder = django_user_model.objects.create_user("lena", password="pw-123456", first_name="Lena")
    page.locked, page.locked_by, page.locked_at = True, holder, timezone.now()
    page.save()
    before = counts()
    message = (
        "“Codex 1 vs Qwen3.5-4B” is locked by Lena: only they can change it while it is locked."
    )
    with pytest.raises(CommandError, match=re.escape(f"{stem}.txt: {message}")):
        run(FIXTURES / f"{stem}.txt")  # the command has no user: nobody holds its lock
    failed_run(before, message)
    before = counts()
    user_in(EDITORS)
    soup = started(client, [upload(stem)])
    assert (
        text_of(soup.select_one(".import-error")) == f"Nothing was imported: {stem}.txt: {message}"
    )
    failed_run(before, message)


def test_the_lock_holder_may_import_into_their_locked_page(client, user_in):
    stem = "codex-1-vs-qwen3-5-4b"
    page = pair_page(stem)
    editor = user_in(EDITORS)
    page.locked, page.locked_by, page.locked_at = True, editor, timezone.now()
    page.save()
    soup = started(client, [upload(stem)])
    assert latest_run().summary.startswith("1 page: 0 created, 1 updated")
    assert soup.select_one(f'[data-import-page="{stem}.txt"]')["data-action"] == "updated"


def test_a_page_scheduled_for_publishing_is_not_changed():
    stem = "codex-1-vs-qwen3-5-4b"
    page = pair_page(stem)
    page.go_live_at = timezone.now() + timedelta(days=1)
    page.save_revision().publish()  # scheduled: it goes live tomorrow
    assert pair_page(stem).scheduled_revision is not None
    before = counts()
    with pytest.raises(CommandError, match="has a revision scheduled for publishing"):
        run(FIXTURES / f"{stem}.txt")
    failed_run(before, "has a revision scheduled for publishing")


def test_an_importer_who_may_not_edit_the_page_is_refused(client, django_user_model):
    """Adding pages under /compare/ lets a user import new pairs; changing an existing page
    needs the right to edit it, as in the page editor."""
    group = Group.objects.create(name="Adders")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_importrun"),
    )
    GroupPagePermission.objects.create(
        group=group,
        page=ComparisonPage.objects.first().get_parent(),
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="add_page"
        ),
    )
    adder = django_user_model.objects.create_user("adder", password="pw-123456")
    adder.groups.add(group)
    client.force_login(adder)
    stem = "codex-1-vs-qwen3-5-4b"
    assert pair_page(stem).owner != adder
    before = counts()
    soup = started(client, [upload(stem)])
    problem = f"{stem}.txt: you may not edit “Codex 1 vs Qwen3.5-4B”."
    assert text_of(soup.select_one(".import-error")) == f"Nothing was imported: {problem}"
    failed_run(before, problem)


def test_importing_needs_the_import_permission_too(client, django_user_model):
    """May add comparison pages, but not run imports: no view, no menu item."""
    group = Group.objects.create(name="Page adders")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=ComparisonPage.objects.first().get_parent(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = django_user_model.objects.create_user("adder", password="pw-123456")
    user.groups.add(group)
    client.force_login(user)
    before = counts()
    for response in (
        client.get(import_url()),
        client.post(import_url(), {"files": [upload(PAGES[0])]}),
    ):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert counts() == before
    assert import_url() not in client.get(reverse("wagtailadmin_home")).content.decode()
