"""StreamField blocks for comparison pages.

Generated sections hold only the editor's tuning (a heading, which capability rows, which
traffic profile); their content is computed at render time from the page's PairFacts,
which the page puts in the template context as `pair`. Prose blocks hold editors' text.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from comparisons.calculator import workload_context
from comparisons.engine import friction, history, pricing, prose, scorecard, tables, tradeoffs
from comparisons.engine.benchmarks import one_sided_scores
from comparisons.engine.capabilities import capability_rows
from comparisons.engine.chart import price_chart
from comparisons.engine.values import PairFacts
from comparisons.rich_text import validate_rich_text


class CheckedRichTextMixin:
    """A struct whose rich text children are refused, each with its own message, when a
    link or image in them does not resolve (see comparisons.rich_text). Checked here, on
    the struct, so the block definitions (and so the migrations) stay Wagtail's own."""

    def clean(self, value: Any) -> Any:
        value = super().clean(value)  # type: ignore[misc]
        errors = {}
        for name, child in self.child_blocks.items():  # type: ignore[attr-defined]
            if isinstance(child, blocks.RichTextBlock):
                try:
                    validate_rich_text(value.get(name))
                except ValidationError as error:
                    errors[name] = error
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class SectionValue(blocks.StructValue):
    """Display logic shared by every section: its heading and its HTML id."""

    @cached_property
    def heading_text(self) -> str:
        return self.get("heading") or self.block.meta.default_heading

    @property
    def section_id(self) -> str:
        return self.block.meta.section_id


class SectionBlock(CheckedRichTextMixin, blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        default="",
        help_text="Leave blank for the standard heading.",
    )

    class Meta:
        value_class = SectionValue
        section_id = ""
        default_heading = ""
        form_classname = "struct-block comparison-section"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        return {}

    def get_context(self, value: SectionValue, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context=parent_context)
        pair = (parent_context or {}).get("pair")
        context["pair"] = pair
        for shared in ("calculator", "default_traffic", "request", "price_changes"):
            context[shared] = (parent_context or {}).get(shared)
        if pair is not None:
            context.update(self.section_context(pair, value))
        return context


class IntroBlock(SectionBlock):
    class Meta:
        template = "comparisons/blocks/intro.html"
        section_id = "intro"
        default_heading = ""
        icon = "doc-full"
        label = "Intro (generated)"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        return {"sentences": prose.intro(pair)}


class VerdictBlock(SectionBlock):
    text = blocks.RichTextBlock(
        required=False,
        default="",
        features=["bold", "italic", "link"],
        help_text="Your verdict. Left empty, readers see the suggestion generated from the data "
        "(shown in the Generated drafts panel).",
    )

    class Meta:
        template = "comparisons/blocks/verdict.html"
        section_id = "verdict"
        default_heading = "Verdict"
        icon = "pick"
        label = "Verdict (editor)"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        return {"suggestion": prose.verdict_suggestion(pair)}


class ScorecardBlock(SectionBlock):
    class Meta:
        template = "comparisons/blocks/scorecard.html"
        section_id = "scorecard"
        default_heading = "Decision scorecard"
        icon = "list-ul"
        label = "Decision scorecard (generated)"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        return {"rows": scorecard.scorecard_rows(pair)}


class TradeoffsBlock(SectionBlock):
    class Meta:
        template = "comparisons/blocks/tradeoffs.html"
        section_id = "tradeoffs"
        default_heading = "Decision tradeoffs"
        icon = "resubmit"
        label = "Decision tradeoffs (generated)"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        return {"sides": tradeoffs.tradeoffs(pair)}


class MonthlyCostBlock(SectionBlock):
    traffic_profile = SnippetChooserBlock(
        "comparisons.TrafficProfile",
        required=False,
        help_text="Leave empty to use the site's default traffic profile.",
    )

    class Meta:
        template = "comparisons/blocks/monthly_cost.html"
        section_id = "monthly-cost"
        default_heading = "Monthly cost at traffic"
        icon = "time"
        label = "Monthly cost (generated)"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        # The page applies this section's traffic profile to the whole pair (so the pricing
        # table names the same cheapest route); see views.comparison_page.pair_for_page.
        traffic = pair.traffic
        if traffic is None:
            return {"cost": None}
        cost = pricing.compare_costs(
            pair.a.name, pair.a.routes, pair.b.name, pair.b.routes, traffic
        )
        return {
            "cost": cost,
            "delta_sentence": prose.delta_sentence(cost),
            **workload_context(traffic),
        }


class SwitchFrictionBlock(SectionBlock):
    class Meta:
        template = "comparisons/blocks/switch_friction.html"
        section_id = "switch-friction"
        default_heading = "Switch friction"
        icon = "redirect"
        label = "Switch friction (generated)"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        return {"directions": friction.switch_friction(pair)}


class SpecsBlock(SectionBlock):
    class Meta:
        template = "comparisons/blocks/specs.html"
        section_id = "specs"
        default_heading = "Specs"
        icon = "cog"
        label = "Specs (generated)"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        return {
            "rows": tables.specs_rows(pair),
            "estimated_parameters": tables.has_estimated_parameters(pair),
        }


