"""The price chart: geometry from routes, and accessible SVG on the pages."""

from decimal import Decimal as D

import pytest

from comparisons.engine.chart import price_chart
from comparisons.engine.values import RouteFacts, TrafficFacts


def route(name, inp, out):
    return RouteFacts(
        provider_slug=name.lower(), provider_name=name, input_price=inp, output_price=out
    )


def test_one_row_per_priced_route_with_input_and_output_bars():
    chart = price_chart(
        [
            (
                "A",
                [
                    route("P1", D("1"), D("4")),
                    route("Free", D("0"), D("0")),
                    route("None", None, None),
                ],
            )
        ]
    )
    assert [r.label for r in chart.rows] == ["P1"]
    (row,) = chart.rows
    assert [(b.kind, b.value) for b in row.bars] == [("input", "$1"), ("output", "$4")]
    # Output is 4x input, and the axis ends on a round number at or above the top price.
    assert row.bars[1].width == pytest.approx(4 * row.bars[0].width)
    assert chart.ticks[-1].label == "$5"
    assert "P1 (cheapest): input $1, output $4" in chart.description
    assert chart.tail is None and chart.rows[0].cheapest


def test_rows_name_the_model_when_two_models_are_charted():
    chart = price_chart([("A", [route("P", D("1"), D("2"))]), ("B", [route("P", D("3"), D("6"))])])
    assert [r.label for r in chart.rows] == ["P (A)", "P (B)"]
    assert chart.title == "Price per 1M tokens on each tracked route of A and B"


def test_no_chart_without_prices():
    assert price_chart([("A", []), ("B", [route("P", None, D("0"))])]) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "bars"),
    [
        ("/compare/gpt-oss-120b-vs-qwen3-5-4b/", 12),
        ("/models/gpt-oss-120b/", 12),
        ("/models/gpt-5-2-codex/", 2),
    ],
)
def test_pages_carry_an_accessible_svg(soup_of, url, bars):
    svg = soup_of(url).select_one("#pricing svg")
    assert svg["role"] == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert (
        title.get_text().startswith("Price per 1M tokens")
        and "USD per 1M tokens" in desc.get_text()
    )
    assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
    assert len(svg.select("rect.bar-input, rect.bar-output")) == bars + 2  # + the legend
    assert "USD per 1M tokens" in [t.get_text() for t in svg.find_all("text")]


@pytest.mark.django_db
def test_no_chart_when_nothing_is_priced(soup_of):
    assert soup_of("/compare/codex-1-vs-qwen3-5-4b/").select_one("#pricing svg") is None


def test_long_labels_are_shortened_to_fit_and_keep_their_full_text():
    long_name = "Cloudflare AI Gateway Token Factory"
    chart = price_chart(
        [("GPT OSS 120B", [route(long_name, D("1"), D("2"))]), ("B", [route("P", D("1"), D("2"))])]
    )
    first = chart.rows[0]
    assert first.full_label == f"{long_name} (GPT OSS 120B)"
    assert first.label.endswith("…") and len(first.label) <= 34
    assert first.bars[0].x == chart.plot_left  # bars start where the label column ends
    short = price_chart([("A", [route("P1", D("1"), D("2"))])])
    assert short.plot_left < chart.plot_left  # short labels leave more room to the bars


def priced(n: int) -> list[RouteFacts]:
    # Listed dearest first, so sorting is visible.
    return [route(f"P{i:02d}", D(n - i), D(2 * (n - i))) for i in range(n)]


def test_routes_are_sorted_by_the_monthly_bill_and_the_cheapest_is_marked():
    traffic = TrafficFacts(name="t", monthly_input_tokens=10**6, monthly_output_tokens=0)
    # By output price P1 is cheaper; by this input-only traffic P2 is.
    routes = [route("P1", D("5"), D("1")), route("P2", D("1"), D("9"))]
    assert [r.label for r in price_chart([("A", routes)], traffic).rows] == ["P2", "P1"]
    assert [r.label for r in price_chart([("A", routes)]).rows] == ["P1", "P2"]
    chart = price_chart([("A", routes)], traffic)
    assert [r.cheapest for r in chart.rows] == [True, False]
    assert chart.description.startswith(
        "Horizontal bars, input and output price in USD per 1M tokens, cheapest monthly bill "
        "first at t. P2 (cheapest)"
    )


def test_ten_routes_are_drawn_and_the_rest_wait_in_a_second_panel():
    chart = price_chart([("A", priced(50))])
    assert len(chart.head.rows) == 10 and len(chart.tail.rows) == 40 and chart.count == 50
    assert chart.head.rows[0].label == "P49" and chart.tail.rows[-1].label == "P00"
    # Each panel is as tall as its rows, on one scale.
    assert chart.head.height < 450 and chart.tail.rows[0].y == 8
    assert chart.tail.rows[0].bars[0].width == pytest.approx(11 * chart.head.rows[0].bars[0].width)
    assert price_chart([("A", priced(10))]).tail is None


def test_each_model_of_a_comparison_has_its_cheapest_marked():
    chart = price_chart([("A", priced(3)), ("B", [route("Q", D("9"), D("9"))])])
    assert [r.full_label for r in chart.rows if r.cheapest] == ["P02 (A)", "Q (B)"]
