"""An editor edits a model page's routes in Chromium: usable boxes, a provider typed by
name, Save draft, and no console error or server error on the way."""

from __future__ import annotations

from decimal import Decimal

from tests.browser.conftest import screenshot


def test_an_editor_adds_a_route_typing_the_provider_name(demo_site, page, django_user_model):
    from django.contrib.auth.models import Group

    from comparisons.models import ModelPage
    from comparisons.review.setup import EDITORS

    editor = django_user_model.objects.create_user("eve", "eve@example.com", "pw-eve-12345")
    editor.groups.add(Group.objects.get(name=EDITORS))
    model = ModelPage.objects.get(slug="gpt-oss-120b")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on(
        "response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 500 else None
    )

    page.goto(f"{demo_site}/admin/login/")
    page.fill("#id_username", "eve")
    page.fill("#id_password", "pw-eve-12345")
    page.click("button[type=submit]")
    page.wait_for_url(f"{demo_site}/admin/")
    page.goto(f"{demo_site}/admin/pages/{model.pk}/edit/")

    # The boxes are wide enough to read what they hold.
    def width(selector: str) -> float:
        return page.locator(selector).bounding_box()["width"]

    assert width("#id_routes-0-source_url") >= 300
    assert width("#id_routes-0-context_limit") >= 100
    assert width("#id_routes-0-input_price") >= 100
    assert width("#id_routes-0-checked_on") >= 120
    # Decision tags: every tag a visible checkbox with its label, nothing clipped.
    tags = page.locator("input[name='decision_tags']")
    assert tags.count() >= 5 and all(tags.nth(i).is_visible() for i in range(tags.count()))

    routes = page.locator("#id_routes-FORMS > [data-inline-panel-child]")
    before = routes.count()
    page.click("#id_routes-ADD")
    assert routes.count() == before + 1
    new = f"#id_routes-{before}"
    page.fill(f"{new}-provider", "groq")
    page.fill(f"{new}-provider_model_id", "openai/gpt-oss-120b-browser")
    page.fill(f"{new}-input_price", "0.15")
    page.fill(f"{new}-output_price", "0.6")
    screenshot(page, "model-editor-add-route-1280")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state("load")
    assert page.locator(".messages .success").count() == 1, page.locator(".messages").inner_text()

    draft = ModelPage.objects.get(pk=model.pk).get_latest_revision_as_object()
    added = [r for r in draft.routes.all() if r.provider_model_id.endswith("-browser")]
    assert [(r.provider.name, r.input_price, r.output_price) for r in added] == [
        ("Groq", Decimal("0.15"), Decimal("0.6"))
    ]
    assert problems == []
