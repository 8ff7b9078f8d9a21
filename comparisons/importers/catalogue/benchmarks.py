"""Benchmark scores from the canonical models file, written onto the model pages they
belong to (a page's catalogue model names its canonical id), each with its source URL and
date.

A benchmark is the catalogue's name plus its setup (dataset, version, harness, variant):
scores are compared only when both models were measured the same way. Names are matched
as slugs, so "SWE Bench Pro" and "SWE-Bench Pro" are one benchmark. A benchmark an editor
made (no catalogue key yet) with the same name and the score's source as its URL is that
benchmark, and is kept as the editor named it.

Scores follow the editor-owns-the-value rule (`ownership`): a score, source or date an
editor corrected stays, and the catalogue's differing value is reported as a conflict. A
score the catalogue no longer lists stays on the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.text import slugify

from comparisons.importers.catalogue.parse import CatalogueError, decode
from comparisons.importers.ownership import Provenance, write
from comparisons.importers.report import Entry, ImportReport
from comparisons.models import Benchmark, BenchmarkScore, ModelPage

QUALIFIERS = ("dataset", "version", "harness", "variant")
FIELDS = {"name", "score", "metric", "source", "date", *QUALIFIERS}
# Metrics whose scores are percentages (every such score in the catalogue is 0-100).
PERCENT_METRICS = {
    "percent", "percent correct", "percent resolved", "pass@1", "average pass@1",
    "resolved", "resolve rate", "success rate",
}  # fmt: skip
SCORE_LIMIT = Decimal("9999999")  # BenchmarkScore.score: 10 digits, 3 decimal places
LABELS = {"score": "score", "source_url": "score source", "measured_on": "score date"}


@dataclass(frozen=True)
class CatalogueScore:
    """One benchmark result of a canonical model."""

    key: str  # "swe-bench-pro|public|||": the benchmark and its setup
    name: str  # "SWE-Bench Pro (public)": how a new benchmark snippet is named
    base_name: str  # "SWE-Bench Pro"
    metric: str
    score: Decimal
    source: str = ""
    measured_on: date | None = None

    @property
    def unit(self) -> str:
        return "%" if self.metric.lower() in PERCENT_METRICS else ""

    @property
    def description(self) -> str:
        return f"Metric: {self.metric}." if self.metric else ""


def parse_benchmarks(
    raw: bytes, *, source: str = "the canonical file"
) -> dict[str, tuple[CatalogueScore, ...]]:
    """{"<lab>/<id>": scores} from the canonical models file; a malformed result is an
    error naming the model, the result's position and the field."""
    data = decode(raw, source=source)
    if not isinstance(data, dict):
        raise CatalogueError([f"{source}: must be an object of models"])
    problems: list[str] = []
    out: dict[str, tuple[CatalogueScore, ...]] = {}
    for cid, obj in data.items():
        results = obj.get("benchmarks") if isinstance(obj, dict) else None
        if results is None:
            continue
        where = f"{source}: {cid}.benchmarks"
        if not isinstance(results, list):
            problems.append(f"{where}: must be a list of results")
            continue
        scores: dict[str, CatalogueScore] = {}
        for n, result in enumerate(results):
            score = _score(result, f"{where}[{n}]", problems)
            if score is None:
                continue
            if score.key in scores:
                problems.append(f"{where}[{n}]: a second {score.name} result with the same setup")
                continue
            scores[score.key] = score
        if scores:
            out[cid] = tuple(scores.values())
    if problems:
        raise CatalogueError(problems)
    return out


def _text(result: dict, name: str, where: str, problems: list[str], limit: int) -> str:
    value = result.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{where}.{name}: must be text")
        return ""
    value = value.strip()
    if len(value) > limit:
        problems.append(f"{where}.{name}: longer than {limit} characters")
        return ""
    return value


def _score(result: Any, where: str, problems: list[str]) -> CatalogueScore | None:
    if not isinstance(result, dict):
        problems.append(f"{where}: must be an object")
        return None
    before = len(problems)
    unknown = sorted(set(result) - FIELDS)
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(unknown)}")
    name = _text(result, "name", where, problems, 80)
    if not name and len(problems) == before:
        problems.append(f"{where}.name: missing")
    raw = result.get("score")
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        problems.append(f"{where}.score: must be a number, got {raw!r}")
        score = None
    else:
        try:
            score = Decimal(str(raw)).quantize(Decimal("0.001"))
        except InvalidOperation:
            score = None
        if score is None or abs(score) > SCORE_LIMIT:
            problems.append(f"{where}.score: {raw!r} is out of range")
    url = _text(result, "source", where, problems, 200)
    if url and not url.startswith(("https://", "http://")):
        problems.append(f"{where}.source: {url!r} is not an http(s) URL")
    day = None
    text = _text(result, "date", where, problems, 10)
    if text:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            problems.append(f"{where}.date: {text!r} is not a YYYY-MM-DD date")
    qualifiers = [_text(result, q, where, problems, 40) for q in QUALIFIERS]
    metric = _text(result, "metric", where, problems, 40)
    if len(problems) > before or score is None:
        return None
    detail = [q for q in qualifiers if q]
    return CatalogueScore(
        key="|".join([slugify(name, allow_unicode=True), *(slugify(q) for q in qualifiers)]),
        name=f"{name} ({', '.join(detail)})" if detail else name,
        base_name=name,
        metric=metric,
        score=score,
        source=url,
        measured_on=day,
    )


