"""An editor adds a comparison page in the real admin, in Chromium: Add child page under
/compare/, two models from the model chooser, prose in the rich-text box, the live
preview, Save draft. Any browser console error or any server error fails the journey."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from comparisons.review.setup import EDITORS
from tests.browser.conftest import screenshot

PASSWORD = "correct-horse-battery-9"
STANDARD_HEADINGS = [
    "Verdict", "Decision scorecard", "Decision tradeoffs", "Monthly cost at traffic",
    "Switch friction", "Specs", "Pricing and availability", "Capabilities", "Benchmarks",
    "Deep dive", "FAQ", "Continue comparing",
]  # fmt: skip
# Chromium reports every 4xx answer on the console. The editor's autosave posts the form
# as soon as it changes, so with only model A chosen the server refuses it (400, "There
# are validation errors"): the one refusal this journey expects, and nothing is saved.
REFUSED_AUTOSAVE = "Failed to load resource: the server responded with a status of 400"


class Watch:
    """What the browser saw go wrong during the journey."""

    def __init__(self, tab) -> None:
        self.console: list[str] = []
        self.server_errors: list[str] = []
        self.refused_autosaves: list[dict] = []
        self.other_refusals: list[str] = []
        tab.on("console", self.on_console)
        tab.on("pageerror", lambda error: self.console.append(f"uncaught: {error}"))
        tab.on("response", self.on_response)

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console.append(message.text)

    def on_response(self, response) -> None:
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} {response.url}")
        elif response.status >= 400:
            body = response.text()
            if response.request.method == "POST" and "/admin/pages/add/" in response.url:
                self.refused_autosaves.append(json.loads(body))
            else:
                self.other_refusals.append(f"{response.status} {response.url}")

    def assert_clean(self) -> None:
        assert self.server_errors == []
        assert self.other_refusals == []
        for refusal in self.refused_autosaves:
            assert refusal["error_code"] == "validation_error", refusal
        unexpected = [m for m in self.console if not m.startswith(REFUSED_AUTOSAVE)]
        assert unexpected == []
        assert len(self.console) == len(self.refused_autosaves)


def choose_model(tab, search: str, title: str, slug: str) -> None:
    tab.locator("button:visible", has_text="Choose a model").first.click()
    modal = tab.locator(".modal")
    modal.locator("input[name=q]").fill(search)
    row = modal.locator("tbody tr", has=tab.locator(f"td:text-is('{slug}')"))
    row.wait_for()
    assert row.locator("td").nth(1).inner_text() == "OpenAI"  # the lab, beside the slug
    row.locator("a[data-chooser-modal-choice]", has_text=title).click()
    modal.wait_for(state="hidden")


@pytest.fixture
def editor_tab(demo_site, chromium, django_user_model):
    """An editor logged in, in a browser tab closed before the live server stops."""
    editor = django_user_model.objects.create_user("erin", "erin@example.com", PASSWORD)
    editor.groups.add(Group.objects.get(name=EDITORS))
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.goto(f"{demo_site}/admin/login/")
    tab.fill("#id_username", "erin")
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{demo_site}/admin/")
    yield tab
    context.close()


def test_editor_adds_a_comparison_page(demo_site, editor_tab):
    from comparisons.models import ComparisonIndexPage, ComparisonPage

    tab = editor_tab
    watch = Watch(tab)
    index = ComparisonIndexPage.objects.get()
    before = ComparisonPage.objects.count()

    # Pages → /compare/ → Add child page: comparison pages are the only kind allowed here.
    tab.goto(f"{demo_site}/admin/pages/{index.pk}/")
    tab.get_by_role("link", name="Add child page").first.click()
    tab.wait_for_url("**/add/comparisons/comparisonpage/**")
    headings = tab.locator("[data-contentpath='heading'] input")
    assert headings.count() == 13
    assert set(headings.evaluate_all("inputs => inputs.map(i => i.value)")) == {""}
    assert tab.get_by_text("This widget failed to render").count() == 0
    assert tab.get_by_text("undefined").count() == 0

    choose_model(tab, "gpt oss", "gpt-oss-120b", "gpt-oss-120b")
    choose_model(tab, "codex 1", "Codex 1", "codex-1")
    assert "gpt-oss-120b (OpenAI, gpt-oss-120b)" in tab.locator("#id_model_a-chooser").inner_text()
    verdict = tab.locator("[data-contentpath='text'] [contenteditable='true']")
    verdict.click()
    tab.keyboard.type("Pick gpt-oss-120b when the budget decides.")
    # With both models chosen a draft is kept, titled and addressed by the pair: by the
    # autosave when it runs (it waits for the editor to pause, and its timing is Wagtail's),
    # else by Save draft, as the editor would press it.
    try:
        tab.wait_for_url("**/admin/pages/*/edit/", timeout=15_000)
    except PlaywrightTimeout:
        tab.locator("footer button", has_text="Save draft").click()
        tab.wait_for_url("**/admin/pages/*/edit/", timeout=60_000)
    expect(tab.locator("header", has_text="gpt-oss-120b vs Codex 1").first).to_be_visible()

    deep_dive = tab.locator("[data-contentpath='body'] [contenteditable='true']").first
    assert deep_dive.is_editable()

    tab.get_by_role("button", name=re.compile("Toggle preview", re.I)).click()
    preview = tab.frame_locator("#w-preview-iframe")
    preview.locator("#verdict", has_text="Pick gpt-oss-120b when the budget decides.").wait_for()
    assert preview.locator("h1").inner_text() == "gpt-oss-120b vs Codex 1"
    assert preview.locator("main section > h2").all_inner_texts() == STANDARD_HEADINGS
    screenshot(tab, "comparison-editor-preview")

    tab.get_by_role("button", name=re.compile("Toggle preview", re.I)).click()
    tab.locator("footer button", has_text="Save draft").click()
    tab.wait_for_load_state("networkidle")
    screenshot(tab, "comparison-editor-saved")

    pages = ComparisonPage.objects.filter(model_a__slug="gpt-oss-120b", model_b__slug="codex-1")
    assert pages.count() == 1 and ComparisonPage.objects.count() == before + 1
    page = pages.get()
    draft = page.get_latest_revision_as_object()
    assert (draft.title, draft.slug, page.live) == (
        "gpt-oss-120b vs Codex 1",
        "gpt-oss-120b-vs-codex-1",
        False,
    )
    verdict_block = next(b for b in draft.sections if b.block_type == "verdict")
    assert "Pick gpt-oss-120b when the budget decides." in str(verdict_block.value["text"])
    assert all(b.value.get("heading") in ("", None) for b in draft.sections)
    watch.assert_clean()
