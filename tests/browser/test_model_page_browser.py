"""A reader opens a model page in Chromium."""

import pytest

from tests.browser.conftest import screenshot


def test_model_page_in_a_real_browser(demo_site, page):
    page.goto(f"{demo_site}/models/gpt-oss-120b/")
    assert page.locator("h1").inner_text() == "gpt-oss-120b"
    cheapest = page.locator("#pricing tr.cheapest th")
    assert "OpenRouter" in cheapest.inner_text()
    assert page.locator("#pricing tr.cheapest td").nth(4).inner_text() == "$76.20"
    # The skip link is the first thing the keyboard reaches, and it moves focus to <main>.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    screenshot(page, "model-page-1280")


# One line box per date: "2026-" over "06-30" is what a too-narrow column did.
ONE_LINE = """cells => cells.map(cell => {
    const range = document.createRange(); range.selectNodeContents(cell);
    return range.getClientRects().length;
})"""


@pytest.mark.parametrize(
    "path,selector",
    [("/models/gpt-oss-120b/", "#pricing td.date"), ("/providers/openrouter/", "td.date")],
)
def test_dates_in_tables_stay_on_one_line(demo_site, chromium, path, selector):
    # A tablet's width, where the columns are squeezed before the table scrolls.
    context = chromium.new_context(viewport={"width": 768, "height": 900})
    tab = context.new_page()
    tab.goto(f"{demo_site}{path}")
    lines = tab.locator(selector).evaluate_all(ONE_LINE)
    context.close()
    assert lines and set(lines) == {1}, lines


@pytest.mark.parametrize("width", [360])
def test_model_page_is_readable_on_a_narrow_screen(demo_site, chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.goto(f"{demo_site}/models/gpt-oss-120b/")
    # The page itself does not scroll sideways; wide tables scroll inside their wrapper.
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(tab, f"model-page-{width}")
    context.close()


def test_the_price_chart_discloses_the_dearer_routes(demo_site, page):
    from tests.test_bill_chart_catalogue import import_gpt_oss_120b

    import_gpt_oss_120b()
    page.goto(f"{demo_site}/models/gpt-oss-120b/")
    more = page.locator("#pricing details.chart-more")
    hidden = more.locator("svg")
    assert not hidden.is_visible()
    first = page.locator("#pricing .price-chart > svg")
    assert first.bounding_box()["height"] < 450
    more.locator("summary").click()
    assert hidden.is_visible() and more.get_attribute("open") is not None
    assert hidden.locator("text[text-anchor=end]").count() > 30
    screenshot(page, "model-page-chart-open")
