"""The comparison tables: specs, pricing, capabilities and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass

from comparisons.engine import formatting as fmt
from comparisons.engine.benchmarks import (  # noqa: F401  (the tables' public names)
    NO_SHARED_BENCHMARKS,
    BenchmarkRow,
    shared_benchmark_rows,
)
from comparisons.engine.pricing import cheapest_route, provider_names
from comparisons.engine.values import LicenceFacts, ModelFacts, PairFacts


@dataclass(frozen=True)
class Row:
    """A table row: a label and one cell per model, in A, B order."""

    label: str
    a: str
    b: str

    @property
    def values(self) -> tuple[str, str]:
        return (self.a, self.b)

    @property
    def has_data(self) -> bool:
        return any(v not in (fmt.UNKNOWN, "") for v in self.values)


def _licence_name(licence: LicenceFacts | None) -> str:
    if licence is None:
        return fmt.UNKNOWN
    return licence.label


def _row(label: str, pair: PairFacts, value) -> Row:
    return Row(label, value(pair.a), value(pair.b))


def specs_rows(pair: PairFacts) -> list[Row]:
    """Every spec row, unknown shown as "—": a gap is information too."""
    rows = [
        _row("Released", pair, lambda m: fmt.iso_date(m.release_date)),
        _row("Context window", pair, lambda m: fmt.tokens(m.context_window)),
        _row("Max output", pair, lambda m: fmt.tokens(m.max_output_tokens)),
        _row(
            "Parameters",
            pair,
            lambda m: fmt.parameters(
                m.parameters_billions, m.parameters_detail, m.parameters_estimated
            ),
        ),
        _row("Architecture", pair, lambda m: m.architecture or fmt.UNKNOWN),
        _row("License", pair, lambda m: _licence_name(m.licence)),
        _row("Openness", pair, lambda m: m.licence.openness_label if m.licence else fmt.UNKNOWN),
        _row(
            "Commercial use",
            pair,
            lambda m: (m.licence.commercial_use if m.licence else "") or fmt.UNKNOWN,
        ),
        _row("Knowledge cutoff", pair, lambda m: fmt.year_month(m.knowledge_cutoff)),
    ]
    # Max output is left out when neither model has it: the seeds never carried the row.
    return [r for r in rows if r.label != "Max output" or r.has_data]


def has_estimated_parameters(pair: PairFacts) -> bool:
    return pair.a.parameters_estimated or pair.b.parameters_estimated


def pricing_rows(pair: PairFacts) -> list[Row]:
    def best(m: ModelFacts):
        return cheapest_route(m.routes, pair.traffic)

    def providers(m: ModelFacts) -> str:
        return ", ".join(provider_names(m)) or fmt.UNKNOWN

    return [
        _row(
            "Input price",
            pair,
            lambda m: fmt.price_per_million(getattr(best(m), "input_price", None)),
        ),
        _row(
            "Output price",
            pair,
            lambda m: fmt.price_per_million(getattr(best(m), "output_price", None)),
        ),
        _row("Cheapest route", pair, lambda m: getattr(best(m), "label", fmt.UNKNOWN)),
        _row("Providers", pair, providers),
    ]


def pricing_note(pair: PairFacts) -> str:
    a_priced = cheapest_route(pair.a.routes, pair.traffic) is not None
    b_priced = cheapest_route(pair.b.routes, pair.traffic) is not None
    if not a_priced and not b_priced:
        return "Pricing is not yet sourced for either model."
    return ""
