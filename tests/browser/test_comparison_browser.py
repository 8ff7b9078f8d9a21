"""A reader lands on a comparison page from a search engine, in Chromium."""

from tests.browser.conftest import screenshot


def test_comparison_page_in_a_real_browser(demo_site, page):
    page.goto(f"{demo_site}/compare/gpt-oss-120b-vs-qwen3-5-4b/")
    assert page.locator("h1").inner_text() == "gpt-oss-120b vs Qwen3.5-4B"
    card = page.locator("#monthly-cost .cost-card").first
    assert card.locator(".cost-figure").inner_text() == "$76.20"
    assert "OpenRouter" in card.inner_text()
    # Every section of the seed pages is visible, in order.
    ids = page.eval_on_selector_all("main section[id]", "els => els.map(e => e.id)")
    assert ids[:4] == ["intro", "verdict", "scorecard", "tradeoffs"] and ids[-1] == "continue"
    assert page.locator("#last-reviewed").inner_text().startswith("Last reviewed: 2026-05-14.")
    screenshot(page, "comparison-1280")
    # "Continue comparing" takes the reader to another comparison.
    page.locator("#continue a", has_text="Codex 1 vs Qwen3.5-4B").click()
    page.wait_for_url("**/compare/codex-1-vs-qwen3-5-4b/")
    assert page.locator("#monthly-cost .cost-figure").first.inner_text() == "Unavailable"


def test_reverse_order_url_lands_on_the_page(demo_site, page):
    page.goto(f"{demo_site}/compare/qwen3-5-4b-vs-gpt-5-2-codex/")
    assert page.url.endswith("/compare/gpt-5-2-codex-vs-qwen3-5-4b/")


def test_comparison_on_a_narrow_screen(demo_site, chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    tab = context.new_page()
    tab.goto(f"{demo_site}/compare/gpt-5-2-codex-vs-qwen3-5-4b/")
    assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(tab, "comparison-360")
    context.close()
