"""Generated sentences: the intro, the delta line, and drafts editors start from (verdict,
deep dive, FAQ). Each sentence states only facts shown elsewhere on the same page."""

from __future__ import annotations

from dataclasses import dataclass

from comparisons.engine import formatting as fmt
from comparisons.engine.benchmarks import BenchmarkRow, shared_benchmark_rows
from comparisons.engine.capabilities import name_capabilities, shared
from comparisons.engine.pricing import CostComparison, cheapest_route, provider_names
from comparisons.engine.values import ModelFacts, PairFacts


def _lower_first(text: str) -> str:
    """Standalone API model -> standalone API model; API model stays as it is."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _article(noun_phrase: str) -> str:
    return f"{'an' if noun_phrase[:1].lower() in 'aeiou' else 'a'} {noun_phrase}"


def _named(m: ModelFacts) -> str:
    return f"{m.name} ({m.release_year})" if m.release_year else m.name


def intro(pair: PairFacts) -> list[str]:
    a, b = pair.a, pair.b
    sentences = []
    if a.product_type and b.product_type:
        if a.product_type == b.product_type:
            sentences.append(
                f"{_named(a)} and {_named(b)} share a product type: {_lower_first(a.product_type)}."
            )
        else:
            sentences.append(
                f"{_named(a)} and {_named(b)} compare {_article(_lower_first(a.product_type))} "
                f"against {_article(_lower_first(b.product_type))}."
            )
    else:
        labs = [m.lab for m in (a, b) if m.lab]
        if len(labs) == 2 and labs[0] == labs[1]:
            source = f", both from {labs[0]}"
        elif len(labs) == 2:
            source = f", from {labs[0]} and {labs[1]}"
        else:
            source = ""
        sentences.append(f"This page compares {_named(a)} and {_named(b)}{source}.")
    if a.context_window and b.context_window:
        sentences.append(
            f"{a.name} has a {fmt.tokens(a.context_window)}-token context window, while "
            f"{b.name} has a {fmt.tokens(b.context_window)}-token one."
        )
    elif a.context_window or b.context_window:
        known, unknown = (a, b) if a.context_window else (b, a)
        sentences.append(
            f"{known.name} has a {fmt.tokens(known.context_window)}-token context window; "
            f"{unknown.name}'s is not sourced yet."
        )
    sentences.append("Read the result as workflow and deployment fit, not as a universal winner.")
    return sentences


def delta_sentence(cost: CostComparison) -> str:
    if cost.delta is None:
        return (
            "Cost delta unavailable until both models have sourced input and output token prices."
        )
    if cost.cheaper is None:
        return "Both cost the same each month at this traffic."
    assert cost.dearer is not None  # noqa: S101
    return (
        f"{cost.cheaper.model_name} costs {fmt.money(abs(cost.delta))} less a month than "
        f"{cost.dearer.model_name} at this traffic."
    )


def _reasons(x: ModelFacts, y: ModelFacts, capabilities: tuple = ()) -> list[str]:
    """Why a reader would pick x over y, from x's own tags and measurable advantages."""
    y_tags = {t.slug for t in y.tags}
    # A tag such as "Vision" is no reason to prefer x when both support that capability.
    both = {c.name.lower() for c in capabilities if x.supports(c.slug) and y.supports(c.slug)}
    reasons = [
        t.reason_phrase for t in x.tags if t.slug not in y_tags and t.name.lower() not in both
    ]
    if x.context_window and y.context_window and x.context_window > y.context_window:
        reasons.append("a larger context window")
    if len(x.routes) > len(y.routes):
        reasons.append("broader provider choice")
    return reasons


def _matter(reasons: list[str]) -> str:
    """Subject-verb agreement: "X matters", "X and Y matter"."""
    return f"{fmt.join_list(reasons)} {'matters' if len(reasons) == 1 else 'matter'}"


def _choices(pair: PairFacts) -> list[str]:
    """ "choose A when ... matter most", for each model that has a reason to be chosen."""
    parts = []
    for x, y in ((pair.a, pair.b), (pair.b, pair.a)):
        reasons = _reasons(x, y, pair.capabilities)
        if reasons:
            parts.append(f"choose {x.name} when {_matter(reasons)} most")
    return parts


