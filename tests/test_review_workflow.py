"""The editorial workflow, driven through Wagtail's own admin views."""

import csv
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from comparisons.facts import site_default_traffic
from comparisons.models import ComparisonPage, ModelPage, ReviewStamp
from comparisons.review.setup import EDITORS, REVIEWERS
from comparisons.review.status import review_statuses
from tests.admin_forms import add_url, comparison_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    def make(username, *groups):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.com", "pw-123456"
        )
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
    }


def login(client, user):
    client.force_login(user)
    return client


def submit_new_comparison(client, user, **extra):
    data = comparison_form("gpt-5-1-codex", "codex-1", **extra)
    data["action-submit"] = "submit"
    response = login(client, user).post(add_url(), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ComparisonPage.objects.get(slug="gpt-5-1-codex-vs-codex-1")


def act(client, user, page, action="approve", **data):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return login(client, user).post(url, {"comment": "", "claims_flagged": "", **data})


def refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a
    "no permission" message (or a 403 for modal requests)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def task_names(page):
    page.refresh_from_db()
    state = page.current_workflow_task_state
    return state.task.name if state else None


def approve_both(client, page, first, second):
    assert act(client, first, page).status_code == 302
    assert task_names(page) == "Final approval"
    assert act(client, second, page).status_code == 302


def test_editor_submits_and_reviewers_approve_both_tasks(client, people):
    page = submit_new_comparison(client, people["editor"], verdict="<p>Pick by workflow.</p>")
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"
    assert task_names(page) == "Fact check"

    assert act(client, people["reviewer"], page).status_code == 302
    assert task_names(page) == "Final approval"
    assert not ReviewStamp.objects.filter(page=page).exists()  # not yet: one task to go
    assert act(client, people["second"], page).status_code == 302

    page.refresh_from_db()
    assert page.live
    stamp = ReviewStamp.objects.get(page=page)
    assert stamp.reviewer == people["second"] and stamp.reviewer_name == "Sam"
    assert stamp.revision == page.live_revision
    assert stamp.reviewed_on == timezone.localdate()
    (route,) = stamp.facts["a"]["routes"]
    assert route["key"] == "vercel-ai-gateway|openai/gpt-5.1-codex|"
    assert route["input_price"] == "1.25"

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    footer = " ".join(soup.find(id="last-reviewed").get_text().split())
    assert footer.startswith(f"Last reviewed: {timezone.localdate().isoformat()}.")
    assert soup.select_one(".updated-since-review") is None


def test_editor_cannot_publish_directly(client, people):
    page = submit_new_comparison(client, people["editor"])
    data = comparison_form("gpt-5-1-codex", "codex-1", verdict="<p>Publish me now.</p>")
    data["action-publish"] = "publish"
    login(client, people["editor"]).post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    page.refresh_from_db()
    assert not page.live and page.live_revision is None


def test_submitter_cannot_approve_own_revision(client, people):
    bo = people["both"]  # an editor who is also a reviewer
    page = submit_new_comparison(client, bo)
    # The UI offers no approval to the submitter.
    edit = login(client, bo).get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert edit.status_code == 200
    assert "workflow-action-approve" not in edit.content.decode()
    # A crafted POST is refused too, for both tasks.
    assert refused(act(client, bo, page))
    assert task_names(page) == "Fact check"
    assert act(client, people["reviewer"], page).status_code == 302
    assert refused(act(client, bo, page))
    assert task_names(page) == "Final approval"
    assert not page.live


def test_superuser_cannot_approve_own_revision_either(
    client, people, admin_client_logged_in, django_user_model
):
    boss = django_user_model.objects.get(username="boss")
    page = submit_new_comparison(client, boss)
    assert refused(act(client, boss, page))
    assert task_names(page) == "Fact check"


def test_reviewer_without_the_group_cannot_approve(client, people, django_user_model):
    page = submit_new_comparison(client, people["editor"])
    outsider = django_user_model.objects.create_user("olly", "o@example.com", "pw-123456")
    outsider.groups.add(Group.objects.get(name=EDITORS))
    assert refused(act(client, outsider, page))
    assert task_names(page) == "Fact check"


def change_price(slug, provider, price):
    page = ModelPage.objects.get(slug=slug)
    draft = page.get_latest_revision_as_object()
    routes = list(draft.routes.all())
    for route in routes:
        if route.provider.slug == provider:
            route.input_price = Decimal(price)
    draft.routes = routes
    draft.save_revision().publish()
    page.refresh_from_db()
    assert any(r.input_price == Decimal(price) for r in page.routes.all())


def stale_pages():
    pages = list(ComparisonPage.objects.live())
    statuses = review_statuses(pages, site_default_traffic())
    return {p.slug: s for p, s in ((s.page, s) for s in statuses.values()) if s.stale}


def test_price_change_makes_exactly_the_comparisons_using_that_model_stale(client, people):
    page = submit_new_comparison(client, people["editor"])
    approve_both(client, page, people["reviewer"], people["second"])
    assert stale_pages() == {}

    change_price("gpt-5-1-codex", "vercel-ai-gateway", "1.00")
    stale = stale_pages()
    assert set(stale) == {"gpt-5-1-codex-vs-codex-1", "gpt-5-1-codex-vs-qwen3-5-4b"}
    for status in stale.values():
        # The price and what it moves: the monthly bill at the page's traffic profile.
        assert [str(c) for c in status.changes] == [
            "Input price (Vercel AI Gateway), GPT-5.1 Codex: $1.25 → $1.00",
            "Monthly cost, GPT-5.1 Codex: $3,500 → $3,300",
        ]
    # Readers see current figures and a discreet note.
    soup = BeautifulSoup(client.get("/compare/gpt-5-1-codex-vs-qwen3-5-4b/").content, "html.parser")
    assert "$1/1M tokens" in soup.find(id="pricing").get_text()
    assert soup.select_one(".updated-since-review") is not None
    assert "Last reviewed: 2026-05-22." in " ".join(
        soup.find(id="last-reviewed").get_text().split()
    )

    # A fresh approval clears it.
    data = comparison_form("gpt-5-1-codex", "codex-1")
    data["action-submit"] = "submit"
    login(client, people["editor"]).post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    approve_both(client, page, people["second"], people["reviewer"])
    assert set(stale_pages()) == {"gpt-5-1-codex-vs-qwen3-5-4b"}
    assert ReviewStamp.objects.filter(page=page).count() == 2


def test_snippet_change_makes_comparisons_stale():
    from comparisons.models import Licence

    apache = Licence.objects.get(slug="apache-2-0")
    apache.commercial_use = "Commercial use allowed with attribution"
    apache.save()
    stale = stale_pages()
    assert set(stale) == {
        "gpt-5-2-codex-vs-qwen3-5-4b", "gpt-5-1-codex-vs-qwen3-5-4b", "codex-1-vs-qwen3-5-4b",
        "gpt-4-vision-preview-vs-qwen3-5-4b", "gpt-oss-120b-vs-qwen3-5-4b",
    }  # fmt: skip
    assert [str(c) for c in stale["codex-1-vs-qwen3-5-4b"].changes] == [
        "Commercial use, Qwen3.5-4B: Commercial use allowed → Commercial use allowed with attribution"
    ]


def test_fact_check_needs_contradicted_claims_acknowledged(client, people):
    page = submit_new_comparison(
        client, people["editor"], deep_dive="<p>GPT-5.1 Codex supports 500K tokens.</p>"
    )
    reviewer = people["reviewer"]
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "approve", page.current_workflow_task_state.pk),
    )
    # The approval dialog shows the claim and asks for acknowledgement.
    dialog = login(client, reviewer).get(url).json()["html"]
    assert "GPT-5.1 Codex supports 500K tokens." in dialog
    assert "context window is 400K" in dialog and "acknowledge_claims" in dialog
    # Submitting the dialog without acknowledging does not approve.
    response = client.post(
        url, {"comment": "", "claims_flagged": "on"}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert "Correct them, or confirm you have checked them" in response.json()["html"]
    assert task_names(page) == "Fact check"
    # A crafted POST that hides the flag is refused.
    assert refused(act(client, reviewer, page))
    assert task_names(page) == "Fact check"
    # Acknowledged: approved, and the acknowledgement is on record.
    assert (
        act(client, reviewer, page, claims_flagged="on", acknowledge_claims="on").status_code == 302
    )
    assert task_names(page) == "Final approval"
    state = page.workflow_states.get().task_states.get(task__name="Fact check")
    assert "Acknowledged claims" in state.comment and "500K tokens" in state.comment


def test_needs_re_review_report_and_dashboard(client, people):
    from comparisons.models import ReferenceSettings

    settings = ReferenceSettings.objects.get()
    settings.review_max_age_days = 365  # the seed reviews (May 2026) count as recent
    settings.save()
    change_price("gpt-oss-120b", "openrouter", "0.03")
    reviewer = login(client, people["reviewer"])
    url = reverse("comparisons_needs_re_review")
    soup = BeautifulSoup(reviewer.get(url).content, "html.parser")
    rows = soup.select("table tbody tr")
    assert len(rows) == 1
    assert "gpt-oss-120b vs Qwen3.5-4B" in rows[0].get_text()
    assert "Input price (OpenRouter), gpt-oss-120b: $0.039 → $0.03" in rows[0].get_text()

    # Old reviews are listed too, oldest first (the seeds were reviewed in May 2026).
    settings.review_max_age_days = 1
    settings.save()
    soup = BeautifulSoup(reviewer.get(url).content, "html.parser")
    titles = [r.select_one("td a").get_text(strip=True) for r in soup.select("table tbody tr")]
    assert titles[0] == "gpt-oss-120b vs Qwen3.5-4B"  # reviewed 2026-05-14, the oldest
    assert len(titles) == 5

    # Filter by reason (radio buttons in the filter panel, one per reason), and export.
    soup = BeautifulSoup(reviewer.get(url, {"reason": "stale"}).content, "html.parser")
    assert len(soup.select("table tbody tr")) == 1
    reasons = {
        radio["value"]: soup.select_one(f"label[for='{radio['id']}']").get_text(strip=True)
        for radio in soup.select("input[type=radio][name=reason]")
    }
    assert reasons[""] == "Any reason" and reasons["stale"] == "Facts changed since review"
    assert soup.select_one("input[name=reason][value=stale]").has_attr("checked")
    exported = reviewer.get(url, {"export": "csv"})
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.getvalue().decode())))
    stale = next(r for r in rows if r["Comparison"] == "gpt-oss-120b vs Qwen3.5-4B")
    assert "$0.039 → $0.03" in stale["Changed facts"] and stale["Last reviewed"] == "2026-05-14"

    # Dashboard panel with the count; editor notice with the diff.
    home = BeautifulSoup(reviewer.get(reverse("wagtailadmin_home")).content, "html.parser")
    assert home.select_one(".needs-re-review-count").get_text() == "5"
    page = ComparisonPage.objects.get(slug="gpt-oss-120b-vs-qwen3-5-4b")
    editor = login(client, people["editor"]).get(
        reverse("wagtailadmin_pages:edit", args=(page.pk,))
    )
    notice = BeautifulSoup(editor.content, "html.parser").select_one("[data-review-status]")
    assert "Input price (OpenRouter), gpt-oss-120b: $0.039 → $0.03" in notice.get_text()


