"""What editors and reviewers do in the admin, as they do it: search, open, type, click.

Selectors are the admin's visible labels and roles, and Wagtail's own markup where a
widget has no accessible name (the footer's action menu, the dashboard's review rows)."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

PERMISSION_DENIED = "Sorry, you do not have permission to access this area."


def messages(tab: Any) -> list[str]:
    return [" ".join(text.split()) for text in tab.locator(".messages li").all_inner_texts()]


def form_errors(tab: Any) -> list[str]:
    errors = tab.locator(".error-message, .w-field__errors, .help-critical, .non-field-errors")
    return [" ".join(text.split()) for text in errors.all_inner_texts() if text.strip()]


def expect_message(tab: Any, pattern: str) -> str:
    """The admin's message matching PATTERN (a regular expression); fails naming what the
    page said instead (its messages and form errors)."""
    tab.wait_for_load_state()
    found = messages(tab)
    for text in found:
        if re.search(pattern, text, re.I):
            return text
    raise AssertionError(
        f"Expected a message matching {pattern!r} on {tab.url}; "
        f"messages: {found}; form errors: {form_errors(tab)}"
    )


def expect_no_permission_error(tab: Any, what: str = "") -> None:
    """Fails if the admin turned the user away (it redirects to the dashboard and says so)."""
    where = f"{what} → {tab.url}" if what else tab.url
    said = messages(tab)
    assert not any(PERMISSION_DENIED in text for text in said), f"{where}: {said}"
    assert PERMISSION_DENIED not in tab.locator("body").inner_text(), where


def search_pages(tab: Any, base: str, query: str) -> None:
    """The dashboard's page search, as a person types it."""
    tab.goto(f"{base}/admin/")
    box = tab.get_by_placeholder("Search all pages…")
    box.fill(query)
    with tab.expect_navigation():
        box.press("Enter")
    expect_no_permission_error(tab, f"searching for {query!r}")
    assert "q=" in tab.url, tab.url


def open_page_editor(tab: Any, base: str, title: str) -> None:
    """Find the page titled TITLE with the admin search and open its editor."""
    search_pages(tab, base, title)
    tab.get_by_role("link", name=title, exact=True).first.click()
    tab.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    tab.locator("form#page-edit-form").wait_for()


def footer_action(tab: Any, name: str) -> None:
    """Click an action in the editor's footer, opening its "More actions" menu if needed."""
    footer = tab.locator("footer")
    button = footer.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        footer.get_by_role("button", name="More actions").click()
    with tab.expect_navigation():
        button.click()


def review_row(tab: Any, title: str) -> Any:
    """The row for TITLE in the dashboard's "Awaiting your review" panel (may be absent)."""
    exact = re.compile(rf"^\s*{re.escape(title)}\s*$")
    panel = tab.get_by_role("region", name="Awaiting your review")
    return panel.locator("tbody tr").filter(has=tab.locator("td.title").filter(has_text=exact))


def review_actions(tab: Any, base: str, title: str) -> list[str]:
    """The workflow actions the dashboard offers this user for TITLE ([] if none)."""
    tab.goto(f"{base}/admin/")
    row = review_row(tab, title)
    if not row.count():
        return []
    row.get_by_role("button", name="Actions").click()
    return [
        " ".join(label.split())
        for label in row.locator("button[data-workflow-action-url]").all_inner_texts()
    ]


def review(
    tab: Any,
    base: str,
    title: str,
    action: str,
    *,
    comment: str = "",
    acknowledge: bool = False,
    dialog_check: Any = None,
) -> str:
    """Take ACTION ("Approve", "Approve with comment", ...) on TITLE from the dashboard.

    With a dialog, DIALOG_CHECK(dialog) runs on it before it is sent; returns the
    dialog's text ("" without one)."""
    offered = review_actions(tab, base, title)
    assert action in offered, f"{title!r}: {action!r} not offered on the dashboard ({offered})"
    row = review_row(tab, title)
    button = row.locator("button[data-workflow-action-url]").filter(
        has_text=re.compile(rf"^\s*{re.escape(action)}\s*$")
    )
    if "with comment" not in action:
        with tab.expect_navigation():
            button.click()
        return ""
    button.click()
    dialog = tab.locator(".modal-content")
    # The dialog opens within seconds; a server error leaves it empty.
    dialog.locator("form").wait_for(timeout=20_000)
    text = " ".join(dialog.inner_text().split())
    if dialog_check is not None:
        dialog_check(dialog)
    if comment:
        dialog.get_by_label("Comment").fill(comment)
    if acknowledge:
        dialog.get_by_label(re.compile("I have checked the flagged claims")).check()
    try:
        with tab.expect_navigation(timeout=30_000):
            dialog.locator("button[type=submit]").click()
    except PlaywrightTimeout:
        said = " ".join(dialog.inner_text().split()) if dialog.count() else "(dialog closed)"
        raise AssertionError(f"{action!r} on {title!r} did not go through: {said}") from None
    return text
