"""Editors maintain reference data, and a change to it is reviewed like a page before
readers see it."""

from __future__ import annotations

from tests.browser.journeys.journey import Journey
from tests.browser.journeys.steps import expect_message, footer_action, review, review_actions

LAB = "DeepSeek"
LAB_URL = "/labs/deepseek/"
DESCRIPTION = "Hangzhou lab publishing open-weight reasoning and chat models."


def test_editor_edits_a_snippet_and_it_goes_through_review(journey: Journey) -> None:
    editor = journey.as_user("editor2")
    editor.goto(f"{journey.url}/admin/")
    editor.get_by_role("button", name="Reference data").click()
    editor.get_by_role("link", name="Labs").click()
    editor.get_by_role("link", name=LAB, exact=True).click()
    editor.get_by_role("textbox", name="Description").fill(DESCRIPTION)
    journey.shot(editor, "editing")
    footer_action(editor, "Submit to Editorial review")
    expect_message(editor, rf"'{LAB}' has been submitted")
    journey.shot(editor, "submitted")

    # Readers keep the reviewed text until the change is approved.
    reader = journey.as_reader()
    reader.goto(journey.url + LAB_URL)
    assert DESCRIPTION not in reader.locator("main").inner_text()

    first = journey.as_user("reviewer1")
    review(first, journey.url, LAB, "Approve with comment")
    offered = review_actions(first, journey.url, LAB)
    assert not [action for action in offered if action.startswith("Approve")], offered
    second = journey.as_user("reviewer2")
    review(second, journey.url, LAB, "Approve")
    journey.shot(second, "approved")

    reader.reload()
    assert DESCRIPTION in reader.locator("main").inner_text()
    journey.shot(reader, "reader")
