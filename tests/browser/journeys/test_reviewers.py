"""Reviewers finding their way: the dashboard's search and every link of Needs re-review."""

from __future__ import annotations

import re

from tests.browser.journeys.journey import Journey
from tests.browser.journeys.steps import expect_no_permission_error, search_pages


def test_reviewer_opens_every_link_of_needs_re_review(journey: Journey) -> None:
    tab = journey.as_user("reviewer1")
    tab.goto(f"{journey.url}/admin/")
    tab.get_by_role("link", name="Open the Needs re-review report").click()
    tab.wait_for_url(re.compile(r"/admin/reports/needs-re-review/"))
    expect_no_permission_error(tab)
    journey.shot(tab, "report")
    rows = tab.locator("table.listing tbody tr")
    assert rows.count() > 0, "Needs re-review lists nothing on the real catalogue"
    links = tab.locator("table.listing tbody a[href]").evaluate_all(
        "links => links.map(link => [link.href, link.innerText.trim()])"
    )
    assert links, "the report's rows link nowhere"

    # Every link answers, and none of them turns the reviewer away.
    opened = []
    for href, text in dict.fromkeys(map(tuple, links)):
        answer = tab.goto(href)
        assert answer is not None and answer.ok, f"{text!r} → {href} answered {answer.status}"
        expect_no_permission_error(tab, f"link {text!r} ({href})")
        opened.append(f"{text} → {tab.url}")
    journey.shot(tab, "last-link")
    print("\n".join(opened))


def test_reviewer_searches_pages_from_the_dashboard(journey: Journey) -> None:
    tab = journey.as_user("reviewer2")
    search_pages(tab, journey.url, "Claude Sonnet 4.5")
    journey.shot(tab, "search")
    # Reviewers may not edit model pages; they open them from the row's menu.
    tab.get_by_role("button", name="More options for 'Claude Sonnet 4.5'").click()
    with tab.expect_navigation():
        tab.get_by_role("link", name="View live").first.click()
    assert tab.url.endswith("/models/claude-sonnet-4-5/"), tab.url
    assert tab.locator("h1").inner_text().strip() == "Claude Sonnet 4.5"
