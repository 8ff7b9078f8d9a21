"""Catalogue import speed: the full models.dev snapshot into an empty database, then an
unchanged re-import, timed with their query counts.

The database is its own (var/bench-import.sqlite3 unless BENCH_DATABASE_URL names one,
e.g. a PostgreSQL database the role may drop and create tables in); it holds only the
site structure (home page and /models/) before the import.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from run import ROOT, setup_django  # bench/run.py, beside this script

SNAPSHOT = ROOT / "fixtures" / "models-dev" / "models-dev.json"
TARGETS = {"full import": 60.0, "unchanged re-import": 15.0}


def timed(label: str, path: Path) -> tuple[float, int, object]:
    from django.db import connection

    from comparisons.importers.catalogue.run import import_catalogue_file

    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    canonical = path.parent / "models-dev-canonical-models.json"
    with connection.execute_wrapper(counting):
        started = time.perf_counter()
        report = import_catalogue_file(
            path, canonical_path=canonical if canonical.exists() else None
        )
        seconds = time.perf_counter() - started
    print(f"{label:22} {seconds:7.1f} s {count:>9,} queries", flush=True)
    print(f"{'':22} {report.summary()}", flush=True)
    return seconds, count, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(SNAPSHOT))
    args = parser.parse_args()
    setup_django("bench-import.sqlite3", empty=True)
    from comparisons.models import ModelIndexPage
    from home.demo_data import LoadReport, ensure_child, ensure_site

    _, home = ensure_site(LoadReport())
    ensure_child(home, ModelIndexPage, "models", "Models", LoadReport())
    from django.db import connection

    print(f"Importing {args.path} ({connection.vendor})", flush=True)
    results = {
        "full import": timed("full import", Path(args.path)),
        "unchanged re-import": timed("unchanged re-import", Path(args.path)),
    }
    failures = [
        f"{label}: {results[label][0]:.1f} s is over the {limit:.0f} s target"
        for label, limit in TARGETS.items()
        if results[label][0] > limit
    ]
    if results["unchanged re-import"][2].changed_anything:
        failures.append("the unchanged re-import changed something")
    if failures:
        print("Targets missed:\n- " + "\n- ".join(failures))
        return 1
    print("Targets met: full import ≤ 60 s, unchanged re-import ≤ 15 s, and it changed nothing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
