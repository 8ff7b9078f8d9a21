"""The price chart's SVG, written in Python: a model with 50 routes draws 100 bars, and
Django's template language spent more time on them (a few hundred variable lookups and
`add` filters each) than the rest of the page together. The markup is the one the
template tag replaces: the cheapest routes in one SVG, the rest in a second one inside
a disclosure, both on one scale."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from comparisons.engine.chart import Panel, PriceChart

register = template.Library()


def _i(value: float | int) -> int:
    """Offsets are whole pixels, as the template's `add` filter made them."""
    return int(value)


def _panel_svg(chart: PriceChart, panel: Panel, number: int, cid: str) -> str:
    out = [
        f'<svg viewBox="0 0 {chart.width} {panel.height}" width="100%" role="img" '
        f'aria-labelledby="{cid}-title{number} {cid}-desc{number}" '
        'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="12">'
    ]
    if number == 1:
        out.append(
            f'<title id="{cid}-title1">{escape(chart.title)}</title>'
            f'<desc id="{cid}-desc1">{escape(chart.description)}</desc>'
            f'<g class="legend" transform="translate({chart.plot_left}, 12)">'
            '<rect width="12" height="10" class="bar-input"></rect><text x="16" y="9">Input</text>'
            '<rect x="70" width="12" height="10" class="bar-output"></rect>'
            '<text x="86" y="9">Output</text></g>'
            '<text x="8" y="24" class="axis-label">Provider route</text>'
        )
    else:
        out.append(
            f'<title id="{cid}-title{number}">{escape(chart.title)}: routes '
            f"{len(chart.head.rows) + 1} to {chart.count}</title>"
            f'<desc id="{cid}-desc{number}">The dearer routes, on the same scale as the chart '
            "above.</desc>"
        )
    for tick in chart.ticks:
        out.append(
            f'<line x1="{tick.x}" x2="{tick.x}" y1="{_i(panel.top) - 6}" y2="{panel.plot_bottom}" '
            'class="grid"></line>'
            f'<text x="{tick.x}" y="{_i(panel.plot_bottom) + 16}" text-anchor="middle" '
            f'class="tick">{escape(tick.label)}</text>'
        )
    out.append(
        f'<text x="{_i(chart.plot_left) + 210}" y="{_i(panel.height) - 6}" text-anchor="middle" '
        'class="axis-label">USD per 1M tokens</text>'
    )
    label_x = _i(chart.plot_left) - 8
    for row in panel.rows:
        full = escape(row.full_label)
        title = ""
        if row.full_label != row.label or row.cheapest:
            title = f"<title>{full}{': the cheapest route' if row.cheapest else ''}</title>"
        cheapest = ' class="cheapest" font-weight="bold"' if row.cheapest else ""
        star = "★ " if row.cheapest else ""
        out.append(
            f'<text x="{label_x}" y="{_i(row.y) + 17}" text-anchor="end"{cheapest}>'
            f"{title}{star}{escape(row.label)}</text>"
        )
        for bar in row.bars:
            kind, value = escape(bar.kind), escape(bar.value)
            out.append(
                f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="12" '
                f'class="bar-{kind}"><title>{full}: {kind} {value}</title></rect>'
                f'<text x="{_i(bar.x) + _i(bar.width)}" dx="4" y="{_i(bar.y) + 10}" '
                f'class="bar-value">{value}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


def price_chart_svg(chart: PriceChart | None, chart_id: str) -> SafeString:
    if not chart:
        return mark_safe("")
    cid = escape(chart_id)
    out = ['<figure class="price-chart">']
    for number, panel in enumerate(chart.panels, start=1):
        svg = _panel_svg(chart, panel, number, cid)
        if number == 1:
            out.append(svg)
        else:
            out.append(
                f'<details class="chart-more"><summary>Show all {chart.count} routes</summary>'
                f"{svg}</details>"
            )
    order = "Cheapest monthly bill first" if chart.sorted_by_bill else "Lowest output price first"
    out.append(
        f'<figcaption class="footnote">{order}; ★ marks the cheapest route. Routes listed at $0 '
        "or without a public price are left out of the chart.</figcaption></figure>"
    )
    return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped


register.simple_tag(price_chart_svg, name="price_chart_svg")
