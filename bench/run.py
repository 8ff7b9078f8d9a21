#!/usr/bin/env python
"""Speed benchmark: query counts and render times per page type, on the demo data and on
a synthetic catalogue, in a database of its own (var/bench.sqlite3 unless BENCH_DATABASE_URL
is set). Prints a table and checks the targets:

- each page type runs the same number of SQL queries on both data sets;
- the models index (filtered) and an on-the-fly comparison render no slower than 1.2x
  on the synthetic catalogue than on the demo data.

Usage: .venv/bin/python bench/run.py [--models 5000] [--providers 150] [--routes 30000]
       [--comparisons 500] [--requests 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]


def setup_django(name: str = "bench.sqlite3", *, empty: bool = False, keep: bool = False) -> None:
    """Django on a database of the benchmark's own: a fresh SQLite file in var/ (the
    earlier run's when `keep`), or the one BENCH_DATABASE_URL names (emptied first when
    `empty`)."""
    db = ROOT / "var" / name
    db.parent.mkdir(exist_ok=True)
    if db.exists() and not keep:
        db.unlink()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "llmref.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # What is measured here is rendering; with the page cache every repeat is a hit of
    # one query. Its own speed is measured under gunicorn.
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "comparisons.page_cache.PageCacheMiddleware"
    ]

    call_command("migrate", verbosity=0)
    if empty and "BENCH_DATABASE_URL" in os.environ:  # a database of the user's
        call_command("flush", "--noinput", verbosity=0)


def measure(client, url: str, requests: int) -> tuple[int, float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm-up: caches and the first-request costs
    times, queries = [], set()
    status = 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        status = response.status_code
        queries.add(len(ctx.captured_queries))
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return max(queries), statistics.median(times), p95, status


PAGES = [
    ("model page", "/models/gpt-oss-120b/"),
    ("editorial comparison", "/compare/gpt-oss-120b-vs-qwen3-5-4b/"),
    ("on-the-fly comparison", "/compare/codex-1-vs-gpt-oss-120b/"),
    ("models index (filtered)", "/models/?capability=vision&sort=-output"),
    ("provider page", "/providers/openrouter/"),
    ("API compare", "/api/v1/compare/gpt-oss-120b/qwen3-5-4b"),
]


def run_all(requests: int) -> dict[str, tuple[int, float, float, int]]:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    return {name: measure(client, url, requests) for name, url in PAGES}


def build_synthetic(models: int, providers: int, routes: int, comparisons: int) -> None:
    from comparisons.models import (
        Capability,
        CapabilitySupport,
        ComparisonIndexPage,
        ComparisonPage,
        Lab,
        ModelIndexPage,
        ModelPage,
        Provider,
        ProviderRoute,
    )
    from comparisons.models.model_page import refresh_all_catalogue_columns

    rng = random.Random(42)
    labs = [
        Lab.objects.create(name=f"Synthetic Lab {i}", slug=f"synthetic-lab-{i}") for i in range(40)
    ]
    provs = [
        Provider.objects.create(name=f"Synthetic Provider {i}", slug=f"synthetic-provider-{i}")
        for i in range(providers)
    ]
    capabilities = list(Capability.objects.all())
    index = ModelIndexPage.objects.get()
    started = time.perf_counter()
    pages = []
    for i in range(models):
        page = ModelPage(
            title=f"Synthetic Model {i:05d}",
            slug=f"synthetic-model-{i:05d}",
            lab=rng.choice(labs),
            context_window=rng.choice([8192, 32768, 131072, 200000, 1000000]),
            release_date=None,
        )
        index.add_child(instance=page)
        pages.append(page)
        if i and i % 1000 == 0:
            print(f"  {i} model pages ({time.perf_counter() - started:.0f}s)", flush=True)
    ProviderRoute.objects.bulk_create(
        ProviderRoute(
            page=pages[i % models],
            provider=provs[(i * 7 + i // models) % providers],
            input_price=Decimal(rng.randint(1, 2000)) / 100,
            output_price=Decimal(rng.randint(1, 8000)) / 100,
            sort_order=i // models,
        )
        for i in range(routes)
    )
    # Routes written in bulk bypass ModelPage.save(): fill the catalogue columns the same way.
    refresh_all_catalogue_columns()
    CapabilitySupport.objects.bulk_create(
        CapabilitySupport(page=page, capability=cap, support=rng.choice(["yes", "no"]))
        for page in pages
        for cap in capabilities
    )
    compare_index = ComparisonIndexPage.objects.get()
    for i in range(comparisons):
        a, b = pages[2 * i], pages[2 * i + 1]
        compare_index.add_child(instance=ComparisonPage(model_a=a, model_b=b))
    # Bulk inserts send no signals: say the catalogue changed, as the importer does.
    from comparisons.content_generation import bump_catalogue_generation

    bump_catalogue_generation()
    print(f"  synthetic catalogue built in {time.perf_counter() - started:.0f}s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=5000)
    parser.add_argument("--providers", type=int, default=150)
    parser.add_argument("--routes", type=int, default=30000)
    parser.add_argument("--comparisons", type=int, default=500)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    setup_django()
    from home.demo_data import load_demo_data

    load_demo_data()
    print("Demo data loaded; measuring...", flush=True)
    demo = run_all(args.requests)
    print(
        f"Building a synthetic catalogue: {args.models} models, {args.providers} providers, "
        f"{args.routes} routes, {args.comparisons} editorial comparisons...",
        flush=True,
    )
    build_synthetic(args.models, args.providers, args.routes, args.comparisons)
    big = run_all(args.requests)

    print()
    header = f"{'page type':26} {'queries':>9} {'median ms':>18} {'p95 ms':>18}"
    print(header)
    print(f"{'':26} {'demo/synth':>9} {'demo → synthetic':>18} {'demo → synthetic':>18}")
    print("-" * len(header))
    failures = []
    for name, _ in PAGES:
        dq, dm, dp, ds = demo[name]
        bq, bm, bp, bs = big[name]
        print(f"{name:26} {dq:>4}/{bq:<4} {dm:>8.1f} → {bm:>7.1f} {dp:>8.1f} → {bp:>7.1f}")
        if ds != 200 or bs != 200:
            failures.append(f"{name}: HTTP {ds} / {bs}")
        if dq != bq:
            failures.append(f"{name}: {dq} queries on the demo data, {bq} on the synthetic one")
        if name in ("models index (filtered)", "on-the-fly comparison") and bm > 1.2 * dm:
            failures.append(f"{name}: {bm:.1f} ms is more than 1.2x {dm:.1f} ms")
    print()
    if failures:
        print("Targets missed:\n- " + "\n- ".join(failures))
        return 1
    print("All targets met: query counts identical; index and on-the-fly comparison within 1.2x.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
