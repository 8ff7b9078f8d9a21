"""Rich text links and images that do not resolve: refused when an editor saves (with a
message on the field), and harmless when one is already stored (the text renders, the link
does not, for readers and in the page editor)."""

from __future__ import annotations

import json
import logging

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from comparisons.models import ComparisonPage, ModelPage
from tests.admin_forms import add_url as comparison_add_url
from tests.admin_forms import comparison_form
from tests.test_admin_model_page import add_url as model_add_url
from tests.test_admin_model_page import errors_in, model_form

pytestmark = pytest.mark.django_db


def draftail(text: str, entity_type: str, data: dict) -> str:
    """Contentstate as Draftail posts it: one paragraph whose whole text carries one
    entity (an atomic block for an image)."""
    atomic = entity_type == "IMAGE"
    block = {
        "key": "k1",
        "type": "atomic" if atomic else "unstyled",
        "depth": 0,
        "text": " " if atomic else text,
        "inlineStyleRanges": [],
        "entityRanges": [{"offset": 0, "length": 1 if atomic else len(text), "key": 0}],
        "data": {},
    }
    mutability = "IMMUTABLE" if atomic else "MUTABLE"
    return json.dumps(
        {
            "blocks": [block],
            "entityMap": {"0": {"type": entity_type, "mutability": mutability, "data": data}},
        }
    )


BAD_ENTITIES = [
    pytest.param(
        "LINK", {"id": "1 x"}, "points to page id '1 x', which is not a page id", id="page"
    ),
    pytest.param(
        "LINK", {"id": 99999999}, "points to page 99999999, which does not exist", id="missing"
    ),
    pytest.param(
        "DOCUMENT", {"id": "1 x"}, "points to document id '1 x', which is not a", id="document"
    ),
    pytest.param(
        "IMAGE",
        {"id": "1 x", "format": "left", "alt": ""},
        "An image has the id '1 x', which is not an image id",
        id="image",
    ),
]
MALFORMED = [
    "{not json",
    '{"blocks": 5}',
    '"a string"',
    # An entity range naming an entity the map does not hold.
    '{"blocks": [{"key": "a", "type": "unstyled", "depth": 0, "text": "x", '
    '"inlineStyleRanges": [], "entityRanges": [{"key": 7, "offset": 0, "length": 1}]}], '
    '"entityMap": {}}',
]


@pytest.mark.parametrize(("entity", "data", "message"), BAD_ENTITIES)
def test_model_page_body_refuses_references_that_do_not_resolve(
    admin_client_logged_in, entity, data, message
):
    form = model_form(body=draftail("see the docs", entity, data))
    response = admin_client_logged_in.post(model_add_url(), form)
    assert response.status_code == 200
    assert message in errors_in(response), errors_in(response)
    assert not ModelPage.objects.filter(slug="test-model-7b").exists()


@pytest.mark.parametrize("posted", MALFORMED)
def test_model_page_body_with_unreadable_content_is_a_form_error(admin_client_logged_in, posted):
    response = admin_client_logged_in.post(model_add_url(), model_form(body=posted))
    assert response.status_code == 200
    assert "could not be read (malformed rich text data)" in errors_in(response)
    assert not ModelPage.objects.filter(slug="test-model-7b").exists()


def test_a_link_to_a_real_page_still_saves_and_renders(admin_client_logged_in):
    target = Page.objects.get(slug="gpt-oss-120b")
    form = model_form(
        body=draftail("see gpt-oss", "LINK", {"id": target.pk}),
        **{"action-publish": "publish"},
    )
    response = admin_client_logged_in.post(model_add_url(), form)
    assert response.status_code == 302, errors_in(response)
    soup = BeautifulSoup(
        admin_client_logged_in.get("/models/test-model-7b/").content, "html.parser"
    )
    assert soup.find("a", string="see gpt-oss")["href"] == "/models/gpt-oss-120b/"


