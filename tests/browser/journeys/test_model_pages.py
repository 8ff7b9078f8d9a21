"""Editors working on imported model pages: saving a page whose catalogue import brought
several routes on one provider, and a price change reviewed through to readers."""

from __future__ import annotations

import re

from tests.browser.journeys.journey import Journey
from tests.browser.journeys.steps import (
    expect_message,
    footer_action,
    open_page_editor,
    review,
    review_actions,
)

# After the import, Claude Sonnet 4.5 is sold by Amazon Bedrock in two regions.
TWO_ROUTES_ONE_PROVIDER = "Claude Sonnet 4.5"
BEDROCK_IDS = (
    "au.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "jp.anthropic.claude-sonnet-4-5-20250929-v1:0",
)


def route_ids(tab) -> list[str]:
    return tab.locator("input[name$='-provider_model_id']").evaluate_all(
        "inputs => inputs.map(input => input.value)"
    )


def test_edit_and_save_imported_model_with_two_routes_on_one_provider(journey: Journey) -> None:
    tab = journey.as_user("editor1")
    open_page_editor(tab, journey.url, TWO_ROUTES_ONE_PROVIDER)
    assert set(BEDROCK_IDS) <= set(route_ids(tab))
    journey.shot(tab, "editor")

    summary = "A dependable all-rounder; checked against the providers' price lists."
    tab.get_by_role("textbox", name="Summary").fill(summary)
    footer_action(tab, "Save draft")
    journey.shot(tab, "saved")
    expect_message(tab, rf"Page '{re.escape(TWO_ROUTES_ONE_PROVIDER)}' has been updated")

    # The draft holds the edit, and both Bedrock routes are still there.
    tab.reload()
    assert tab.get_by_role("textbox", name="Summary").input_value() == summary
    ids = route_ids(tab)
    assert all(ids.count(bedrock) == 1 for bedrock in BEDROCK_IDS), ids
    # Each route is labelled by what tells it apart, not by its position.
    headings = [
        " ".join(text.split())
        for text in tab.locator("[id^='inline_child_routes-'] .cr-heading").all_inner_texts()
    ]
    bedrock = [heading for heading in headings if "Amazon Bedrock" in heading]
    assert sorted(bedrock) == ["Amazon Bedrock (Australia)", "Amazon Bedrock (Japan)"], headings


# One route (ZenMux), input $0.12 per 1M tokens after the import; no comparison uses it.
PRICED = "Agnes 1.5 Lite"
PRICED_URL = "/models/agnes-1-5-lite/"


def route_row(tab, provider: str) -> str:
    return " ".join(tab.locator("tr", has_text=provider).first.inner_text().split())


def test_price_change_on_a_model_page_reviewed_to_readers(journey: Journey) -> None:
    editor = journey.as_user("editor2")
    open_page_editor(editor, journey.url, PRICED)
    # The route's row: its price boxes are labelled "Input", "Output" (USD per 1M tokens).
    row = editor.locator("[id^='inline_child_routes-']", has_text="ZenMux").first
    price = row.get_by_label("Input", exact=True)
    assert float(price.input_value()) == 0.12
    price.fill("0.13")
    footer_action(editor, "Submit to Editorial review")
    journey.shot(editor, "submitted")
    expect_message(editor, rf"Page '{PRICED}' has been submitted")

    # Not live until reviewed.
    reader = journey.as_reader()
    reader.goto(journey.url + PRICED_URL)
    assert "$0.12" in route_row(reader, "ZenMux")

    def shows_the_change(dialog) -> None:
        said = " ".join(dialog.inner_text().split())
        assert "0.12" in said and "0.13" in said, f"the Fact check does not show the change: {said}"

    first = journey.as_user("reviewer1")
    review(first, journey.url, PRICED, "Approve with comment", dialog_check=shows_the_change)
    journey.shot(first, "fact-checked")
    # Four eyes: whoever did the Fact check is not offered Final approval.
    offered = review_actions(first, journey.url, PRICED)
    assert not [action for action in offered if action.startswith("Approve")], offered

    second = journey.as_user("reviewer2")
    review(second, journey.url, PRICED, "Approve")
    journey.shot(second, "approved")

    reader.reload()
    assert "$0.13" in route_row(reader, "ZenMux"), route_row(reader, "ZenMux")
    journey.shot(reader, "reader")
