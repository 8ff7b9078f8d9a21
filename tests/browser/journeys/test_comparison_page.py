"""An editor adds a comparison page and writes its prose; two reviewers take it through
review, the claim check catching a wrong price; readers see today's review date."""

from __future__ import annotations

import datetime
import re

from tests.browser.journeys.journey import Journey
from tests.browser.journeys.steps import (
    expect_message,
    footer_action,
    review,
    review_actions,
    search_pages,
)

MODEL_A, MODEL_B = "Agnes 1.5 Pro", "Claude Haiku 4.5"
# Agnes 1.5 Pro's only route charges $0.16 per 1M input tokens after the import.
WRONG_PRICE = f"{MODEL_A} costs $0.50 per 1M input tokens, a fraction of {MODEL_B}."
DEEP_DIVE = f"{MODEL_B} has the longer track record; both suit short chat turns."


def section(tab, block_type: str):
    """The sections stream's block of BLOCK_TYPE ("Verdict (editor)", ...): the innermost
    panel whose header names it (the Sections panel around it names every type)."""
    return (
        tab.locator("section.w-panel")
        .filter(has=tab.locator(".c-sf-block__type", has_text=block_type))
        .last
    )


def choose_model(tab, which: str, title: str) -> None:
    field = tab.locator(f"[data-field-wrapper]:has(#id_{which})")
    field.get_by_role("button", name=re.compile(r"^Choose a (model|page)")).click()
    dialog = tab.locator(".modal-content")
    dialog.get_by_role("textbox").first.fill(title)
    # The results follow the typing; pick the exact title.
    dialog.get_by_role("link", name=title, exact=True).click()
    dialog.wait_for(state="hidden")


def type_into(tab, block_type: str, text: str) -> None:
    box = section(tab, block_type).locator("[contenteditable=true]").first
    box.click()
    box.press_sequentially(text)


def test_add_comparison_review_it_and_publish(journey: Journey) -> None:
    editor = journey.as_user("editor1")
    editor.goto(f"{journey.url}/admin/pages/")
    editor.get_by_role("link", name="Explore child pages of 'LLM Reference'").click()
    editor.get_by_role("link", name="Explore child pages of 'Comparisons'").click()
    editor.get_by_role("link", name="Add child page").first.click()
    if "/add_subpage/" in editor.url:
        editor.get_by_role("link", name="Comparison page", exact=True).click()
    editor.wait_for_url(re.compile(r"/admin/pages/add/comparisons/comparisonpage/"))
    editor.locator("form#page-edit-form").wait_for()
    journey.shot(editor, "new")

    # A clean form: no heading reads "undefined", both prose boxes are rich-text editors.
    headings = editor.locator("input[name$='-value-heading']").evaluate_all(
        "inputs => inputs.map(input => input.value)"
    )
    assert "undefined" not in headings, headings
    assert "This widget failed to render" not in editor.locator("main").inner_text()
    for prose in ("Verdict (editor)", "Deep dive (editor)"):
        assert section(editor, prose).locator("[contenteditable=true]").count(), prose

    choose_model(editor, "model_a", MODEL_A)
    choose_model(editor, "model_b", MODEL_B)
    type_into(editor, "Verdict (editor)", WRONG_PRICE)
    type_into(editor, "Deep dive (editor)", DEEP_DIVE)
    journey.shot(editor, "written")

    # The preview shows the page as it will read.
    editor.get_by_role("button", name="Toggle preview").click()
    preview = editor.frame_locator("#w-preview-iframe")
    preview.locator("h1").wait_for()
    title = " ".join(preview.locator("h1").inner_text().split())
    assert MODEL_A in title and MODEL_B in title, title
    previewed = preview.locator("body").inner_text()
    assert "Placeholder title" not in previewed and "undefined" not in previewed
    assert "$0.50 per 1M input tokens" in previewed
    journey.shot(editor, "preview")
    editor.get_by_role("button", name="Toggle preview").click()

    footer_action(editor, "Save draft")
    expect_message(editor, r"has been (created|updated)")
    # The wrong price is flagged to the editor.
    status = " ".join(editor.get_by_role("region", name="Review status").inner_text().split())
    assert "$0.50" in status and "$0.16" in status, status
    journey.shot(editor, "saved")
    footer_action(editor, "Submit to Editorial review")
    expect_message(editor, r"has been submitted")

    # One page for the pair: autosave left no half-made page behind.
    search_pages(editor, journey.url, MODEL_A)
    pages = editor.locator("tbody tr").filter(has_text=" vs ").all_inner_texts()
    assert len(pages) == 1, pages
    assert not editor.get_by_text(re.compile("Placeholder title|undefined")).count()

    # Reviewer 1 sees the contradicted claim in the Fact check and acknowledges it.
    def flags_the_price(dialog) -> None:
        said = " ".join(dialog.inner_text().split())
        assert "$0.50" in said and "$0.16" in said, f"the claim is not flagged: {said}"

    first = journey.as_user("reviewer1")
    review(
        first,
        journey.url,
        title,
        "Approve with comment",
        comment="Price sentence checked with the editor.",
        acknowledge=True,
        dialog_check=flags_the_price,
    )
    journey.shot(first, "fact-checked")
    offered = review_actions(first, journey.url, title)
    assert not [action for action in offered if action.startswith("Approve")], offered

    second = journey.as_user("reviewer2")
    review(second, journey.url, title, "Approve")
    journey.shot(second, "approved")

    reader = journey.as_reader()
    reader.goto(f"{journey.url}/compare/")
    reader.get_by_role("link", name=title, exact=True).first.click()
    footer = reader.locator("#last-reviewed").inner_text()
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    assert f"Last reviewed: {today}" in footer, footer
    published = reader.locator("main").inner_text()
    assert WRONG_PRICE in published and DEEP_DIVE in published
    journey.shot(reader, "reader")
