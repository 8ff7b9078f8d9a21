"""The journeys' site itself: the real catalogue is there, static files are served, and
each role signs in to the admin."""

import re

from tests.browser.journeys.journey import Journey


def test_site_serves_catalogue_and_admin(journey: Journey) -> None:
    reader = journey.as_reader()
    reader.goto(f"{journey.url}/models/")
    # The real import, not only the six demo models.
    summary = reader.get_by_text(re.compile(r"\d+ published models")).inner_text()
    assert int(re.search(r"(\d+) published models", summary).group(1)) > 1000, summary
    stylesheet = reader.locator("link[rel=stylesheet]").first.get_attribute("href")
    assert reader.request.get(f"{journey.url}{stylesheet}").ok
    journey.shot(reader, "models")

    for username in ("editor1", "reviewer1"):
        tab = journey.as_user(username)
        tab.goto(f"{journey.url}/admin/")
        assert (
            tab.get_by_role("heading", name="Dashboard").or_(tab.locator("h1")).first.is_visible()
        )
        journey.shot(tab, f"dashboard-{username}")
