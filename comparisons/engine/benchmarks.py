"""Benchmark rows of a comparison: scores both models have, each with its source and date,
and the ones only one side has (listed as such, never counted against the other)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from comparisons.engine import formatting as fmt
from comparisons.engine.values import ModelFacts, PairFacts, ScoreFacts


def source_host(url: str) -> str:
    """ "labs.scale.com": how a score's source is named next to it."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or url


def score_text(score: ScoreFacts) -> str:
    return f"{fmt.plain_decimal(score.score)}{score.unit}"


@dataclass(frozen=True)
class BenchmarkRow:
    """One benchmark both models have a score for."""

    benchmark: str
    unit: str
    higher_is_better: bool
    a_score: ScoreFacts
    b_score: ScoreFacts
    a_name: str
    b_name: str

    @property
    def a(self) -> str:
        return score_text(self.a_score)

    @property
    def b(self) -> str:
        return score_text(self.b_score)

    @property
    def leader(self) -> str:
        """ "a", "b", or "" for a tie: the better score by the benchmark's direction."""
        a, b = self.a_score.score, self.b_score.score
        if a == b:
            return ""
        return "a" if (a > b) == self.higher_is_better else "b"

    @property
    def leader_name(self) -> str:
        return {"a": self.a_name, "b": self.b_name}.get(self.leader, "")

    @property
    def margin(self) -> str:
        """The gap between the two scores: "3.1 points" (of a percentage), "4.63"."""
        gap = fmt.plain_decimal(abs(self.a_score.score - self.b_score.score))
        # A gap between two percentages is in points, not a percentage of either.
        return f"{gap} points" if self.unit == "%" else gap

    @property
    def verdict(self) -> str:
        """ "GPT-5.5 scores higher, by 6.8 points", or "Tied"."""
        if not self.leader:
            return "Tied"
        word = "higher" if self.higher_is_better else "lower (lower is better)"
        return f"{self.leader_name} scores {word}, by {self.margin}"


@dataclass(frozen=True)
class OneSidedScore:
    """A benchmark only one model has a sourced score for: no comparison is drawn."""

    benchmark: str
    model_name: str
    score: ScoreFacts
    side: str = "a"  # the model's side in the pair

    @property
    def text(self) -> str:
        return score_text(self.score)

    @property
    def note(self) -> str:
        return f"only sourced for {self.model_name}"


def shared_benchmark_rows(pair: PairFacts) -> list[BenchmarkRow]:
    """Benchmarks both models have a score for (the same benchmark snippet), by name."""
    b_scores = {s.benchmark_slug: s for s in pair.b.scores}
    rows = []
    for score in pair.a.scores:
        other = b_scores.get(score.benchmark_slug)
        if other is None:
            continue
        rows.append(
            BenchmarkRow(
                benchmark=score.benchmark_name,
                unit=score.unit,
                higher_is_better=score.higher_is_better,
                a_score=score,
                b_score=other,
                a_name=pair.a.name,
                b_name=pair.b.name,
            )
        )
    return rows


def one_sided_scores(pair: PairFacts) -> list[OneSidedScore]:
    """Scores only one of the two models has, A's first, each by benchmark name."""

    def only(x: ModelFacts, y: ModelFacts, side: str) -> list[OneSidedScore]:
        theirs = {s.benchmark_slug for s in y.scores}
        return [
            OneSidedScore(benchmark=s.benchmark_name, model_name=x.name, score=s, side=side)
            for s in x.scores
            if s.benchmark_slug not in theirs
        ]

    return only(pair.a, pair.b, "a") + only(pair.b, pair.a, "b")


def wins(rows: list[BenchmarkRow], side: str) -> int:
    return sum(1 for row in rows if row.leader == side)


def shared_summary(pair: PairFacts, rows: list[BenchmarkRow]) -> str:
    """ "2 rows: GPT-5.2 Codex higher on 2, Qwen3.5 4B on 0" (or "0 rows")."""
    if not rows:
        return fmt.plural(0, "row")
    return (
        f"{fmt.plural(len(rows), 'row')}: {pair.a.name} higher on {wins(rows, 'a')}, "
        f"{pair.b.name} on {wins(rows, 'b')}"
    )


NO_SHARED_BENCHMARKS = "No shared benchmark rows are currently sourced for this pair."
