"""Model page and reference data through both review tasks, four eyes, in Chromium."""

from __future__ import annotations

from comparisons.review.setup import EDITORS, REVIEWERS
from tests.browser.conftest import screenshot
from tests.browser.test_review_browser import PASSWORD, make_user


class Watch:
    """Fails the journey on any console error or server error answer."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def attach(self, tab) -> None:
        tab.on(
            "console",
            lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None,
        )
        tab.on(
            "response",
            lambda r: self.problems.append(f"HTTP {r.status} {r.url}") if r.status >= 500 else None,
        )


def log_in(chromium, base, username, watch):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    watch.attach(tab)
    tab.goto(f"{base}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{base}/admin/")
    return context, tab


def open_actions(tab):
    toggle = tab.locator("footer .w-dropdown__toggle, nav .w-dropdown__toggle").last
    toggle.click()


def submit(tab):
    open_actions(tab)
    with tab.expect_navigation(timeout=60_000):
        tab.locator('button[name="action-submit"]').click()
    tab.wait_for_load_state("networkidle")


def approve_with_dialog(tab, name):
    buttons = tab.locator('button[data-workflow-action-name="approve"]')
    if not buttons.first.is_visible():
        open_actions(tab)
    buttons.last.click()
    dialog = tab.locator(".modal-content form")
    dialog.wait_for()
    screenshot(tab, name)
    # The dialog collects the comment, then the page editor's form is posted.
    with tab.expect_navigation(timeout=60_000):
        dialog.locator("button[type=submit]").click()
    tab.wait_for_load_state("networkidle")


def test_model_price_and_licence_through_review(demo_site, chromium, django_user_model, settings):
    from comparisons.models import Licence, ModelPage

    # Admin avatars come from no third party (this machine reaches none).
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None

    watch = Watch()
    make_user(django_user_model, "erin", EDITORS)
    make_user(django_user_model, "rita", REVIEWERS)
    make_user(django_user_model, "sam", REVIEWERS)
    model = ModelPage.objects.get(slug="gpt-5-1-codex")
    edit = f"{demo_site}/admin/pages/{model.pk}/edit/"

    # The editor changes a route price and submits the model page.
    context, tab = log_in(chromium, demo_site, "erin", watch)
    tab.goto(edit)
    price = tab.locator('input[name="routes-0-input_price"]')
    if not price.is_visible():
        tab.locator("#panel-child-routes-section, [data-panel-id]").first.wait_for()
        tab.get_by_role("button", name="Vercel AI Gateway").first.click()
    price.fill("1.05")
    submit(tab)
    assert "submitted" in tab.content().lower()
    context.close()

    # Reviewer 1 approves the Fact check, which shows the change and the stale comparison.
    context, tab = log_in(chromium, demo_site, "rita", watch)
    tab.goto(edit)
    approve_with_dialog(tab, "review-model-fact-check-dialog")
    context.close()
    model.refresh_from_db()
    assert model.current_workflow_task_state.task.name == "Final approval"

    # Reviewer 1 is not offered Final approval, on the page or the dashboard.
    context, tab = log_in(chromium, demo_site, "rita", watch)
    tab.goto(edit)
    assert tab.locator('button[data-workflow-action-name="approve"]').count() == 0
    tab.goto(f"{demo_site}/admin/")
    assert tab.locator("[data-workflow-action-url*='/approve/']").count() == 0
    context.close()

    # Reviewer 2 approves from the dashboard and is told so.
    context, tab = log_in(chromium, demo_site, "sam", watch)
    tab.locator("[data-workflow-action-url*='/approve/']").first.wait_for(state="attached")
    row = tab.locator("tr", has_text="GPT-5.1 Codex").first
    row.locator("button[aria-label=Actions], .w-dropdown__toggle").first.click()
    row.locator("button[data-workflow-action-url*='/approve/']", has_text="with comment").click()
    tab.locator(".modal-content form").wait_for()
    screenshot(tab, "review-model-final-dialog")
    with tab.expect_navigation(timeout=60_000):
        tab.locator(".modal-content form button[type=submit]").click()
    tab.wait_for_load_state("networkidle")
    tab.locator(".messages").wait_for()
    assert "approved at Final approval and published" in tab.locator(".messages").inner_text()
    screenshot(tab, "review-model-dashboard-approved")
    context.close()

    reader = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = reader.new_page()
    watch.attach(tab)
    tab.goto(f"{demo_site}/models/gpt-5-1-codex/")
    assert "$1.05" in tab.locator("main").inner_text()
    screenshot(tab, "review-model-reader-page")
    reader.close()

    # The editor edits a licence: a draft, submitted; two reviewers publish it.
    apache = Licence.objects.get(slug="apache-2-0")
    licence_edit = f"{demo_site}/admin/snippets/comparisons/licence/edit/{apache.pk}/"
    context, tab = log_in(chromium, demo_site, "erin", watch)
    tab.goto(f"{demo_site}/admin/")
    tab.get_by_role("button", name="Reference data").click()
    tab.get_by_role("link", name="Licences").click()
    tab.wait_for_load_state("networkidle")
    tab.goto(licence_edit)
    tab.fill("#id_commercial_use", "Commercial use allowed, with attribution")
    submit(tab)
    assert "submitted" in tab.content().lower()
    screenshot(tab, "review-licence-submitted")
    context.close()
    apache.refresh_from_db()
    assert apache.commercial_use == "Commercial use allowed"

    for reviewer in ("rita", "sam"):
        context, tab = log_in(chromium, demo_site, reviewer, watch)
        tab.goto(licence_edit)
        approve_with_dialog(tab, f"review-licence-{reviewer}")
        context.close()
    apache.refresh_from_db()
    assert apache.commercial_use == "Commercial use allowed, with attribution"

    reader = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = reader.new_page()
    watch.attach(tab)
    tab.goto(f"{demo_site}/models/qwen3-5-4b/")
    assert "with attribution" in tab.locator("main").inner_text()
    reader.close()
    assert watch.problems == [], "\n".join(watch.problems)