def block_errors(response) -> str:
    """The sections stream's errors, as the editor's JavaScript receives them."""
    soup = BeautifulSoup(response.content, "html.parser")
    arguments = json.loads(soup.find(id="sections")["data-w-block-arguments-value"])
    return json.dumps(arguments[-1])


# The comparison's rich text has links but neither documents nor images (Draftail drops
# entities of features a block does not have).
@pytest.mark.parametrize(("entity", "data", "message"), BAD_ENTITIES[:2])
def test_comparison_verdict_and_faq_refuse_references_that_do_not_resolve(
    admin_client_logged_in, entity, data, message
):
    verdict = draftail("Pick A", entity, data)
    form = comparison_form("gpt-5-1-codex", "codex-1", verdict="<p>x</p>")
    form["sections-1-value-text"] = verdict
    response = admin_client_logged_in.post(comparison_add_url(), form)
    assert response.status_code == 200
    assert message in block_errors(response)

    form = comparison_form("gpt-5-1-codex", "codex-1", faq=[("Which?", "<p>x</p>")])
    form["sections-11-value-items-0-value-answer"] = draftail("This one", entity, data)
    response = admin_client_logged_in.post(comparison_add_url(), form)
    assert response.status_code == 200
    assert message in block_errors(response)
    assert not ComparisonPage.objects.filter(slug="gpt-5-1-codex-vs-codex-1").exists()


def test_comparison_verdict_with_unreadable_content_is_a_form_error(admin_client_logged_in):
    form = comparison_form("gpt-5-1-codex", "codex-1", verdict="<p>x</p>")
    form["sections-1-value-text"] = "{not json"
    response = admin_client_logged_in.post(comparison_add_url(), form)
    assert response.status_code == 200
    assert "could not be read (malformed rich text data)" in block_errors(response)
    assert not ComparisonPage.objects.filter(slug="gpt-5-1-codex-vs-codex-1").exists()


STORED_BAD = (
    '<p>Read <a linktype="page" id="1 x">the notes</a>, <a linktype="page">this</a>'
    ' and <a linktype="document" id="1 x">the sheet</a>.</p>'
    '<embed embedtype="image" id="1 x" format="left" alt=""/>'
    '<embed embedtype="image" id="1" format="no-such-format" alt=""/>'
)


def test_a_stored_bad_reference_renders_as_text_for_readers_and_editors(
    admin_client_logged_in, client, caplog
):
    page = ModelPage.objects.get(slug="codex-1")
    page.body = STORED_BAD
    page.save_revision().publish()

    with caplog.at_level(logging.WARNING, logger="comparisons.rich_text_handlers"):
        response = client.get("/models/codex-1/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    body = soup.find(string=lambda s: "Read" in s).find_parent("p")
    assert body.get_text() == "Read the notes, this and the sheet."
    assert all(not a.get("href") for a in body.find_all("a"))
    assert not soup.select("main img[alt='']")
    assert "left out" in caplog.text

    # The editor opens the page, showing the text without the links or images...
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = admin_client_logged_in.get(edit)
    assert response.status_code == 200
    editor = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "body"})
    contentstate = json.loads(editor["value"])
    assert [b["text"] for b in contentstate["blocks"] if b["text"].strip()] == [
        "Read the notes, this and the sheet."
    ]
    assert contentstate["entityMap"] == {}


def test_a_stored_bad_reference_in_a_comparison_renders_for_readers_and_editors(
    admin_client_logged_in, client
):
    page = ComparisonPage.objects.get(slug="codex-1-vs-qwen3-5-4b")
    raw = page.sections.raw_data
    for block in raw:
        if block["type"] == "verdict":
            block["value"]["text"] = '<p>Pick <a linktype="page" id="1 x">Codex 1</a>.</p>'
    page.sections = raw
    page.save_revision().publish()

    response = client.get(page.url)
    assert response.status_code == 200
    verdict = BeautifulSoup(response.content, "html.parser").find(id="verdict")
    assert verdict.find("p").get_text() == "Pick Codex 1."
    assert all(not a.get("href") for a in verdict.find_all("a"))
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert admin_client_logged_in.get(edit).status_code == 200
