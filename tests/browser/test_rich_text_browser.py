"""A model page whose rich text holds a broken link opens in the real editor, in Chromium:
Draftail shows the text, and saving stores it without the broken link."""

from tests.browser.conftest import screenshot

PASSWORD = "correct-horse-battery-9"


def test_editor_opens_and_repairs_a_page_with_a_broken_link(demo_site, chromium, django_user_model):
    from comparisons.models import ModelPage

    django_user_model.objects.create_superuser("boss", "boss@example.com", PASSWORD)
    model = ModelPage.objects.get(slug="codex-1")
    model.body = '<p>Read <a linktype="page" id="1 x">the launch notes</a> first.</p>'
    model.save_revision().publish()

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{demo_site}/admin/login/")
    tab.fill("#id_username", "boss")
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{demo_site}/admin/")

    tab.goto(f"{demo_site}/admin/pages/{model.pk}/edit/")
    editor = tab.locator("#panel-child-content-body-section .DraftEditor-root")
    editor.wait_for()
    assert "Read the launch notes first." in editor.inner_text()
    assert editor.locator("a, [data-draftail-trigger]").count() == 0
    editor.scroll_into_view_if_needed()
    screenshot(tab, "rich-text-broken-link-editor")

    publish = tab.locator('button[name="action-publish"]')
    if not publish.is_visible():
        tab.locator("footer .w-dropdown__toggle, nav .w-dropdown__toggle").last.click()
    publish.click()
    tab.wait_for_load_state("networkidle")
    model.refresh_from_db()
    assert "Read the launch notes first." in model.body and "linktype" not in model.body
    assert not errors, errors
    context.close()