def verdict_suggestion(pair: PairFacts) -> str:
    a, b = pair.a, pair.b
    if a.product_type and b.product_type and a.product_type != b.product_type:
        return (
            f"Treat this as a product-type comparison: {a.name} is "
            f"{_article(_lower_first(a.product_type))}, while {b.name} is "
            f"{_article(_lower_first(b.product_type))}. Choose on workflow fit before reading "
            "any benchmark or price row as decisive."
        )
    parts = _choices(pair)
    if not parts:
        return (
            f"{a.name} and {b.name} are close on the tracked data; decide with your own "
            "prompts on the provider route you will call."
        )
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def deep_dive_draft(pair: PairFacts) -> list[str]:
    a, b = pair.a, pair.b
    paragraphs = []
    differing = [
        f"{c.reader_phrase} ({x.name})"
        for c in pair.capabilities
        for x, y in ((a, b), (b, a))
        if x.supports(c.slug) is True and y.supports(c.slug) is False
    ]
    common = shared(pair)
    if differing:
        text = f"The capability footprints differ on {fmt.join_list(differing)}."
    else:
        text = "The tracked capability footprints do not differ."
    if common:
        text += f" Both support {name_capabilities(common, limit=10, phrase=True)}."
    paragraphs.append(text)
    benchmarks = benchmark_sentence(pair)
    if benchmarks:
        paragraphs.append(benchmarks)
    lifecycle = [note for m in (a, b) for note in m.lifecycle_notes]
    if lifecycle:
        paragraphs.append(
            " ".join(lifecycle) + " Plan for the provider routes going away before committing "
            "production traffic."
        )

    def price_clause(m: ModelFacts) -> str | None:
        route = cheapest_route(m.routes, pair.traffic)
        if route is None:
            return None
        return (
            f"{m.name}'s cheapest tracked route ({route.label}) charges "
            f"{fmt.price(route.input_price)} input and {fmt.price(route.output_price)} output "
            "per 1M tokens"
        )

    clauses = [price_clause(a), price_clause(b)]
    unpriced = [m.name for m, clause in zip((a, b), clauses, strict=True) if clause is None]
    priced = [clause for clause in clauses if clause]
    if not priced:
        pricing_text = "Neither model has a complete token price sourced yet."
    else:
        pricing_text = "; ".join(priced) + "."
        if unpriced:
            pricing_text += f" {unpriced[0]} has no complete token price sourced yet."
    paragraphs.append(
        f"{pricing_text} Tracked provider routes: {len(a.routes)} for {a.name} and "
        f"{len(b.routes)} for {b.name}. Verify the route you will actually call before "
        "estimating production spend."
    )
    choose = [f"C{part[1:]}." for part in _choices(pair)]
    choose.append(
        "For production, rerun your own prompts through the exact provider, region, and tool "
        "stack you plan to ship."
    )
    paragraphs.append(" ".join(choose))
    return paragraphs


def _row_clause(row: BenchmarkRow) -> str:
    return f"{row.benchmark}: {row.a} vs {row.b}"


def benchmark_sentence(pair: PairFacts, *, limit: int = 4) -> str:
    """What the shared benchmark rows say, or "" when there are none: each side's better
    scores, the first few rows by name, and where the figures come from."""
    rows = shared_benchmark_rows(pair)
    if not rows:
        return ""
    a, b = pair.a, pair.b
    parts = []
    for side, m in (("a", a), ("b", b)):
        won = [row for row in rows if row.leader == side]
        if won:
            listed = "; ".join(_row_clause(row) for row in won[:limit])
            more = f" and {len(won) - limit} more" if len(won) > limit else ""
            parts.append(f"{m.name} scores better on {len(won)} ({listed}{more})")
    tied = [row.benchmark for row in rows if not row.leader]
    text = (
        f"On the {fmt.plural(len(rows), 'benchmark')} with a sourced score for both "
        f"(given as {a.name} vs {b.name}), "
    )
    text += "; ".join(parts) if parts else "the scores are tied"
    text += "."
    if tied and parts:
        text += f" Tied: {fmt.join_list(tied)}."
    return text + (
        " Each score comes from its own source and date (see the benchmarks table); "
        "treat single-point gaps as noise."
    )


@dataclass(frozen=True)
class FAQDraft:
    question: str
    answer: str


def _licence_sentence(m: ModelFacts) -> str:
    if m.licence is None:
        return f"{m.name}'s licence is not sourced yet."
    detail = m.licence.openness_label.lower()
    if m.licence.osi_approved:
        detail += ", OSI-approved"
    if m.licence.name.lower() == m.licence.openness_label.lower():
        return f"{m.name} is listed as {m.licence.openness_label.lower()}."
    return f"{m.name} is listed under {m.licence.name} ({detail})."


def _where(m: ModelFacts) -> str:
    if not m.routes:
        return f"{m.name} has no tracked provider route yet."
    return f"{m.name} is available on {fmt.join_list(provider_names(m))}."


def faq_drafts(pair: PairFacts) -> list[FAQDraft]:
    a, b = pair.a, pair.b
    drafts = []
    if a.context_window or b.context_window:
        question = f"Which has a larger context window, {a.name} or {b.name}?"
        if a.context_window and b.context_window:
            if a.context_window == b.context_window:
                answer = f"Both support {fmt.tokens(a.context_window)} tokens."
            else:
                big, small = (a, b) if a.context_window > b.context_window else (b, a)
                answer = (
                    f"{big.name} supports {fmt.tokens(big.context_window)} tokens, while "
                    f"{small.name} supports {fmt.tokens(small.context_window)} tokens."
                )
        else:
            known, unknown = (a, b) if a.context_window else (b, a)
            answer = (
                f"{known.name} supports {fmt.tokens(known.context_window)} tokens; "
                f"{unknown.name}'s context window is not sourced yet."
            )
        drafts.append(FAQDraft(question, answer))
    drafts.append(
        FAQDraft(
            f"Is {a.name} or {b.name} open source?",
            f"{_licence_sentence(a)} {_licence_sentence(b)}",
        )
    )
    for cap in pair.capabilities:
        for x, y in ((a, b), (b, a)):
            if x.supports(cap.slug) is True and y.supports(cap.slug) is False:
                drafts.append(
                    FAQDraft(
                        f"Which is better for {cap.reader_phrase}, {a.name} or {b.name}?",
                        f"{x.name} supports {cap.reader_phrase}; {y.name} does not, according "
                        "to our capability data. If it is critical, validate it on the provider "
                        "endpoint you will use.",
                    )
                )
    benchmarks = benchmark_sentence(pair)
    if benchmarks:
        drafts.append(
            FAQDraft(f"Which scores higher on benchmarks, {a.name} or {b.name}?", benchmarks)
        )
    drafts.append(FAQDraft(f"Where can I run {a.name} and {b.name}?", f"{_where(a)} {_where(b)}"))
    return drafts
