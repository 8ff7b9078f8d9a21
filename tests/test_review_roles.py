"""Who may do what in review, through Wagtail's own admin views: model pages and
reference data under the workflow, four eyes over a whole workflow run, reviewers' access,
and the catalogue import's publishing right."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from comparisons.models import ComparisonPage, ImportRun, Licence, ModelPage, ReviewStamp
from comparisons.review.setup import DATA_MANAGERS, EDITORS, REVIEWERS
from tests.admin_forms import comparison_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    def make(username, *groups, superuser=False):
        if superuser:
            user = django_user_model.objects.create_superuser(username, "", "pw-123456")
        else:
            user = django_user_model.objects.create_user(username, "", "pw-123456")
        user.first_name = username.title()
        user.save()
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return {
        "editor": make("erin", EDITORS),
        "reviewer": make("rita", REVIEWERS),
        "second": make("sam", REVIEWERS),
        "both": make("bo", EDITORS, REVIEWERS),
        "boss": make("boss", superuser=True),
        "manager": make("dana", DATA_MANAGERS),
    }


def as_user(client, user):
    client.force_login(user)
    return client


def form_fields(html: str, selector: str = "form[data-edit-form], form#page-edit-form") -> dict:
    """What a browser would post for the admin's edit form, as it was rendered."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one(selector) or soup.select_one("main form[method=post]")
    data: dict[str, list[str]] = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name, kind = field["name"], field.get("type", "")
        if field.name == "input":
            if kind in ("submit", "button", "file"):
                continue
            if kind in ("checkbox", "radio") and not field.has_attr("checked"):
                continue
            default = "on" if kind in ("checkbox", "radio") else ""
            data.setdefault(name, []).append(field.get("value", default))
        elif field.name == "select":
            chosen = [o.get("value", o.get_text()) for o in field.select("option[selected]")]
            if not chosen and not field.has_attr("multiple"):
                first = field.select_one("option")
                chosen = [first.get("value", "")] if first else []
            data.setdefault(name, []).extend(chosen)
        else:
            data.setdefault(name, []).append(field.get_text())
    return data


def edit_page_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def action_url(obj, action="approve") -> str:
    obj.refresh_from_db()
    state = obj.current_workflow_task_state
    if isinstance(obj, ModelPage | ComparisonPage):
        return reverse("wagtailadmin_pages:workflow_action", args=(obj.pk, action, state.pk))
    return reverse(
        obj.snippet_viewset.get_url_name("workflow_action"), args=(obj.pk, action, state.pk)
    )


def act(client, user, obj, action="approve", **data):
    return as_user(client, user).post(
        action_url(obj, action), {"comment": "", "claims_flagged": "", **data}
    )


def refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a
    "no permission" message (or a 403)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def task_name(obj):
    obj.refresh_from_db()
    state = obj.current_workflow_task_state
    return state.task.name if state else None


def offered_approval(client, user, page) -> bool:
    html = as_user(client, user).get(edit_page_url(page)).content.decode()
    return 'data-workflow-action-name="approve"' in html


def awaiting(client, user, obj) -> list[str]:
    """The workflow action URLs "Awaiting your review" offers `user` for `obj`."""
    home = BeautifulSoup(
        as_user(client, user).get(reverse("wagtailadmin_home")).content, "html.parser"
    )
    state = obj.current_workflow_task_state
    return [
        b["data-workflow-action-url"]
        for b in home.select("button[data-workflow-action-url]")
        if b["data-workflow-action-url"].endswith(f"/{state.pk}/")
    ]


