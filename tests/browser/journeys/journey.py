"""A journey: one test's browser sessions, one per person, each logged in through the admin's
login form, all watched for console errors, uncaught page errors and HTTP 5xx answers."""

from __future__ import annotations

import contextlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.browser.journeys.site import PASSWORD, Site

VIEWPORT = {"width": 1366, "height": 900}
# The admin's model editor is heavy with the real catalogue on a busy 2-core machine.
TIMEOUT_MS = 60_000  # navigations
ACTION_TIMEOUT_MS = 20_000


def _axe_violations(message: Any) -> str:
    """Wagtail's accessibility checker logs its findings as an object; name each rule."""
    try:
        violations = message.args[1].json_value()  # axe's results.violations
        return "; ".join(
            f"{rule['id']}: {rule['help']} ({len(rule.get('nodes', []))} nodes: "
            + ", ".join(str(node.get("target")) for node in rule.get("nodes", [])[:3])
            + ")"
            for rule in violations
        )
    except Exception as exc:  # the page may be gone before its console is read
        return f"(details unavailable: {exc})"


@dataclass
class Journey:
    browser: Any
    site: Site
    artefacts: Path
    name: str
    logins: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    client_errors: list[str] = field(default_factory=list)
    _server_errors: list[tuple[str, Any]] = field(default_factory=list)
    _contexts: list[Any] = field(default_factory=list)
    _shots: int = 0

    @property
    def url(self) -> str:
        return self.site.url

    def _context(self, who: str, storage_state: Any = None) -> Any:
        context = self.browser.new_context(viewport=VIEWPORT, storage_state=storage_state)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)

        def console(message: Any) -> None:
            if message.type == "error":
                where = message.page.url if message.page else "?"
                source = message.location.get("url")
                if _autosave_refusal(message.text, source or ""):
                    return
                text = f"{message.text} ({source})" if source and source != where else message.text
                if message.text.startswith("axe.run results"):
                    text = f"accessibility check failed: {_axe_violations(message)}"
                self.problems.append(f"[{who}] console error on {where}: {text}")

        def web_error(error: Any) -> None:
            where = error.page.url if error.page else "?"
            if _wagtail_checks_race(error.error, where):
                return
            self.problems.append(f"[{who}] uncaught error on {where}: {error.error}")

        def response(answer: Any) -> None:
            if answer.status >= 500:
                self._server_errors.append((who, answer))
            elif answer.status >= 400:
                # Context for the console's "Failed to load resource" lines, which omit it.
                self.client_errors.append(
                    f"[{who}] HTTP {answer.status} {answer.request.method} {answer.url}"
                )

        context.on("console", console)
        context.on("weberror", web_error)
        context.on("response", response)
        self._contexts.append(context)
        return context

    def as_user(self, username: str) -> Any:
        """A new tab for USERNAME, logged in (through the login form the first time)."""
        if username in self.logins:
            return self._context(username, self.logins[username]).new_page()
        tab = self._context(username).new_page()
        tab.goto(f"{self.url}/admin/login/")
        tab.get_by_label("Username").fill(username)
        tab.get_by_label("Password").fill(PASSWORD)
        tab.get_by_role("button", name="Sign in").click()
        tab.wait_for_url(f"{self.url}/admin/")
        self.logins[username] = tab.context.storage_state()
        return tab

    def as_reader(self) -> Any:
        return self._context("reader").new_page()

    def shot(self, tab: Any, step: str) -> Path:
        self._shots += 1
        self.artefacts.mkdir(parents=True, exist_ok=True)
        path = self.artefacts / f"{self.name}-{self._shots:02d}-{step}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    def collect(self) -> list[str]:
        """Every problem seen, with each 5xx answer's exception line from the debug page."""
        for who, answer in self._server_errors:
            detail = ""
            try:
                body = answer.text()
                title = re.search(r"<title>(.*?)</title>", body, re.S)
                value = re.search(r'<pre class="exception_value">(.*?)</pre>', body, re.S)
                parts = [m.group(1).strip() for m in (title, value) if m]
                detail = f": {html.unescape(' — '.join(' '.join(p.split()) for p in parts))}"
            except Exception as exc:  # the body may be gone with its page
                detail = f" (body unavailable: {exc})"
            self.problems.append(
                f"[{who}] HTTP {answer.status} {answer.request.method} {answer.url}{detail}"
            )
        self._server_errors.clear()
        return self.problems

    def screenshot_all(self, step: str) -> None:
        for context in self._contexts:
            for tab in context.pages:
                # A crashed or closed tab cannot be photographed.
                with contextlib.suppress(Exception):
                    self.shot(tab, step)

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        self._contexts.clear()


# Wagtail's autosave posts the form in the background; the server refuses (400, JSON) a
# post that raced the editor's own save or caught the form half-filled, and Chromium logs
# that as a failed resource. A form the editor submits is never answered 400 (errors come
# back as a 200 page), so a 400 on a page's add or edit address is always an autosave.
_AUTOSAVE_URL = re.compile(r"/admin/pages/(\d+/edit|add/[^/]+/[^/]+/\d+)/$")


def _autosave_refusal(text: str, source: str) -> bool:
    return "status of 400" in text and bool(_AUTOSAVE_URL.search(source))


# Wagtail 8's preview panel runs its content checks (axe) when the preview loads and when
# the preview's userbar says axe is ready. Its guard awaits the run in progress and then
# starts a new one, so two calls waiting on the same run both start axe, and axe throws
# this. The checks still report (the other run completes); nothing of this site is in it.
# Only this exact message is let through, and only as an uncaught error on an editor page.
_WAGTAIL_CHECKS_RACE = "Axe is already running. Use `await axe.run()` to wait"


def _wagtail_checks_race(error: str, where: str) -> bool:
    return str(error).startswith(_WAGTAIL_CHECKS_RACE) and "/admin/pages/" in where
