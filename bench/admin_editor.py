#!/usr/bin/env python
"""Admin editor speed: the model page editor of the model with the most routes after the
real models.dev import (gpt-oss-120b, 50 routes), opened and saved as a draft by an
editor. Prints the HTML size, the GET time (median and p95 of N), the Save draft POST
time (median of M, the form posted back exactly as the browser would send it) and the
SQL queries of each, with the size of each part of the page, and checks the targets:
HTML <= 400 KB, GET <= 1.5 s, Save draft <= 2 s.

The database is its own (var/bench-admin.sqlite3 unless BENCH_DATABASE_URL is set), with
the demo data and the full catalogue import (about 30 s); `--reuse` keeps a database
built by an earlier run. `--browser` also opens the editor in Chromium (Playwright)
through a local server and times it until the page has loaded.

Usage: .venv/bin/python bench/admin_editor.py [--requests 10] [--saves 3] [--slug gpt-oss-120b]
       [--reuse] [--browser] [--profile]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from run import ROOT, setup_django  # bench/run.py, beside this script

from tests.helpers import form_data  # what the browser would post (run put ROOT on the path)

SNAPSHOT = ROOT / "fixtures" / "models-dev" / "models-dev.json"
DB_NAME = "bench-admin.sqlite3"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
TARGETS = {"html_kb": 400.0, "get_s": 1.5, "save_s": 2.0}


def build() -> None:
    from comparisons.importers.catalogue.run import import_catalogue_file
    from home.demo_data import load_demo_data

    started = time.perf_counter()
    load_demo_data()
    canonical = SNAPSHOT.parent / "models-dev-canonical-models.json"
    import_catalogue_file(SNAPSHOT, canonical_path=canonical if canonical.exists() else None)
    print(f"Demo data and catalogue imported in {time.perf_counter() - started:.0f} s", flush=True)


def editor():
    """A member of the Editors group, as the review set-up defines it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from comparisons.review.setup import EDITORS

    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"email": "bench-editor@example.com"}
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def errors(response) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.select(".error-message, .w-field__errors li, .help-critical")
    return "; ".join(" ".join(e.get_text(" ", strip=True).split()) for e in found) or "?"


def timed(call, count: int) -> tuple[list[float], int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, response = [], 0, None
    for _ in range(count):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = call()
            times.append(time.perf_counter() - started)
        queries = max(queries, len(ctx.captured_queries))
    return sorted(times), queries, response


def parts(html: str) -> list[tuple[str, int]]:
    """Bytes of each top-level panel of the editor, the rest of the page last."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    sizes = []
    for section in soup.select("section.w-panel[id^='panel-child-']"):
        if section.find_parent("section", class_="w-panel") is None:
            label = section["id"].removeprefix("panel-child-").removesuffix("-section")
            sizes.append((label, len(str(section).encode())))
    total = len(str(soup).encode())
    return [*sizes, ("rest of the page", total - sum(size for _, size in sizes))]


def browser_load(url_path: str, user, repeats: int = 3) -> dict[str, float]:
    """Median seconds from navigation to the HTML received, DOMContentLoaded and the load
    event in Chromium, logged in as `user`."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test.testcases import LiveServerThread
    from playwright.sync_api import sync_playwright

    server = LiveServerThread("127.0.0.1", static_handler=_static_handler(), port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    base = f"http://127.0.0.1:{server.port}"
    times = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": session.session_key,
                        "url": base,
                    }
                ]
            )
            page = context.new_page()
            page.goto(base + url_path, wait_until="load")  # warm-up: static files cached
            for _ in range(repeats):
                page.goto(base + url_path, wait_until="load")
                times.append(
                    page.evaluate(
                        """() => { const t = performance.getEntriesByType("navigation")[0];
                        return [t.responseEnd, t.domContentLoadedEventEnd, t.loadEventEnd]; }"""
                    )
                )
            browser.close()
    finally:
        server.terminate()
    labels = ("HTML received", "DOMContentLoaded", "load event")
    return {label: statistics.median(t[i] for t in times) / 1000 for i, label in enumerate(labels)}


def _static_handler():
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    return StaticFilesHandler


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slug", default="gpt-oss-120b")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep an earlier run's database")
    parser.add_argument("--browser", action="store_true", help="also time Chromium's load")
    parser.add_argument("--profile", action="store_true", help="cProfile one GET and one POST")
    args = parser.parse_args()

    reuse = args.reuse and (ROOT / "var" / DB_NAME).exists()
    setup_django(DB_NAME, keep=reuse)
    from django.test import Client

    from comparisons.models import ModelPage

    if not reuse:
        build()
    page = ModelPage.objects.get(slug=args.slug)
    user = editor()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    url = f"/admin/pages/{page.pk}/edit/"
    client.get(url)  # warm-up: caches and the first-request costs

    gets, get_queries, response = timed(lambda: client.get(url), args.requests)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    html = response.content.decode()
    data = form_data(html)

    def save():
        answer = client.post(url, data)
        if answer.status_code != 302:
            raise SystemExit(f"Save draft answered {answer.status_code}: {errors(answer)}")
        return answer

    saves, save_queries, _ = timed(save, args.saves)

    if args.profile:
        import cProfile
        import pstats

        for label, call in (("GET", lambda: client.get(url)), ("POST", save)):
            profiler = cProfile.Profile()
            profiler.runcall(call)
            print(f"\n--- {label} profile (top 25 by cumulative time) ---")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    routes = page.routes.count()
    size_kb = len(response.content) / 1024
    get_median, save_median = statistics.median(gets), statistics.median(saves)
    p95 = gets[min(len(gets) - 1, round(0.95 * (len(gets) - 1)))]
    print(f"\nModel editor for {page.title} ({routes} routes), as an editor:")
    print(f"  HTML            {size_kb:8.0f} KB")
    print(f"  GET             {get_median:8.2f} s median, {p95:.2f} s p95 of {len(gets)}")
    print(f"                  {get_queries:8} queries")
    print(f"  Save draft      {save_median:8.2f} s median of {len(saves)}")
    print(f"                  {save_queries:8} queries")
    print("  Size by part:")
    for label, size in parts(html):
        print(f"    {label:40} {size / 1024:7.0f} KB")
    if args.browser:
        print("  In Chromium (median of 3, seconds from navigation):")
        for label, seconds in browser_load(url, user).items():
            print(f"    {label:40} {seconds:7.2f} s")

    failures = []
    if size_kb > TARGETS["html_kb"]:
        failures.append(f"HTML is {size_kb:.0f} KB, over {TARGETS['html_kb']:.0f} KB")
    if get_median > TARGETS["get_s"]:
        failures.append(f"GET takes {get_median:.2f} s, over {TARGETS['get_s']} s")
    if save_median > TARGETS["save_s"]:
        failures.append(f"Save draft takes {save_median:.2f} s, over {TARGETS['save_s']} s")
    print()
    if failures:
        print("Targets missed:\n- " + "\n- ".join(failures))
        return 1
    print("Targets met: HTML ≤ 400 KB, GET ≤ 1.5 s, Save draft ≤ 2 s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
