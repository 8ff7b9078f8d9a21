"""A reader's journeys through the public site, in Chromium."""

import pytest

from tests.browser.conftest import screenshot


def test_pick_two_models_and_land_on_the_right_page(demo_site, page):
    page.goto(f"{demo_site}/")
    picker = page.locator("form.picker")
    picker.locator("select[name=a]").select_option("qwen3-5-4b")
    picker.locator("select[name=b]").select_option("gpt-5-2-codex")
    picker.locator("button[type=submit]").click()
    page.wait_for_url(
        "**/compare/gpt-5-2-codex-vs-qwen3-5-4b/"
    )  # the editorial page, its own order
    assert page.locator("h1").inner_text() == "GPT-5.2 Codex vs Qwen3.5-4B"

    picker = page.locator("form.picker")
    picker.locator("select[name=a]").select_option("gpt-oss-120b")
    picker.locator("select[name=b]").select_option("codex-1")
    picker.locator("button[type=submit]").click()
    page.wait_for_url("**/compare/codex-1-vs-gpt-oss-120b/")  # generated, canonical order
    assert "not yet been reviewed by an editor" in page.locator(".on-the-fly").inner_text()


def test_type_ahead_filters_the_picker(demo_site, page):
    page.goto(f"{demo_site}/models/")
    box = page.locator("form.picker .picker-filter").first
    box.fill("qwen")
    select = page.locator("form.picker select[name=a]")
    assert select.input_value() == "qwen3-5-4b"
    visible = select.evaluate(
        "s => Array.from(s.options).filter(o => !o.hidden && o.value).map(o => o.value)"
    )
    assert visible == ["qwen3-5-4b"]


def test_use_the_cost_calculator(demo_site, page):
    page.goto(f"{demo_site}/compare/gpt-5-1-codex-vs-gpt-5-2-codex/")
    form = page.locator("form.calculator")
    form.locator("input[name=input_tokens]").fill("10M")
    form.locator("input[name=output_tokens]").fill("2M")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**input_tokens=10M**")
    figures = page.locator("#monthly-cost .cost-figure").all_inner_texts()
    assert figures == ["$32.50", "$45.50"]
    form = page.locator("form.calculator")
    form.locator("input[name=input_tokens]").fill("-3")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "is negative" in page.locator("#monthly-cost [role=alert]").inner_text()


def test_filter_and_sort_the_index(demo_site, page):
    page.goto(f"{demo_site}/models/")
    page.locator("#f-capability").select_option("vision")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**capability=vision**")
    names = page.locator("table.models-index tbody th").all_inner_texts()
    assert names == ["GPT-4 Vision Preview", "GPT-5.1 Codex", "GPT-5.2 Codex", "Qwen3.5-4B"]
    page.locator("table.models-index thead a", has_text="Cheapest output").click()
    page.wait_for_url("**sort=output**")
    names = page.locator("table.models-index tbody th").all_inner_texts()
    assert names == ["GPT-5.1 Codex", "GPT-5.2 Codex", "GPT-4 Vision Preview", "Qwen3.5-4B"]


def test_keyboard_only_reaches_the_picker(demo_site, page):
    page.goto(f"{demo_site}/")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("document.activeElement.name || document.activeElement.className || ''")
        )
        if reached[-1] == "a":
            break
    assert reached[0] == "skip-link"
    assert reached[-1] == "a", reached
    page.keyboard.press("Tab")  # (the type-ahead box of the second select comes first)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "b"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots(demo_site, chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    for name, path in [
        ("home", "/"),
        ("models-index", "/models/"),
        ("model-page", "/models/gpt-oss-120b/"),
        ("comparison", "/compare/gpt-oss-120b-vs-qwen3-5-4b/"),
    ]:
        tab.goto(f"{demo_site}{path}")
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways at {width}px"
        screenshot(tab, f"{name}-{width}")
    context.close()