def submit_model_price(client, editor, slug="gpt-5-1-codex", price="1.00"):
    """The editor changes the model's first route's input price and submits it."""
    page = ModelPage.objects.get(slug=slug)
    response = as_user(client, editor).get(edit_page_url(page))
    assert response.status_code == 200
    data = form_fields(response.content.decode())
    data["routes-0-input_price"] = [price]
    data["action-submit"] = ["submit"]
    response = client.post(edit_page_url(page), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.current_workflow_state is not None
    return page


# --- model pages under review ------------------------------------------------------------


def test_a_model_page_price_change_goes_through_both_tasks_to_readers(client, people):
    page = submit_model_price(client, people["editor"])
    assert task_name(page) == "Fact check"
    assert page.routes.get().input_price == Decimal("1.25")  # readers keep the old price

    # The fact check shows what changed and which reviewed comparisons it makes stale.
    dialog = as_user(client, people["reviewer"]).get(action_url(page)).json()["html"]
    soup = BeautifulSoup(dialog, "html.parser")
    changes = [li.get_text() for li in soup.select(".review-changes li")]
    assert changes == ["Input price (Vercel AI Gateway), GPT-5.1 Codex: $1.25 → $1.00"]
    affected = [li.get_text(" ", strip=True) for li in soup.select(".review-affected li")]
    assert affected == ["GPT-5.1 Codex vs Qwen3.5-4B , reviewed 2026-05-22"]

    # "Approve with comment" on a model page works (it was a server error).
    response = act(client, people["reviewer"], page, comment="Checked against the docs.")
    assert response.status_code == 302 and not refused(response)
    assert task_name(page) == "Final approval"

    # The fact-checker is not offered Final approval, and a crafted POST is refused.
    assert not offered_approval(client, people["reviewer"], page)
    assert refused(act(client, people["reviewer"], page))
    assert task_name(page) == "Final approval"

    assert offered_approval(client, people["second"], page)
    assert act(client, people["second"], page).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state is None and page.routes.get().input_price == Decimal("1")
    reader = " ".join(BeautifulSoup(client.get(page.url).content, "html.parser").get_text().split())
    assert "Vercel AI Gateway source Cheapest $1 $10" in reader


def test_a_never_published_model_page_says_so_in_the_fact_check(client, people):
    index = ModelPage.objects.get(slug="gpt-5-1-codex").get_parent()
    draft = ModelPage(title="Draft Model", slug="draft-model", live=False)
    index.add_child(instance=draft)
    draft.save_revision(user=people["editor"])
    data = form_fields(as_user(client, people["editor"]).get(edit_page_url(draft)).content.decode())
    data["action-submit"] = ["submit"]
    assert client.post(edit_page_url(draft), data).status_code == 302
    dialog = as_user(client, people["reviewer"]).get(action_url(draft)).json()["html"]
    assert "Never published" in dialog
    assert act(client, people["reviewer"], draft).status_code == 302
    assert act(client, people["second"], draft).status_code == 302
    draft.refresh_from_db()
    assert draft.live


# --- four eyes over the whole run -----------------------------------------------------------


def test_resubmitting_does_not_let_anyone_approve_their_own_text(client, people):
    """Erin submits; Bo (an editor and a reviewer) requests changes, edits the verdict and
    resubmits: Bo may approve neither task, and the Fact check's approver may not approve
    Final approval."""
    bo, rita, sam = people["both"], people["reviewer"], people["second"]
    data = comparison_form("gpt-5-1-codex", "codex-1", verdict="<p>Erin's verdict.</p>")
    data["action-submit"] = "submit"
    add = reverse(
        "wagtailadmin_pages:add",
        args=("comparisons", "comparisonpage", ComparisonPage.objects.first().get_parent().pk),
    )
    assert as_user(client, people["editor"]).post(add, data).status_code == 302
    page = ComparisonPage.objects.get(slug="gpt-5-1-codex-vs-codex-1")

    assert act(client, bo, page, "reject").status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"
    edit = as_user(client, bo).get(edit_page_url(page)).content.decode()
    assert "Changes requested at Fact check" in edit
    data = comparison_form("gpt-5-1-codex", "codex-1", verdict="<p>Bo's own verdict.</p>")
    data["action-submit"] = "submit"
    assert as_user(client, bo).post(edit_page_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.requested_by == people["editor"]  # Wagtail keeps it
    assert task_name(page) == "Fact check"

    assert not offered_approval(client, bo, page)
    assert refused(act(client, bo, page))
    assert task_name(page) == "Fact check"
    # "Awaiting your review" does not list it for Bo.
    assert not awaiting(client, bo, page)
    assert awaiting(client, rita, page)

    assert act(client, rita, page).status_code == 302
    assert task_name(page) == "Final approval"
    for user in (bo, rita, people["editor"]):
        assert refused(act(client, user, page)), user
    assert task_name(page) == "Final approval"
    assert act(client, sam, page).status_code == 302
    page.refresh_from_db()
    assert page.live
    stamp = ReviewStamp.objects.get(page=page)
    assert stamp.reviewer == sam and stamp.fact_checker == rita
    assert stamp.credits == "Rita (fact check), Sam (final approval)"
    panel = BeautifulSoup(
        as_user(client, people["editor"]).get(edit_page_url(page)).content, "html.parser"
    ).select_one("[data-review-status]")
    assert "by Rita (fact check), Sam (final approval)" in panel.get_text()


def test_changes_requested_at_final_approval_go_back_through_fact_check(client, people):
    """Sam sends the page back at Final approval; Erin changes it and resubmits: the new
    text starts again at Fact check, and still needs two reviewers."""
    rita, sam = people["reviewer"], people["second"]
    page = submit_model_price(client, people["editor"])
    assert act(client, rita, page).status_code == 302
    assert task_name(page) == "Final approval"
    assert act(client, sam, page, "reject", comment="Check the source.").status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"

    submit_model_price(client, people["editor"], price="1.10")
    assert task_name(page) == "Fact check"
    assert act(client, rita, page).status_code == 302  # her earlier approval was of other text
    assert task_name(page) == "Final approval"
    assert refused(act(client, rita, page))
    assert act(client, sam, page).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state is None
    assert page.routes.get().input_price == Decimal("1.10")
    last_run = page.workflow_states.latest("created_at").task_states.order_by("started_at")
    assert [(s.task.name, s.status, s.finished_by) for s in last_run] == [
        ("Fact check", "approved", rita),
        ("Final approval", "rejected", sam),
        ("Fact check", "approved", rita),
        ("Final approval", "approved", sam),
    ]


def test_a_superuser_who_edited_during_the_run_cannot_approve(client, people):
    """The boss edits the page after changes were requested; the editor resubmits: the
    revision under review holds the boss's edit, so the boss may not approve it."""
    page = submit_model_price(client, people["editor"])
    boss = people["boss"]
    assert offered_approval(client, boss, page)  # a superuser may approve others' work
    assert act(client, people["reviewer"], page, "reject").status_code == 302
    data = form_fields(as_user(client, boss).get(edit_page_url(page)).content.decode())
    data["routes-0-output_price"] = ["9.00"]
    assert client.post(edit_page_url(page), data).status_code == 302  # saves a draft
    data = form_fields(as_user(client, people["editor"]).get(edit_page_url(page)).content.decode())
    data["action-submit"] = ["submit"]
    assert client.post(edit_page_url(page), data).status_code == 302
    assert task_name(page) == "Fact check"
    assert not offered_approval(client, boss, page)
    assert refused(act(client, boss, page))
    assert task_name(page) == "Fact check"


def test_a_reviewer_approving_from_the_editor_is_not_locked_out(client, people):
    """Approving from the page editor posts the whole form; a revision it saves comes
    after the one under review and does not count as the reviewer's own work."""
    page = submit_model_price(client, people["editor"])
    reviewed = page.current_workflow_task_state.revision
    reviewer = as_user(client, people["reviewer"])
    data = form_fields(reviewer.get(edit_page_url(page)).content.decode())
    data["routes-0-output_price"] = ["11.00"]  # a change, so a revision is saved
    data["action-workflow-action"] = ["true"]
    data["workflow-action-name"] = ["approve"]
    data["workflow-action-extra-data"] = [json.dumps({"comment": "ok"})]
    assert client.post(edit_page_url(page), data).status_code == 302
    assert task_name(page) == "Final approval"
    page.refresh_from_db()
    assert page.current_workflow_task_state.revision == reviewed  # the one fact-checked
    assert act(client, people["second"], page).status_code == 302
    page.refresh_from_db()
    assert page.routes.get().output_price == Decimal("10")  # the unreviewed edit waits


def test_the_panel_says_the_page_is_in_review_and_folds_long_lists(client, people):
    page = ComparisonPage.objects.get(slug="gpt-oss-120b-vs-qwen3-5-4b")
    model = ModelPage.objects.get(slug="gpt-oss-120b")
    draft = model.get_latest_revision_as_object()
    routes = list(draft.routes.all())
    for route in routes:
        route.input_price = (route.input_price or Decimal("1")) + Decimal("0.5")
        route.output_price = (route.output_price or Decimal("1")) + Decimal("0.5")
    draft.routes = routes
    draft.save_revision().publish()

    data = comparison_form("gpt-oss-120b", "qwen3-5-4b")
    data["action-submit"] = "submit"
    assert as_user(client, people["editor"]).post(edit_page_url(page), data).status_code == 302
    panel = BeautifulSoup(client.get(edit_page_url(page)).content, "html.parser").select_one(
        "[data-review-status]"
    )
    text = " ".join(panel.get_text().split())
    assert "In review, at Fact check." in text and "Submit it for review" not in text
    shown = panel.select("ul.review-changes")[0].select("li")
    folded = panel.select_one("details")
    assert len(shown) == 3 and folded is not None
    assert folded.summary.get_text() == f"{len(panel.select('.review-changes li')) - 3} more"


# --- reviewers find and open what they review ---------------------------------------------------


def test_reviewers_reach_the_explorer_search_and_every_report_link(client, people):
    reviewer = as_user(client, people["reviewer"])
    models_index = ModelPage.objects.first().get_parent()
    assert reviewer.get(reverse("wagtailadmin_explore", args=(models_index.pk,))).status_code == 200
    search = reviewer.get(reverse("wagtailadmin_pages:search"), {"q": "codex"})
    assert search.status_code == 200 and "GPT-5.1 Codex" in search.content.decode()
    # Outside review a reviewer may not edit.
    page = ModelPage.objects.get(slug="gpt-5-1-codex")
    assert refused(reviewer.get(edit_page_url(page)))

    soup = BeautifulSoup(
        reviewer.get(reverse("comparisons_needs_re_review")).content, "html.parser"
    )
    links = [a["href"] for a in soup.select("table tbody td a[href]")]
    assert links
    for href in links:
        assert reviewer.get(href).status_code == 200, href

    # At their task, the editor opens for them, and so does the revision comparison.
    page = submit_model_price(client, people["editor"])
    assert as_user(client, people["reviewer"]).get(edit_page_url(page)).status_code == 200


def test_awaiting_your_review_compares_the_resubmitted_revision_with_the_reviewed_one(
    client, people
):
    page = submit_model_price(client, people["editor"], price="1.10")
    first = page.current_workflow_task_state.revision
    assert act(client, people["reviewer"], page, "reject").status_code == 302
    # The editor saves a draft, then resubmits it unchanged: two identical revisions.
    editor = as_user(client, people["editor"])
    data = form_fields(editor.get(edit_page_url(page)).content.decode())
    data["routes-0-input_price"] = ["1.00"]
    assert client.post(edit_page_url(page), data).status_code == 302
    data = form_fields(editor.get(edit_page_url(page)).content.decode())
    data["action-submit"] = ["submit"]
    assert client.post(edit_page_url(page), data).status_code == 302
    page.refresh_from_db()
    resubmitted = page.current_workflow_task_state.revision
    assert resubmitted != first

    home = BeautifulSoup(
        as_user(client, people["second"]).get(reverse("wagtailadmin_home")).content, "html.parser"
    )
    link = next(a for a in home.select("a") if a.get_text() == "Compare with previous version")
    expected = reverse(
        "wagtailadmin_pages:revisions_compare", args=(page.pk, first.pk, resubmitted.pk)
    )
    assert link["href"] == expected
    compare = client.get(link["href"])
    assert compare.status_code == 200
    assert "1.100000" in compare.content.decode() or "1.1" in compare.content.decode()


def test_approving_from_the_dashboard_says_so(client, people):
    page = submit_model_price(client, people["editor"])
    url = next(u for u in awaiting(client, people["reviewer"], page) if "/approve/" in u)
    response = client.post(
        url,
        {"comment": "", "claims_flagged": "", "next": reverse("wagtailadmin_home")},
        follow=True,
    )
    assert response.status_code == 200
    messages = [m.message for m in response.context["messages"]]
    assert "'GPT-5.1 Codex' approved at Fact check; it goes on to the next task." in messages
    assert task_name(page) == "Final approval"


# --- reference data under review ----------------------------------------------------------------


def snippet_url(model, view, *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def test_an_editor_drafts_a_licence_change_and_it_goes_live_through_review(client, people):
    apache = Licence.objects.get(slug="apache-2-0")
    editor = as_user(client, people["editor"])
    assert editor.get(snippet_url(Licence, "list")).status_code == 200
    edit = snippet_url(Licence, "edit", apache.pk)
    data = form_fields(editor.get(edit).content.decode(), "form[data-edit-form]")
    data["commercial_use"] = ["Commercial use allowed with attribution"]
    data["action-publish"] = ["action-publish"]  # crafted: editors may not publish
    assert client.post(edit, data).status_code == 302
    apache.refresh_from_db()
    assert apache.commercial_use == "Commercial use allowed"  # only a draft revision
    assert apache.has_unpublished_changes
    del data["action-publish"]
    data["action-submit"] = ["action-submit"]
    assert client.post(edit, data).status_code == 302
    assert task_name(apache) == "Fact check"
    reader = client.get("/models/qwen3-5-4b/").content.decode()
    assert "with attribution" not in reader

    dialog = as_user(client, people["reviewer"]).get(action_url(apache)).json()["html"]
    soup = BeautifulSoup(dialog, "html.parser")
    assert [li.get_text() for li in soup.select(".review-changes li")] == [
        "Commercial-use terms: Commercial use allowed → Commercial use allowed with attribution"
    ]
    assert "Codex 1 vs Qwen3.5-4B" in soup.select_one(".review-affected").get_text()
    assert refused(act(client, people["editor"], apache))
    assert act(client, people["reviewer"], apache).status_code == 302
    assert refused(act(client, people["reviewer"], apache))
    assert act(client, people["second"], apache).status_code == 302
    apache.refresh_from_db()
    assert apache.commercial_use == "Commercial use allowed with attribution"
    assert "with attribution" in client.get("/models/qwen3-5-4b/").content.decode()


def test_reviewers_read_reference_data_but_do_not_edit_it(client, people):
    apache = Licence.objects.get(slug="apache-2-0")
    reviewer = as_user(client, people["reviewer"])
    assert reviewer.get(snippet_url(Licence, "list")).status_code == 200
    assert reviewer.get(snippet_url(Licence, "inspect", apache.pk)).status_code == 200
    assert refused(reviewer.get(snippet_url(Licence, "edit", apache.pk)))


def test_a_never_published_snippet_is_not_shown_to_readers(client, people):
    from comparisons.models import Capability

    editor = as_user(client, people["editor"])
    add = snippet_url(Capability, "add")
    data = form_fields(editor.get(add).content.decode(), "form[data-edit-form]")
    data.update(name=["Telepathy"], slug=["telepathy"], sort_order=["1"])
    assert client.post(add, data).status_code == 302
    telepathy = Capability.objects.get(slug="telepathy")
    assert not telepathy.live
    assert "Telepathy" not in client.get("/compare/codex-1-vs-qwen3-5-4b/").content.decode()
    assert "Telepathy" not in client.get("/models/").content.decode()
    telepathy.save_revision().publish()
    assert "Telepathy" in client.get("/compare/codex-1-vs-qwen3-5-4b/").content.decode()


def test_setup_is_idempotent(people):
    from home.demo_data import load_demo_data

    editors = Group.objects.get(name=EDITORS)
    before = set(editors.permissions.values_list("codename", flat=True))
    load_demo_data()
    assert set(editors.permissions.values_list("codename", flat=True)) == before
    assert "publish_licence" not in before and "change_licence" in before
    assert "publish_catalogue_import" not in before
    managers = Group.objects.get(name=DATA_MANAGERS)
    assert managers.permissions.filter(codename="publish_catalogue_import").exists()
    assert Group.objects.get(name=REVIEWERS).permissions.filter(codename="view_licence").exists()


# --- imports do not publish around review -------------------------------------------------------


def catalogue_with_cheap_codex() -> bytes:
    """A new model, and the reviewed GPT-5.2 Codex at a price nobody reviewed."""
    from tests.catalogue_data import provider, record, snapshot

    return snapshot(
        provider(
            "openai",
            record("brand-new-model", "Brand New Model"),
            record("gpt-5.2-codex", "GPT-5.2 Codex", cost={"input": 0.000001, "output": 0.000001}),
        )
    )


def post_catalogue(client, **data):
    upload = SimpleUploadedFile("snap.json", catalogue_with_cheap_codex(), "application/json")
    return client.post(
        reverse("comparisons_import_catalogue"), {"catalogue": upload, **data}, follow=True
    )


def test_an_editor_can_only_dry_run_a_catalogue_import(client, people):
    editor = as_user(client, people["editor"])
    form = BeautifulSoup(editor.get(reverse("comparisons_import_catalogue")).content, "html.parser")
    box = form.select_one("input[name=dry_run]")
    assert box.has_attr("disabled") and box.has_attr("checked")
    assert "Data managers" in form.get_text()
    codex = ModelPage.objects.get(slug="gpt-5-2-codex")
    revisions = codex.revisions.count()

    response = post_catalogue(editor)  # crafted: "dry_run" left out
    assert response.status_code == 200
    summary = BeautifulSoup(response.content, "html.parser").select_one(".import-summary")
    assert "Dry run" in summary.get_text()
    assert not ModelPage.objects.filter(slug="brand-new-model").exists()
    assert codex.revisions.count() == revisions
    assert not ImportRun.objects.filter(dry_run=False).exists()
    assert client.get("/models/brand-new-model/").status_code == 404


def test_a_data_manager_runs_the_real_import(client, people):
    manager = as_user(client, people["manager"])
    response = post_catalogue(manager)
    assert response.status_code == 200
    assert ModelPage.objects.get(slug="brand-new-model").live
    assert ImportRun.objects.get().user == people["manager"]


def test_an_editor_s_legacy_import_makes_nothing_live(client, people):
    from tests.legacy_import import PAGES, upload

    live_before = set(ModelPage.objects.live().values_list("pk", flat=True)) | set(
        ComparisonPage.objects.live().values_list("pk", flat=True)
    )
    editor = as_user(client, people["editor"])
    response = editor.post(
        reverse("comparisons_legacy_import"), {"files": [upload(PAGES[3], "html")]}, follow=True
    )
    assert response.status_code == 200 and response.redirect_chain
    live_after = set(ModelPage.objects.live().values_list("pk", flat=True)) | set(
        ComparisonPage.objects.live().values_list("pk", flat=True)
    )
    assert live_after == live_before
    assert ImportRun.objects.filter(kind="legacy", user=people["editor"]).exists()
