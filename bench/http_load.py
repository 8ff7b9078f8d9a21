#!/usr/bin/env python
"""HTTP benchmark: the site under gunicorn (production settings, 2 workers), loaded with
wrk, in a database of its own with the demo data and the full models.dev snapshot.

Three parts, in one run:

1. cached: the gpt-oss-120b comparison (50 routes) and model page from the page cache,
   against a constant 20 KB Django view behind the same middleware on the same server
   (bench/http_urls.py). Target: >= 0.9x the constant view's requests per second.
2. uncached (page cache off, BENCH_PAGE_CACHE=off): the same pages and the four other
   seed comparisons rendered on every request, side by side with the recipe pages of
   Wagtail's demo site (wagtail/bakerydemo, --bakerydemo DIR, served by its own gunicorn
   with 2 workers). Target: each page's median latency no higher than the fastest
   recipe page's.
3. --import-load: 60 s at 16 connections over a mix of reader URLs while the full
   catalogue is imported again from a modified copy (one gpt-oss-120b price and the
   output price of a few hundred other models changed). Targets: no errors and no
   non-2xx responses; every request that starts after the import has committed shows
   the new price (a poller asks for the model page and the API once every 50 ms).

Usage: .venv/bin/python bench/http_load.py [--reuse] [--duration 10] [--bakerydemo DIR]
       [--import-load] [--skip-pages]
Environment: BENCH_DATABASE_URL (default: SQLite var/bench-http.sqlite3), REDIS_URL
(default: each worker's memory cache), BENCH_PORT (8725), BAKERYDEMO_PORT (8726).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
SNAPSHOT = ROOT / "fixtures" / "models-dev" / "models-dev.json"
PORT = int(os.environ.get("BENCH_PORT", "8725"))
BAKERY_PORT = int(os.environ.get("BAKERYDEMO_PORT", "8726"))
WRK = shutil.which("wrk") or "/usr/bin/wrk"

CONSTANT = "/bench/constant/"
COMPARISON = "/compare/gpt-oss-120b-vs-qwen3-5-4b/"
MODEL = "/models/gpt-oss-120b/"
SEEDS = [
    "/compare/gpt-5-2-codex-vs-qwen3-5-4b/",
    "/compare/gpt-5-1-codex-vs-qwen3-5-4b/",
    "/compare/codex-1-vs-qwen3-5-4b/",
    "/compare/gpt-4-vision-preview-vs-qwen3-5-4b/",
]
RECIPES = ["/recipes/hot-cross-bun/", "/recipes/southern-cornbread/", "/recipes/mincemeat-tart/"]
# The readers' mix under the import: pages of every kind, cached and (query strings,
# the calculator) rendered.
MIX = [
    "/",
    "/models/",
    "/models/?capability=vision&sort=-output",
    MODEL,
    "/models/gpt-oss-120b/?input_tokens=5000000&output_tokens=1000000",
    COMPARISON,
    *SEEDS,
    "/compare/codex-1-vs-gpt-oss-120b/",
    "/providers/openrouter/",
    "/api/v1/models/gpt-oss-120b",
    "/api/v1/compare/gpt-oss-120b/qwen3-5-4b",
]
# The route whose price the import changes, and the model entries it also re-prices.
CHANGED_PROVIDER, CHANGED_MODEL = "baseten", "openai/gpt-oss-120b"
OTHER_CHANGED_MODELS = 300


def environment(page_cache: bool = True) -> dict[str, str]:
    db = ROOT / "var" / "bench-http.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.http_settings",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db}"),
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "BENCH_PAGE_CACHE": "on" if page_cache else "off",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}",
    }
    return env


def manage(*args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=environment(),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def build(reuse: bool) -> None:
    db = ROOT / "var" / "bench-http.sqlite3"
    db.parent.mkdir(exist_ok=True)
    if reuse:
        print("Reusing the database of the last run.")
    else:
        if "BENCH_DATABASE_URL" in os.environ:
            manage("migrate", "-v0")
            manage("flush", "--noinput", "-v0")
        elif db.exists():
            db.unlink()
        started = time.perf_counter()
        manage("migrate", "-v0")
        manage("load_demo_data")
        report = manage("import_catalogue", str(SNAPSHOT), "--initial", "--show", "0")
        print("\n".join(report.strip().splitlines()[-2:]))
        print(f"Database built in {time.perf_counter() - started:.0f} s.")
    manage("collectstatic", "--noinput", "-v0")
    # The page cache must not answer from an earlier run's generation.
    manage("shell", "-c", "from django.core.cache import cache; cache.clear()")


class Server:
    def __init__(self, command: list[str], cwd: Path, env: dict[str, str], port: int) -> None:
        self.port = port
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - open while the server runs
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.3)
        self.log.seek(0)
        self.stop()
        raise SystemExit(f"The server on port {port} did not start:\n{self.log.read().decode()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def product_server(page_cache: bool) -> Server:
    return Server(
        [GUNICORN, "llmref.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}"],
        ROOT,
        environment(page_cache),
        PORT,
    )


def bakery_server(directory: Path) -> Server:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("BAKERYDEMO_SETTINGS", "bakerydemo.settings.dev"),
    }
    command = [
        str(directory / ".venv" / "bin" / "gunicorn"),
        "bakerydemo.wsgi",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{BAKERY_PORT}",
    ]
    return Server(command, directory, env, BAKERY_PORT)


def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wrk(port: int, path: str, connections: int, duration: int, script: str = "") -> dict:
    command = [WRK, f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout

    def number(pattern: str, default: float = 0.0) -> float:
        found = re.search(pattern, output)
        return float(found.group(1)) if found else default

    def ms(label: str) -> float:
        found = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not found:
            return 0.0
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[found.group(2)]
        return float(found.group(1)) * scale

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": number(r"Requests/sec:\s+([\d.]+)"),
        "requests": int(number(r"(\d+) requests in")),
        "p50": ms("50%"),
        "p99": ms("99%"),
        "non2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "output": output,
    }


def median_run(runs: list[dict]) -> dict:
    """The run with the median throughput, errors of every run added up."""
    ordered = sorted(runs, key=lambda r: r["rps"])
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["errors"] = sum(r["errors"] for r in runs)
    chosen["non2xx"] = sum(r["non2xx"] for r in runs)
    return chosen


def check_page(port: int, path: str, cache: str | None) -> None:
    """The page answers 200 with this X-Cache (asked a few times: without REDIS_URL
    each worker fills its own cache)."""
    for _ in range(8):
        status, headers, _ = get(port, path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        if not cache or headers.get("X-Cache") == cache:
            return
    raise SystemExit(f"{path}: X-Cache {headers.get('X-Cache')}, expected {cache}")


def part_cached(duration: int) -> bool:
    print("\n1. Cached pages vs a constant 20 KB view (gunicorn, 2 workers, wrk -t2 -c16)")
    server = product_server(page_cache=True)
    try:
        for path in (MODEL, COMPARISON):
            get(PORT, path)  # the first request renders and stores
            check_page(PORT, path, "hit")
        # Interleaved rounds, the median of each: other work on the machine comes and goes.
        rounds: dict[str, list[dict]] = {CONSTANT: [], COMPARISON: [], MODEL: []}
        for _ in range(3):
            for path, runs in rounds.items():
                runs.append(wrk(PORT, path, 16, duration))
        results = {path: median_run(runs) for path, runs in rounds.items()}
    finally:
        server.stop()
    base = results[CONSTANT]["rps"]
    print("| page | requests/s | p50 ms | p99 ms | vs constant |")
    print("| --- | --- | --- | --- | --- |")
    ok = True
    for path, result in results.items():
        ratio = result["rps"] / base if base else 0
        ok &= path == CONSTANT or ratio >= 0.9
        ok &= result["errors"] == 0 and result["non2xx"] == 0
        print(
            f"| {path} | {result['rps']:,.0f} | {result['p50']:.1f} | {result['p99']:.1f} "
            f"| {ratio:.2f}x |"
        )
    print("Target (cached >= 0.9x constant):", "met" if ok else "NOT MET")
    return ok


def query_counts() -> dict[str, int]:
    """Queries per uncached render, counted in-process on the same database (second
    request: the first fills the data caches of this catalogue generation)."""
    code = (
        "import json\n"
        "from django.conf import settings\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "settings.CACHES['bench-none'] = "
        "{'BACKEND': 'django.core.cache.backends.dummy.DummyCache'}\n"
        "settings.COMPARISONS_PAGE_CACHE_ALIAS = 'bench-none'\n"
        "settings.COMPARISONS_PAGE_CACHE_LOCAL_BYTES = 0\n"
        "client = Client(HTTP_HOST='127.0.0.1')\n"
        "counts = {}\n"
        f"for path in {[COMPARISON, MODEL, *SEEDS]!r}:\n"
        "    client.get(path)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        assert client.get(path).status_code == 200\n"
        "    counts[path] = len(ctx.captured_queries)\n"
        "print('COUNTS' + json.dumps(counts))\n"
    )
    output = manage("shell", "-c", code)
    return json.loads(output.split("COUNTS", 1)[1])


def part_uncached(duration: int, bakerydemo: Path | None) -> bool:
    print("\n2. Uncached pages (page cache off) vs bakerydemo's recipe pages (wrk -t2 -c2)")
    counts = query_counts()
    servers = [product_server(page_cache=False)]
    try:
        if bakerydemo:
            servers.append(bakery_server(bakerydemo))
        for path in (COMPARISON, MODEL, *SEEDS):
            get(PORT, path)
            check_page(PORT, path, "miss")  # stored in a cache that keeps nothing
        recipe_paths = RECIPES if bakerydemo else []
        for path in recipe_paths:
            status, _, _ = get(BAKERY_PORT, path)
            if status != 200:
                raise SystemExit(f"bakerydemo {path} answered {status}")
        ours: dict[str, list[dict]] = {p: [] for p in (CONSTANT, COMPARISON, MODEL, *SEEDS)}
        theirs: dict[str, list[dict]] = {p: [] for p in recipe_paths}
        for _ in range(2):  # interleaved, the median of each
            for path, runs in ours.items():
                runs.append(wrk(PORT, path, 2, duration))
            for path, runs in theirs.items():
                runs.append(wrk(BAKERY_PORT, path, 2, duration))
        results = {path: median_run(runs) for path, runs in ours.items()}
        recipes = {path: median_run(runs) for path, runs in theirs.items()}
    finally:
        for server in servers:
            server.stop()
    fastest_recipe = min((r["p50"] for r in recipes.values()), default=0.0)
    print("| page | queries | requests/s | p50 ms | p99 ms | vs fastest recipe (p50) |")
    print("| --- | --- | --- | --- | --- | --- |")
    ok = True
    for path, result in results.items():
        ratio = result["p50"] / fastest_recipe if fastest_recipe else 0
        queries = counts.get(path)
        if path != CONSTANT:
            ok &= queries is not None and queries <= 12
            if fastest_recipe:
                ok &= ratio <= 1.0
        ok &= result["errors"] == 0 and result["non2xx"] == 0
        print(
            f"| {path} | {queries if queries is not None else '—'} | {result['rps']:,.0f} "
            f"| {result['p50']:.1f} | {result['p99']:.1f} | {ratio:.2f}x |"
        )
    for path, result in recipes.items():
        print(
            f"| bakerydemo {path} | — | {result['rps']:,.0f} | {result['p50']:.1f} "
            f"| {result['p99']:.1f} | {result['p50'] / fastest_recipe:.2f}x |"
        )
    print("Targets (<= 12 queries; p50 <= the fastest recipe page's):", "met" if ok else "NOT MET")
    return ok


def modified_snapshot(directory: Path) -> tuple[Path, str]:
    """A copy of the snapshot with one gpt-oss-120b price changed (a value no route has)
    and the output price of a few hundred other models raised by 1%."""
    data = json.loads(SNAPSHOT.read_text())
    cents = random.Random().choice([n for n in range(1001, 9999) if n % 10])
    new_price = f"0.{cents:04d}"
    data[CHANGED_PROVIDER]["models"][CHANGED_MODEL]["cost"]["output"] = float(new_price)
    changed = 0
    for key, provider in data.items():
        for model_id, model in provider.get("models", {}).items():
            cost = model.get("cost")
            if changed >= OTHER_CHANGED_MODELS or not cost or not cost.get("output"):
                continue
            if (key, model_id) == (CHANGED_PROVIDER, CHANGED_MODEL):
                continue
            cost["output"] = round(cost["output"] * 1.01, 6)
            changed += 1
    path = directory / "models-dev.json"
    path.write_text(json.dumps(data))
    return path, new_price


def part_import_load(duration: int) -> bool:
    print(f"\n3. {duration} s at 16 connections over {len(MIX)} reader URLs during a full import")
    workdir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    snapshot, new_price = modified_snapshot(workdir)
    script = workdir / "mix.lua"
    paths = ", ".join(json.dumps(p) for p in MIX)
    script.write_text(
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        "  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
    )
    watched = [MODEL, "/api/v1/models/gpt-oss-120b"]
    needle = {MODEL: f"${new_price}".encode(), watched[1]: f'"{new_price}"'.encode()}
    polls: list[tuple[float, str, int, bool]] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            for path in watched:
                started = time.time()
                status, _, body = get(PORT, path)
                polls.append((started, path, status, needle[path] in body))
            time.sleep(0.05)

    server = product_server(page_cache=True)
    try:
        for path in MIX:
            get(PORT, path)
        load: dict = {}
        loader = threading.Thread(
            target=lambda: load.update(wrk(PORT, "/", 16, duration, str(script)))
        )
        poller = threading.Thread(target=poll)
        loader.start()
        poller.start()
        time.sleep(min(10, duration / 6))
        import_started = time.time()
        result = subprocess.run(
            [PYTHON, "manage.py", "import_catalogue", str(snapshot), "--show", "0"],
            cwd=ROOT,
            env=environment(),
            capture_output=True,
            text=True,
        )
        import_done = time.time()
        loader.join()
        stop.set()
        poller.join()
        after_status, _, after_body = get(PORT, MODEL)
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"Import: exit {result.returncode} in {import_done - import_started:.1f} s")
    print("  " + "\n  ".join(result.stdout.strip().splitlines()[-2:]))
    stale_after = [p for p in polls if p[0] >= import_done and not p[3]]
    first_new = min((p[0] for p in polls if p[3]), default=None)
    went_back = False
    for path in watched:
        seen_new = False
        for _, _path, _, fresh in (x for x in polls if x[1] == path):
            went_back |= seen_new and not fresh
            seen_new |= fresh
    bad_polls = [p for p in polls if p[2] != 200]
    print(
        f"wrk: {load.get('requests', 0):,} requests, {load.get('rps', 0):,.0f}/s, "
        f"p50 {load.get('p50', 0):.1f} ms, p99 {load.get('p99', 0):.1f} ms, "
        f"socket errors {load.get('errors')}, non-2xx {load.get('non2xx')}"
    )
    print(
        f"poller: {len(polls)} requests, {len(bad_polls)} not 200; new price first seen "
        f"{(first_new - import_started) if first_new else float('nan'):.1f} s after the import "
        f"started; {len(stale_after)} old answers after the import finished; "
        f"{'an old answer after a new one' if went_back else 'never back to old data'}"
    )
    fresh_after = after_status == 200 and needle[MODEL] in after_body
    print(f"After the run the model page shows the new price ${new_price}: {fresh_after}")
    ok = (
        result.returncode == 0
        and load.get("errors") == 0
        and load.get("non2xx") == 0
        and not bad_polls
        and not stale_after
        and not went_back
        and fresh_after
    )
    verdict = "met" if ok else "NOT MET"
    print("Targets (0 errors; new data on every request after the commit):", verdict)
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep the last run's database")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--bakerydemo", type=Path, help="a checkout of wagtail/bakerydemo")
    parser.add_argument("--import-load", action="store_true", help="part 3 (60 s)")
    parser.add_argument("--skip-pages", action="store_true", help="parts 3 only")
    args = parser.parse_args()
    if not Path(WRK).exists():
        raise SystemExit("wrk is needed: apt-get install wrk")
    build(args.reuse)
    ok = True
    if not args.skip_pages:
        ok &= part_cached(args.duration)
        ok &= part_uncached(args.duration, args.bakerydemo)
    if args.import_load:
        ok &= part_import_load(60)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
