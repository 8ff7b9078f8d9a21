"""What a legacy page states, checked against our published facts.

Each `Statement` of the page is compared with the same fact in `PairFacts` (side "a" of
the page is `pair.a`). A disagreement is a "conflict"; a fact the page states and our data
does not hold is "missing" ("not in our data"). Agreement is silent. Rounding follows the
claim check: "$0.04" agrees with $0.039, "262k" with 262,144 tokens (both print as 262K).
Pure: facts in, findings out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from comparisons.engine import formatting as fmt
from comparisons.engine.pricing import cheapest_route
from comparisons.engine.tables import shared_benchmark_rows
from comparisons.engine.values import CapabilityFacts, ModelFacts, PairFacts
from comparisons.importers.legacy.values import Statement
from comparisons.review.fact_rules import (
    matches_when_rounded,
    route_count,
    route_with_price,
    routes_on,
    same_tokens,
)


@dataclass(frozen=True)
class Finding:
    kind: str  # "conflict" or "missing"
    model: str
    field: str
    page: str  # what the page says
    data: str = ""  # what our data says (conflicts)
    note: str = ""  # replaces "data says ..." / "not in our data" when set

    @property
    def message(self) -> str:
        tail = self.note or (
            "not in our data" if self.kind == "missing" else f"data says {self.data}"
        )
        return f"{self.model} {self.field}: page says {self.page}; {tail}"


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).rstrip(".").casefold()


class _Checker:
    def __init__(self, pair: PairFacts, statements: tuple[Statement, ...]) -> None:
        self.pair = pair
        self.statements = statements
        # The route a side's prices were quoted on, as the page names it.
        self.named_route = {s.side: s.value for s in statements if s.field == "cheapest_route"}
        self.dated = {s.side for s in statements if s.field == "release_date"}

    def model(self, side: str) -> ModelFacts:
        return self.pair.a if side == "a" else self.pair.b

    def text(self, s: Statement, label: str, ours: str | None) -> Finding | None:
        m = self.model(s.side)
        if not ours:
            return Finding("missing", m.name, label, s.shown)
        if _norm(ours) == _norm(s.value):
            return None
        return Finding("conflict", m.name, label, s.shown, ours)

    def compare(self, s: Statement, label: str, ours, same: bool, shown: str) -> Finding | None:
        m = self.model(s.side)
        if ours is None:
            return Finding("missing", m.name, label, s.shown)
        return None if same else Finding("conflict", m.name, label, s.shown, shown)

    # --- one method per field ----------------------------------------------------------

    def product_type(self, s: Statement) -> Finding | None:
        return self.text(s, "product type", self.model(s.side).product_type)

    def best_for(self, s: Statement) -> Finding | None:
        return self.text(s, "best for", self.model(s.side).best_for)

    def architecture(self, s: Statement) -> Finding | None:
        return self.text(s, "architecture", self.model(s.side).architecture)

    def lab(self, s: Statement) -> Finding | None:
        return self.text(s, "lab", self.model(s.side).lab)

    def openness(self, s: Statement) -> Finding | None:
        licence = self.model(s.side).licence
        return self.text(s, "openness", licence.openness_label if licence else None)

    def commercial_use(self, s: Statement) -> Finding | None:
        licence = self.model(s.side).licence
        return self.text(s, "commercial use", licence.commercial_use if licence else None)

    def decision_fit(self, s: Statement) -> Finding | None:
        ours = self.model(s.side).tag_names
        same = {_norm(t) for t in ours} == {_norm(t) for t in s.value}
        return self.compare(s, "decision fit", ours or None, same, ", ".join(ours))

    def _tokens(self, s: Statement, label: str, ours: int | None) -> Finding | None:
        return self.compare(s, label, ours, same_tokens(s.value, ours), fmt.tokens(ours))

    def context_window(self, s: Statement) -> Finding | None:
        return self._tokens(s, "context window", self.model(s.side).context_window)

    def max_output_tokens(self, s: Statement) -> Finding | None:
        return self._tokens(s, "max output", self.model(s.side).max_output_tokens)

    def release_date(self, s: Statement) -> Finding | None:
        ours = self.model(s.side).release_date
        return self.compare(s, "release date", ours, ours == s.value, fmt.iso_date(ours))

    def release_year(self, s: Statement) -> Finding | None:
        if s.side in self.dated:
            return None  # the full date is checked instead
        ours = self.model(s.side).release_date
        same = ours is not None and ours.year == s.value
        return self.compare(s, "release year", ours, same, str(ours.year) if ours else "")

    def knowledge_cutoff(self, s: Statement) -> Finding | None:
        ours = self.model(s.side).knowledge_cutoff
        same = ours is not None and (ours.year, ours.month) == (s.value.year, s.value.month)
        return self.compare(s, "knowledge cutoff", ours, same, fmt.year_month(ours))

    def parameters(self, s: Statement) -> Finding | None:
        m = self.model(s.side)
        ours = m.parameters_billions
        same = ours is not None and ours.normalize() == s.value[0].normalize()
        shown = fmt.parameters(ours, m.parameters_detail, m.parameters_estimated)
        return self.compare(s, "parameters", ours, same, shown)

    def licence(self, s: Statement) -> Finding | None:
        m = self.model(s.side)
        name, osi = s.value
        if m.licence is None:
            return Finding("missing", m.name, "licence", s.shown)
        if _norm(m.licence.name) != _norm(name):
            return Finding("conflict", m.name, "licence", s.shown, m.licence.label)
        if osi and m.licence.osi_approved is None:
            return Finding("missing", m.name, "licence OSI approval", "OSI-approved")
        if osi and m.licence.osi_approved is False:
            ours = f"{m.licence.name} (not OSI-approved)"
            return Finding("conflict", m.name, "licence", s.shown, ours)
        return None

    def provider_routes(self, s: Statement) -> Finding | None:
        count = route_count(self.model(s.side))
        return self.compare(s, "provider routes", count, count == s.value, f"{count} tracked")

    def shared_benchmarks(self, s: Statement) -> Finding | None:
        count = len(shared_benchmark_rows(self.pair))
        label = f"{self.pair.a.name} and {self.pair.b.name}"
        if count == s.value:
            return None
        return Finding("conflict", label, "shared benchmarks", s.shown, fmt.plural(count, "row"))

    def cheapest_route(self, s: Statement) -> Finding | None:
        m = self.model(s.side)
        if not routes_on(m, s.value):
            return Finding("missing", m.name, f"route on {s.value}", "tracked")
        ours = cheapest_route(m.routes, self.pair.traffic)
        if ours is None or _norm(ours.provider_name) == _norm(s.value):
            return None
        return Finding("conflict", m.name, "cheapest route", s.shown, ours.provider_name)

    def _price(self, s: Statement, word: str, attribute: str) -> Finding | None:
        m = self.model(s.side)
        named = self.named_route.get(s.side)
        # A provider may carry several routes of the model: the price agrees with any.
        on_named = routes_on(m, named) if named else ()
        route = (
            route_with_price(s.value, on_named, (attribute,))
            or next(iter(on_named), None)
            or cheapest_route(m.routes, self.pair.traffic)
        )
        if route is None:
            where = f" ({named})" if named else ""
            return Finding("missing", m.name, f"{word} price{where}", s.shown)
        ours: Decimal | None = getattr(route, attribute)
        label = f"{word} price ({route.provider_name})"
        same = matches_when_rounded(s.value, ours)
        return self.compare(s, label, ours, same, fmt.price_per_million(ours))

    def input_price(self, s: Statement) -> Finding | None:
        return self._price(s, "input", "input_price")

    def output_price(self, s: Statement) -> Finding | None:
        return self._price(s, "output", "output_price")

    def cheapest_output(self, s: Statement) -> Finding | None:
        route = cheapest_route(self.model(s.side).routes, self.pair.traffic)
        ours = route.output_price if route else None
        same = matches_when_rounded(s.value, ours)
        return self.compare(s, "cheapest output price", ours, same, fmt.price_per_million(ours))

    def providers(self, s: Statement) -> Finding | None:
        m = self.model(s.side)
        ours = [r.provider_name for r in m.routes]
        known = {_norm(name) for name in ours} | {_norm(r.provider_slug) for r in m.routes}
        unknown = [name for name in s.value if _norm(name) not in known]
        if unknown:
            note = "not in our data: " + ", ".join(unknown)
            return Finding("missing", m.name, "providers", s.shown, note=note)
        # Only the pricing table's row lists every route; prose may name a few.
        if s.key == "complete" and len(set(map(_norm, s.value))) != len(set(map(_norm, ours))):
            return Finding("conflict", m.name, "providers", s.shown, ", ".join(ours))
        return None

    def capability(self, s: Statement) -> Finding | None:
        m = self.model(s.side)
        capability = _capability(self.pair.capabilities, s.key)
        if capability is None:
            note = "not a capability in our reference data"
            return Finding("missing", m.name, s.key, s.shown, note=note)
        ours = m.supports(capability.slug)
        shown = {True: "Yes", False: "No"}.get(ours, "")
        return self.compare(s, capability.name, ours, ours == s.value, shown)


def _capability(capabilities: Iterable[CapabilityFacts], name: str) -> CapabilityFacts | None:
    wanted = _norm(name)
    for c in capabilities:
        if wanted in (_norm(c.name), _norm(c.reader_phrase), _norm(c.slug)):
            return c
    return None


# The fields a page can state, each checked by the _Checker method of the same name.
FIELDS = frozenset(
    {
        "product_type", "best_for", "architecture", "lab", "openness", "commercial_use",
        "decision_fit", "context_window", "max_output_tokens", "release_date", "release_year",
        "knowledge_cutoff", "parameters", "licence", "provider_routes", "shared_benchmarks",
        "cheapest_route", "input_price", "output_price", "cheapest_output", "providers",
        "capability",
    }
)  # fmt: skip


def find_conflicts(statements: tuple[Statement, ...], pair: PairFacts) -> list[Finding]:
    """Conflicts and facts missing from our data, each reported once, in page order."""
    checker = _Checker(pair, statements)
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for s in statements:
        key = (s.side, s.field, s.key, repr(s.value))
        if s.field not in FIELDS or key in seen:
            continue
        seen.add(key)
        check: Callable[[Statement], Finding | None] = getattr(checker, s.field)
        finding = check(s)
        if finding is not None and finding not in findings:
            findings.append(finding)
    return findings