class BenchmarkWriter:
    """Benchmark snippets found or added, and each page's scores brought up to date."""

    def __init__(
        self,
        scores: dict[str, tuple[CatalogueScore, ...]],
        report: ImportReport,
        *,
        source_name: str,
        snapshot: date,
    ) -> None:
        self.scores = scores
        self.report = report
        self.source_name = source_name
        self.snapshot = snapshot
        benchmarks = list(Benchmark.objects.all())
        self.by_key = {b.catalogue_key: b for b in benchmarks if b.catalogue_key}
        # Editors' benchmarks, by name slug and URL, until the catalogue claims them.
        self.unclaimed = {
            (slugify(b.name, allow_unicode=True), b.url): b
            for b in benchmarks
            if not b.catalogue_key
        }
        self.slugs = {b.slug for b in benchmarks}
        self.placed: set[str] = set()  # canonical ids whose scores found a page
        self.names = {b.name.lower() for b in benchmarks}

    def provenance(self, row: BenchmarkScore | None = None) -> Provenance:
        stored = (row.catalogue_values or {}) if row is not None else {}
        return Provenance(stored, self.source_name, self.snapshot)

    def benchmark(self, entry: CatalogueScore) -> Benchmark:
        found = self.by_key.get(entry.key)
        if found is not None:
            return found
        found = self.unclaimed.pop(
            (slugify(entry.base_name, allow_unicode=True), entry.source), None
        )
        if found is not None:
            found.catalogue_key = entry.key
            Benchmark.objects.filter(pk=found.pk).update(catalogue_key=entry.key)
        else:
            found = self._create(entry)
        self.by_key[entry.key] = found
        return found

    def _create(self, entry: CatalogueScore) -> Benchmark:
        # An editor's benchmark of that name measured elsewhere: name the catalogue's.
        name, n = entry.name[:120], 2
        while name.lower() in self.names:
            suffix = f" ({self.source_name})" if n == 2 else f" ({self.source_name} {n})"
            name = entry.name[: 120 - len(suffix)] + suffix
            n += 1
        base = slugify(name)[:110] or "benchmark"
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.names.add(name.lower())
        self.slugs.add(slug)
        benchmark = Benchmark.objects.create(
            name=name,
            slug=slug,
            unit=entry.unit,
            description=entry.description,
            catalogue_key=entry.key,
            live=True,
        )
        self.report.tally["benchmarks added"] += 1
        self.report.add("added", f"Benchmark {name}", message=f"from {self.source_name}")
        return benchmark

    def _values(self, entry: CatalogueScore) -> dict[str, Any]:
        measured_on = entry.measured_on
        if measured_on is not None and measured_on > date.today():
            measured_on = None  # the admin refuses dates in the future
        return {
            "score": entry.score,
            "source_url": entry.source or None,
            "measured_on": measured_on,
        }

    def new(self, canonical: str) -> list[BenchmarkScore]:
        """Unsaved scores for a new page, their values recorded as the importer's."""
        rows = []
        self.placed.add(canonical)
        for entry in self.scores.get(canonical, ()):
            provenance = self.provenance()
            values = self._values(entry)
            for name, value in values.items():
                if value is not None:
                    provenance.record(name, value)
            values["source_url"] = values["source_url"] or ""
            rows.append(
                BenchmarkScore(
                    benchmark=self.benchmark(entry), catalogue_values=provenance.data(), **values
                )
            )
        self.report.tally["scores added"] += len(rows)
        return rows

    def update(
        self, page: ModelPage, canonical: str, subject: str, changes: list[Entry]
    ) -> tuple[list[BenchmarkScore], bool]:
        """The page's scores after this snapshot, and whether any value or record moved."""
        rows = list(page.benchmark_scores.all())
        self.placed.add(canonical)
        entries = self.scores.get(canonical, ())
        if not entries:
            return rows, False
        by_benchmark = {row.benchmark_id: row for row in rows}
        moved = False
        for entry in entries:
            benchmark = self.benchmark(entry)
            row = by_benchmark.get(benchmark.pk)
            label = f"{subject} benchmark {benchmark.name}"
            if row is None:
                row = BenchmarkScore(benchmark=benchmark)
                provenance = self.provenance()
                for name, value in self._values(entry).items():
                    if value is not None:
                        setattr(row, name, value)
                        provenance.record(name, value)
                row.catalogue_values = provenance.data()
                rows.append(row)
                by_benchmark[benchmark.pk] = row
                self.report.tally["scores added"] += 1
                changes.append(Entry("added", label, message=f"{entry.score.normalize():f}"))
                moved = True
                continue
            provenance = self.provenance(row)
            before = len(changes)
            for name, incoming in self._values(entry).items():
                write(row, name, incoming, LABELS[name], provenance, label, changes)
            if any(c.kind == "changed" for c in changes[before:]):
                self.report.tally["scores changed"] += 1
            if provenance.changed:
                row.catalogue_values = provenance.data()
                moved = True
        return rows, moved

    def report_unplaced(self) -> None:
        """Canonical models with scores that no catalogue row serves: nothing to put them on."""
        for canonical in sorted(set(self.scores) - self.placed):
            count = len(self.scores[canonical])
            self.report.add(
                "warning",
                f"Canonical model {canonical}",
                message=f"{count} benchmark score{'s' if count != 1 else ''} not imported: "
                "no catalogue row serves this model",
            )
