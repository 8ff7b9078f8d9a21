"""A reader's journeys through the public site, in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def choose_with_keyboard(page, box, typed: str, downs: int = 1) -> None:
    """Focus a picker box, type, move down the suggestions and press Enter."""
    box.focus()
    box.press("Control+a")
    page.keyboard.type(typed)
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    expect(listbox.get_by_role("option").first).to_be_visible()
    for _ in range(downs):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(listbox).to_be_hidden()


def test_pick_two_models_and_land_on_the_right_page(demo_site, page):
    page.goto(f"{demo_site}/")
    first = page.get_by_role("combobox", name="First model")
    second = page.get_by_role("combobox", name="Second model")
    choose_with_keyboard(page, first, "qwen")
    expect(first).to_have_value("Qwen3.5-4B")
    choose_with_keyboard(page, second, "5.2")
    expect(second).to_have_value("GPT-5.2 Codex")
    page.keyboard.press("Enter")  # the list is closed: Enter submits the form
    page.wait_for_url("**/compare/gpt-5-2-codex-vs-qwen3-5-4b/")  # the editorial page's order
    assert page.locator("h1").inner_text() == "GPT-5.2 Codex vs Qwen3.5-4B"

    # The picker under the comparison starts from this pair; change both models.
    first = page.get_by_role("combobox", name="First model")
    second = page.get_by_role("combobox", name="Second model")
    expect(first).to_have_value("GPT-5.2 Codex")
    expect(second).to_have_value("Qwen3.5-4B")
    choose_with_keyboard(page, first, "oss")
    choose_with_keyboard(page, second, "codex")  # Codex 1, GPT-5.1 Codex, GPT-5.2 Codex
    expect(second).to_have_value("Codex 1")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/compare/codex-1-vs-gpt-oss-120b/")  # generated, canonical order
    assert "not yet been reviewed by an editor" in page.locator(".on-the-fly").inner_text()


def test_type_ahead_is_an_accessible_combobox(demo_site, page):
    page.goto(f"{demo_site}/models/")
    box = page.get_by_role("combobox", name="First model")
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_have_attribute("role", "listbox")
    box.focus()
    page.keyboard.type("codex")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(3)
    expect(box).to_have_attribute("aria-expanded", "true")
    assert [t.split("\n")[0] for t in options.all_inner_texts()] == [
        "Codex 1",
        "GPT-5.1 Codex",
        "GPT-5.2 Codex",
    ]
    assert box.get_attribute("aria-activedescendant") is None
    for expected in ("GPT-5.2 Codex", "GPT-5.1 Codex", "Codex 1", "GPT-5.2 Codex"):
        page.keyboard.press("ArrowUp")
        active = listbox.locator("[aria-selected=true]")
        expect(active).to_have_count(1)
        assert box.get_attribute("aria-activedescendant") == active.get_attribute("id")
        assert expected in active.inner_text()
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("codex")  # Escape closes the list, the text stays
    page.keyboard.press("ArrowDown")  # opens the list again, on the first suggestion
    expect(listbox.locator("[aria-selected=true]")).to_contain_text("Codex 1")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(box).to_have_value("GPT-5.1 Codex")
    assert page.locator("form.picker input[name=a_slug]").input_value() == "gpt-5-1-codex"
    page.keyboard.type("x")  # editing the text forgets the chosen slug
    assert page.locator("form.picker input[name=a_slug]").input_value() == ""
    box.fill("no such model at all")
    expect(page.locator("form.picker [role=status]").first).to_contain_text("No model")
    expect(listbox).to_be_hidden()


def test_picker_without_javascript(demo_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{demo_site}/")
    tab.get_by_label("First model").fill("GPT-OSS-120B")
    tab.get_by_label("Second model").fill("codex 1")
    tab.get_by_role("button", name="Compare").click()
    tab.wait_for_url("**/compare/codex-1-vs-gpt-oss-120b/")
    tab.goto(f"{demo_site}/models/qwen3-5-4b/")
    expect(tab.get_by_label("First model")).to_have_value("Qwen3.5-4B")
    tab.get_by_label("Second model").fill("codex")
    tab.get_by_role("button", name="Compare").click()
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == "Which models did you mean?"
    tab.locator("#choose-b").get_by_role("link", name="GPT-5.2 Codex").click()
    tab.wait_for_url("**/compare/gpt-5-2-codex-vs-qwen3-5-4b/")
    context.close()


def test_use_the_cost_calculator(demo_site, page):
    page.goto(f"{demo_site}/compare/gpt-5-1-codex-vs-gpt-5-2-codex/")
    form = page.get_by_role("form", name="Or monthly totals")
    form.locator("input[name=input_tokens]").fill("10M")
    form.locator("input[name=output_tokens]").fill("2M")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**input_tokens=10M**")
    figures = page.locator("#monthly-cost .cost-figure").all_inner_texts()
    assert figures == ["$32.50", "$45.50"]
    form = page.get_by_role("form", name="Or monthly totals")
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
    page.locator("table.models-index thead a", has_text="Output").click()
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
    assert page.evaluate("document.activeElement.getAttribute('role')") == "combobox"
    page.keyboard.press("Tab")  # the suggestions are not tab stops: next is the second box
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
