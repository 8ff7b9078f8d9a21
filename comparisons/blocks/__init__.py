"""StreamField blocks for comparison pages.

`sections` holds the block classes (the stream's schema and its display logic);
`stream_data` reads and writes the raw stream data those blocks store, with the block and
field names taken from the classes. Migrations refer to `comparisons.blocks.default_sections`,
so the public names stay importable from here.
"""

from comparisons.blocks.sections import (
    SECTION_BLOCKS,
    SECTION_COUNTS,
    BenchmarksBlock,
    CapabilitiesBlock,
    CapabilitiesValue,
    CheckedRichTextMixin,
    ContinueBlock,
    DeepDiveBlock,
    FAQBlock,
    FAQItemBlock,
    IntroBlock,
    MonthlyCostBlock,
    PricingBlock,
    ProseBlock,
    ScorecardBlock,
    SectionBlock,
    SectionValue,
    SpecsBlock,
    SwitchFrictionBlock,
    TradeoffsBlock,
    VerdictBlock,
    default_sections,
)

__all__ = [
    "SECTION_BLOCKS",
    "SECTION_COUNTS",
    "BenchmarksBlock",
    "CapabilitiesBlock",
    "CapabilitiesValue",
    "CheckedRichTextMixin",
    "ContinueBlock",
    "DeepDiveBlock",
    "FAQBlock",
    "FAQItemBlock",
    "IntroBlock",
    "MonthlyCostBlock",
    "PricingBlock",
    "ProseBlock",
    "ScorecardBlock",
    "SectionBlock",
    "SectionValue",
    "SpecsBlock",
    "SwitchFrictionBlock",
    "TradeoffsBlock",
    "VerdictBlock",
    "default_sections",
]
