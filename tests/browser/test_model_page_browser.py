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