class PricingBlock(SectionBlock):
    class Meta:
        template = "comparisons/blocks/pricing.html"
        section_id = "pricing"
        default_heading = "Pricing and availability"
        icon = "tag"
        label = "Pricing and availability (generated)"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        return {
            "rows": tables.pricing_rows(pair),
            "note": tables.pricing_note(pair),
            "chart": price_chart(
                [(pair.a.name, pair.a.routes), (pair.b.name, pair.b.routes)], pair.traffic
            ),
        }

    def get_context(self, value: SectionValue, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context=parent_context)
        pair, changes = context["pair"], context.get("price_changes")
        if pair is not None and changes:  # recent price changes, loaded by the page
            best = [pricing.cheapest_route(m.routes, pair.traffic) for m in pair.models]
            context["rows"] = history.with_price_changes(context["rows"], best, changes)
        return context


class CapabilitiesValue(SectionValue):
    @property
    def selected_slugs(self) -> list[str]:
        return [c.slug for c in self.get("capabilities") or [] if c is not None]


class CapabilitiesBlock(SectionBlock):
    capabilities = blocks.ListBlock(
        SnippetChooserBlock("comparisons.Capability"),
        required=False,
        default=[],
        help_text="Pick rows to show only those; leave empty to show every capability.",
    )

    class Meta:
        template = "comparisons/blocks/capabilities.html"
        section_id = "capabilities"
        default_heading = "Capabilities"
        icon = "tick-inverse"
        label = "Capabilities (generated)"
        value_class = CapabilitiesValue

    def section_context(self, pair: PairFacts, value: CapabilitiesValue) -> dict[str, Any]:
        return {"rows": capability_rows(pair, value.selected_slugs)}


class BenchmarksBlock(SectionBlock):
    class Meta:
        template = "comparisons/blocks/benchmarks.html"
        section_id = "benchmarks"
        default_heading = "Benchmarks"
        icon = "table"
        label = "Benchmarks (generated)"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        return {
            "rows": tables.shared_benchmark_rows(pair),
            "one_sided": one_sided_scores(pair),
            "empty_text": tables.NO_SHARED_BENCHMARKS,
        }


class DeepDiveBlock(SectionBlock):
    body = blocks.RichTextBlock(
        required=False,
        default="",
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text="Your analysis. Left empty, readers see the draft generated from the data.",
    )

    class Meta:
        template = "comparisons/blocks/deep_dive.html"
        section_id = "deep-dive"
        default_heading = "Deep dive"
        icon = "doc-full-inverse"
        label = "Deep dive (editor)"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        return {"draft": prose.deep_dive_draft(pair)}


class FAQItemBlock(CheckedRichTextMixin, blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"


class FAQBlock(SectionBlock):
    items = blocks.ListBlock(
        FAQItemBlock(),
        default=[],
        help_text="Your questions and answers. Left empty, readers see the drafts generated "
        "from the data.",
    )

    class Meta:
        template = "comparisons/blocks/faq.html"
        section_id = "faq"
        default_heading = "FAQ"
        icon = "help"
        label = "FAQ (editor)"

    def section_context(self, pair: PairFacts, value: SectionValue) -> dict[str, Any]:
        return {"drafts": prose.faq_drafts(pair)}


class ContinueBlock(SectionBlock):
    class Meta:
        template = "comparisons/blocks/continue.html"
        section_id = "continue"
        default_heading = "Continue comparing"
        icon = "arrow-right"
        label = "Continue comparing (generated)"


class ProseBlock(CheckedRichTextMixin, blocks.StructBlock):
    """An extra section written by the editor."""

    heading = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=["h3", "bold", "italic", "link", "ol", "ul"])

    class Meta:
        template = "comparisons/blocks/prose.html"
        icon = "pilcrow"
        label = "Prose section (editor)"


SECTION_BLOCKS: list[tuple[str, blocks.Block]] = [
    ("intro", IntroBlock()),
    ("verdict", VerdictBlock()),
    ("scorecard", ScorecardBlock()),
    ("tradeoffs", TradeoffsBlock()),
    ("monthly_cost", MonthlyCostBlock()),
    ("switch_friction", SwitchFrictionBlock()),
    ("specs", SpecsBlock()),
    ("pricing", PricingBlock()),
    ("capabilities", CapabilitiesBlock()),
    ("benchmarks", BenchmarksBlock()),
    ("deep_dive", DeepDiveBlock()),
    ("faq", FAQBlock()),
    ("continue", ContinueBlock()),
    ("prose", ProseBlock()),
]

# Each generated or editor section appears at most once: its id is part of the public HTML.
SECTION_COUNTS = {name: {"max_num": 1} for name, _ in SECTION_BLOCKS if name != "prose"}


def default_sections() -> list[tuple[str, blocks.StructValue]]:
    """A new comparison starts with the specimen pages' section order.

    Each section holds its block's full default value. StreamField passes a default through
    the blocks' `normalize`, which keeps a struct's keys as given: a bare {} would reach the
    editor's widgets with no heading or text at all (a heading box reading "undefined", a
    rich-text box that cannot start)."""
    return [(name, block.get_default()) for name, block in SECTION_BLOCKS if name != "prose"]
