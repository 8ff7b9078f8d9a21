"""Journeys: editors and reviewers in the admin, in Chromium, on a site holding the real
catalogue import (see site.py). The site is built once per test session; journeys share it,
so each works on its own pages and never relies on another's changes.

A journey fails on any browser console error, uncaught page error or HTTP 5xx answer seen
during it, with the messages in the failure. Screenshots go to artefacts/journeys/.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import ARTEFACTS
from tests.browser.journeys.journey import Journey
from tests.browser.journeys.site import Site, running_site

SHOTS = ARTEFACTS / "journeys"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/journeys" in str(item.fspath):
            item.add_marker(pytest.mark.journeys)


@pytest.fixture(scope="session")
def journey_site(tmp_path_factory: pytest.TempPathFactory, chromium: Any) -> Iterator[Site]:
    # Depends on chromium so a machine without it skips before the minute-long build.
    with running_site(tmp_path_factory.mktemp("journeys"), SHOTS) as site:
        yield site


@pytest.fixture(scope="session")
def logins() -> dict[str, Any]:
    """Each person's signed-in browser storage, so they log in once per session."""
    return {}


@pytest.fixture
def journey(
    request: pytest.FixtureRequest, chromium: Any, journey_site: Site, logins: dict[str, Any]
) -> Iterator[Journey]:
    name = request.node.name.removeprefix("test_")
    for old in SHOTS.glob(f"{name}-*.png"):
        old.unlink()
    trip = Journey(chromium, journey_site, SHOTS, name, logins)
    request.node.journey = trip
    yield trip
    trip.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    trip: Journey | None = getattr(item, "journey", None)
    if report.when != "call" or trip is None:
        return
    problems = trip.collect()
    if problems and trip.client_errors:
        problems = [*problems, "4xx answers seen:", *trip.client_errors]
    if report.failed:
        trip.screenshot_all("failed")
        if problems:
            report.sections.append(("browser problems during the journey", "\n".join(problems)))
    elif report.passed and problems:
        trip.screenshot_all("browser-errors")
        report.outcome = "failed"
        report.longrepr = "The journey saw browser errors or server errors:\n" + "\n".join(problems)
    if report.failed:
        report.sections.append(("server log", f"{trip.site.log}"))
