"""The price chart's SVG, written in Python: a model with 50 routes draws 100 bars, and
Django's template language spent more time on them (a few hundred variable lookups and
`add` filters each) than the rest of the page together. The markup is the one
price_chart.html used to write, number for number."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from comparisons.engine.chart import PriceChart

register = template.Library()


def _n(value: float | int) -> str:
    """A coordinate as the template printed it."""
    return str(value)


def _i(value: float | int) -> int:
    """The template's `add` filter works on int() of its operands."""
    return int(value)


def price_chart_svg(chart: PriceChart | None, chart_id: str) -> SafeString:
    if not chart:
        return mark_safe("")
    cid = escape(chart_id)
    out = [
        '\n<figure class="price-chart">\n'
        f'  <svg viewBox="0 0 {_n(chart.width)} {_n(chart.height)}" width="100%" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" xmlns="http://www.w3.org/2000/svg" '
        'font-family="system-ui, sans-serif" font-size="12">\n'
        f'    <title id="{cid}-title">{escape(chart.title)}</title>\n'
        f'    <desc id="{cid}-desc">{escape(chart.description)}</desc>\n'
        f'    <g class="legend" transform="translate({_n(chart.plot_left)}, 12)">\n'
        '      <rect width="12" height="10" class="bar-input"></rect>'
        '<text x="16" y="9">Input</text>\n'
        '      <rect x="70" width="12" height="10" class="bar-output"></rect>'
        '<text x="86" y="9">Output</text>\n'
        "    </g>\n"
    ]
    bottom = _n(chart.plot_bottom)
    for tick in chart.ticks:
        out.append(
            f'    \n      <line x1="{_n(tick.x)}" x2="{_n(tick.x)}" y1="28" y2="{bottom}" '
            'class="grid"></line>\n'
            f'      <text x="{_n(tick.x)}" y="{_i(chart.plot_bottom) + 16}" '
            f'text-anchor="middle" class="tick">{escape(tick.label)}</text>\n'
        )
    out.append(
        f'    \n    <text x="{_i(chart.plot_left) + 210}" y="{_i(chart.height) - 6}" '
        'text-anchor="middle" class="axis-label">USD per 1M tokens</text>\n'
        '    <text x="8" y="24" class="axis-label">Provider route</text>\n'
    )
    label_x = _i(chart.plot_left) - 8
    for row in chart.rows:
        full = escape(row.full_label)
        title = f"<title>{full}</title>" if row.full_label != row.label else ""
        out.append(
            f'    \n      <text x="{label_x}" y="{_i(row.y) + 17}" text-anchor="end">'
            f"{title}{escape(row.label)}</text>\n"
        )
        for bar in row.bars:
            kind, value = escape(bar.kind), escape(bar.value)
            out.append(
                f'      \n        <rect x="{_n(bar.x)}" y="{_n(bar.y)}" width="{_n(bar.width)}" '
                f'height="12" class="bar-{kind}"><title>{full}: {kind} {value}</title></rect>\n'
                f'        <text x="{_i(bar.x) + _i(bar.width)}" dx="4" y="{_i(bar.y) + 10}" '
                f'class="bar-value">{value}</text>\n'
            )
        out.append("      \n")
    out.append(
        "    \n  </svg>\n"
        '  <figcaption class="footnote">Routes listed at $0 or without a public price are left '
        "out of the chart.</figcaption>\n</figure>\n"
    )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


register.simple_tag(price_chart_svg, name="price_chart_svg")
