#!/usr/bin/env python
"""Readers' pages in-process, on `bin/bench http`'s database (the demo data and the full
models.dev snapshot; build it first with `bin/bench http`): queries and median time of
the gpt-oss-120b comparison and model page and the other seed comparisons, with the page
cache off, in two states:

- cold: every cache emptied before each request (a page's first render after a change);
- warm: the data and fragment caches filled by the request before (a page the page cache
  cannot serve: another worker's first render, an expired entry).

Usage: .venv/bin/python bench/reader_pages.py [--rounds 20]
Times are CPU time of this process (the database is in it, or answers over a socket),
so other work on the machine disturbs them less than wall-clock time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site"), str(ROOT / "bench")]

from http_load import COMPARISON, MODEL, SEEDS, environment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    os.environ.update(environment(page_cache=False))
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client

    from comparisons.catalogue_cache import local_values

    client = Client(HTTP_HOST="127.0.0.1")

    def empty() -> None:
        for alias in caches:
            caches[alias].clear()
        local_values.clear()

    def measure(path: str, cold: bool) -> tuple[int, float]:
        times, queries = [], 0
        for _ in range(args.rounds):
            if cold:
                empty()
            else:
                client.get(path)
            counted: list[str] = []

            def count(execute, sql, params, many, context, counted=counted):
                counted.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                started = time.process_time()
                response = client.get(path)
                times.append((time.process_time() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
            queries = len(counted)
        return queries, statistics.median(times)

    print("| page | cold: queries, ms | warm: queries, ms |\n| --- | --- | --- |")
    for path in [COMPARISON, MODEL, *SEEDS]:
        cold_q, cold_ms = measure(path, cold=True)
        warm_q, warm_ms = measure(path, cold=False)
        print(f"| {path} | {cold_q}, {cold_ms:.1f} | {warm_q}, {warm_ms:.1f} |")


if __name__ == "__main__":
    main()