def test_report_is_not_for_readers_or_other_staff(client, django_user_model):
    assert client.get(reverse("comparisons_needs_re_review")).status_code == 302  # to login
    staff = django_user_model.objects.create_user("stan", "s@example.com", "pw-123456")
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert login(client, staff).get(reverse("comparisons_needs_re_review")).status_code in (
        302,
        403,
    )


@pytest.mark.parametrize("saved", ["before the fact check", "before final approval"])
def test_the_revision_reviewed_goes_live_not_a_draft_saved_during_review(
    client, people, django_user_model, saved
):
    """A draft saved while the page is in review (superusers are not locked out) was not
    approved: the revision submitted and approved goes live, the stamp names it, and the
    newer draft stays a draft for the next review."""
    page = submit_new_comparison(client, people["editor"], verdict="<p>The reviewed verdict.</p>")
    reviewed = page.get_latest_revision()
    boss = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-boss-123")

    def save_newer_draft():
        data = comparison_form("gpt-5-1-codex", "codex-1", verdict="<p>An unreviewed verdict.</p>")
        edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        assert login(client, boss).post(edit, data).status_code == 302
        page.refresh_from_db()
        assert page.get_latest_revision() != reviewed

    if saved == "before the fact check":
        save_newer_draft()
    assert act(client, people["reviewer"], page).status_code == 302
    assert task_names(page) == "Final approval"
    if saved == "before final approval":
        save_newer_draft()
    assert act(client, people["second"], page).status_code == 302

    page.refresh_from_db()
    assert page.live and page.live_revision == reviewed
    assert page.has_unpublished_changes  # the newer draft, kept for the next review
    assert ReviewStamp.objects.get(page=page).revision == reviewed
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    verdict = " ".join(soup.find(id="verdict").get_text().split())
    assert "The reviewed verdict." in verdict and "unreviewed" not in verdict
