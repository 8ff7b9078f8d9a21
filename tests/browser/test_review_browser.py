"""Editor → reviewer → published page, in the real admin, in Chromium."""

from django.contrib.auth.models import Group
from django.utils import timezone

from comparisons.review.setup import EDITORS, REVIEWERS
from tests.browser.conftest import screenshot

PASSWORD = "correct-horse-battery-9"


def make_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", PASSWORD)
    user.first_name = username.title()
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(chromium, base, username):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{base}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{base}/admin/")
    return context, tab


def approve(tab, base, page_pk, *, with_dialog):
    tab.goto(f"{base}/admin/pages/{page_pk}/edit/")
    buttons = tab.locator('button[data-workflow-action-name="approve"]')
    toggle = tab.locator("footer .w-dropdown__toggle, nav .w-dropdown__toggle").last
    if not buttons.first.is_visible():
        toggle.click()
    buttons.last.click() if with_dialog else buttons.first.click()
    if with_dialog:
        dialog = tab.locator(".modal-content form")
        dialog.wait_for()
        assert "Claim check: no claim" in tab.locator(".fact-check-summary").inner_text()
        dialog.locator("button[type=submit]").click()
    tab.wait_for_load_state("networkidle")


def test_editor_reviewer_published_page(demo_site, chromium, django_user_model):
    from comparisons.models import ComparisonPage, ModelPage, ReviewStamp

    make_user(django_user_model, "erin", EDITORS)
    make_user(django_user_model, "rita", REVIEWERS)
    make_user(django_user_model, "sam", REVIEWERS)
    page = ComparisonPage.objects.get(slug="codex-1-vs-qwen3-5-4b")

    # The editor submits the page for review.
    context, tab = log_in(chromium, demo_site, "erin")
    tab.goto(f"{demo_site}/admin/pages/{page.pk}/edit/")
    tab.locator("footer .w-dropdown__toggle, nav .w-dropdown__toggle").last.click()
    tab.locator('button[name="action-submit"]').click()
    tab.wait_for_load_state("networkidle")
    assert "submitted" in tab.content().lower()
    context.close()

    # Two reviewers approve the two tasks.
    context, tab = log_in(chromium, demo_site, "rita")
    approve(tab, demo_site, page.pk, with_dialog=True)
    screenshot(tab, "review-fact-check-approved")
    context.close()
    context, tab = log_in(chromium, demo_site, "sam")
    approve(tab, demo_site, page.pk, with_dialog=False)
    context.close()

    stamp = ReviewStamp.objects.filter(page=page, reviewer__username="sam").get()
    assert stamp.reviewed_on == timezone.localdate()

    # A later price change makes the page stale: the report says what changed.
    model = ModelPage.objects.get(slug="codex-1")
    draft = model.get_latest_revision_as_object()
    draft.context_window = 200_000
    draft.save_revision().publish()

    context, tab = log_in(chromium, demo_site, "rita")
    tab.goto(f"{demo_site}/admin/reports/needs-re-review/")
    report = tab.locator("table.listing").inner_text()
    assert "Codex 1 vs Qwen3.5-4B" in report and "Context window, Codex 1: 192K → 200K" in report
    screenshot(tab, "review-needs-re-review-report")
    context.close()

    reader = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = reader.new_page()
    tab.goto(f"{demo_site}/compare/codex-1-vs-qwen3-5-4b/")
    footer = tab.locator("#last-reviewed").inner_text()
    assert f"Last reviewed: {timezone.localdate().isoformat()}." in footer
    assert "updated since that review" in footer
    screenshot(tab, "review-published-page")
    reader.close()
