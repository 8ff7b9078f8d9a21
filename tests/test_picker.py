"""The "compare any two models" picker without JavaScript: two text boxes, resolved by the
server at /compare/?a=…&b=… (slug, or exact title in any case; otherwise a page of
candidates from a name search). The pages that show the picker carry no list of models."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup

from comparisons.models import ModelIndexPage, ModelPage, Provider, ProviderRoute
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

PICKER_PAGES = (
    "/",
    "/models/",
    "/models/codex-1/",
    "/compare/",
    "/compare/gpt-5-2-codex-vs-qwen3-5-4b/",
    "/compare/codex-1-vs-gpt-oss-120b/",
)


def pick(client, **params: str):
    return client.get(f"/compare/?{urlencode(params)}")


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def picker_of(page: BeautifulSoup):
    form = page.find("form", class_="picker")
    assert form is not None
    return form


def boxes(form) -> dict[str, dict[str, str]]:
    """{label text: {"name", "value", "slug"}} for each visible text box of the picker."""
    found = {}
    for box in form.find_all("input", attrs={"type": "text"}):
        label = form.find("label", attrs={"for": box["id"]})
        slug = form.find("input", attrs={"type": "hidden", "name": f"{box['name']}_slug"})
        found[text_of(label)] = {
            "name": box["name"],
            "value": box.get("value", ""),
            "slug": slug["value"] if slug else "",
        }
    return found


def new_model(title: str, slug: str, *, publish: bool = True) -> ModelPage:
    page = ModelPage(title=title, slug=slug)
    provider = Provider.objects.order_by("slug").first()
    page.routes = [
        ProviderRoute(provider=provider, input_price=Decimal("1"), output_price=Decimal("2"))
    ]
    if not publish:
        page.live = False
    ModelIndexPage.objects.get().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def choices(page: BeautifulSoup, side: str) -> dict[str, str]:
    """{model title: link} offered for one side ("a" or "b") of the picker."""
    section = page.find(id=f"choose-{side}")
    assert section is not None
    found = {}
    for link in section.select("ul.choices a"):
        hidden = link.find(class_="visually-hidden")
        if hidden:
            hidden.extract()
        found[text_of(link)] = link["href"]
    return found


# --- the form on every page ----------------------------------------------------------------


@pytest.mark.parametrize("url", PICKER_PAGES)
def test_picker_is_two_labelled_text_boxes_posting_to_compare(soup_of, url):
    form = picker_of(soup_of(url))
    assert form["action"] == "/compare/" and form["method"] == "get"
    assert "Compare any two models" in text_of(form.find("h2"))
    fields = boxes(form)
    assert list(fields) == ["First model", "Second model"]
    assert [f["name"] for f in fields.values()] == ["a", "b"]
    assert form.find("select") is None and form.find("option") is None
    assert form["data-suggest-url"] == "/api/v1/models/suggest"
    assert form.find("button", attrs={"type": "submit"}).get_text(strip=True) == "Compare"


def test_model_page_prefills_its_own_title(soup_of):
    fields = boxes(picker_of(soup_of("/models/codex-1/")))
    assert fields["First model"] == {"name": "a", "value": "Codex 1", "slug": "codex-1"}
    assert fields["Second model"] == {"name": "b", "value": "", "slug": ""}
    assert boxes(picker_of(soup_of("/")))["First model"]["value"] == ""


def test_comparison_pages_prefill_both_models(soup_of):
    fields = boxes(picker_of(soup_of("/compare/gpt-5-2-codex-vs-qwen3-5-4b/")))
    assert fields["First model"]["value"] == "GPT-5.2 Codex"
    assert fields["Second model"] == {"name": "b", "value": "Qwen3.5-4B", "slug": "qwen3-5-4b"}
    fields = boxes(picker_of(soup_of("/compare/codex-1-vs-gpt-oss-120b/")))  # on the fly
    assert [f["value"] for f in fields.values()] == ["Codex 1", "gpt-oss-120b"]


def test_picker_weight_does_not_grow_with_the_catalogue(client):
    def pickers() -> list[str]:
        return [str(picker_of(soup(client.get(url)))) for url in ("/", "/models/codex-1/")]

    before = pickers()
    for i in range(25):
        new_model(f"Catalogue Model {i}", f"catalogue-model-{i}")
    after = pickers()
    assert after == before
    assert "Catalogue Model" not in "".join(after)
    assert all(len(html) < 3000 for html in after)


# --- resolving what was typed --------------------------------------------------------------


def test_slugs_go_to_the_editorial_page_or_the_canonical_url(client):
    response = pick(client, a="qwen3-5-4b", b="gpt-5-2-codex")
    assert response.status_code == 302
    assert response["Location"] == "/compare/gpt-5-2-codex-vs-qwen3-5-4b/"  # its own order
    response = pick(client, a="gpt-oss-120b", b="codex-1")
    assert response["Location"] == "/compare/codex-1-vs-gpt-oss-120b/"  # alphabetical


@pytest.mark.parametrize(
    ("a", "b", "location"),
    [
        ("GPT-5.2 Codex", "Qwen3.5-4B", "/compare/gpt-5-2-codex-vs-qwen3-5-4b/"),
        ("qwen3.5-4b", "gpt-5.2 codex", "/compare/gpt-5-2-codex-vs-qwen3-5-4b/"),
        ("  CODEX   1 ", "GPT-OSS-120B", "/compare/codex-1-vs-gpt-oss-120b/"),
        ("Codex 1", "gpt-5-1-codex", "/compare/codex-1-vs-gpt-5-1-codex/"),  # title and slug
    ],
)
def test_exact_titles_in_any_case_resolve(client, a, b, location):
    response = pick(client, a=a, b=b)
    assert response.status_code == 302
    assert response["Location"] == location


def test_a_chosen_suggestion_resolves_by_its_slug_until_the_text_is_edited(client):
    twin = new_model("Codex 1", "codex-1-twin")  # same title as the demo's codex-1
    response = pick(client, a="Codex 1", a_slug=twin.slug, b="Qwen3.5-4B", b_slug="qwen3-5-4b")
    assert response["Location"] == "/compare/codex-1-twin-vs-qwen3-5-4b/"
    # The reader chose a suggestion, then typed something else: the text wins.
    response = pick(client, a="GPT-5.1 Codex", a_slug=twin.slug, b="qwen3-5-4b")
    assert response["Location"] == "/compare/gpt-5-1-codex-vs-qwen3-5-4b/"


def test_a_partial_name_lists_the_candidates_as_links_that_complete_the_comparison(client):
    response = pick(client, a="codex", b="gpt-oss-120b")
    assert response.status_code == 200
    page = soup(response)
    assert text_of(page.find("h1")) == "Which models did you mean?"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    first = page.find(id="choose-a")
    assert "No model is called “codex”" in text_of(first)
    offered = choices(page, "a")
    assert list(offered) == ["Codex 1", "GPT-5.1 Codex", "GPT-5.2 Codex"]
    assert text_of(page.find(id="choose-b").find(class_="chosen")) == "gpt-oss-120b · OpenAI"
    response = client.get(offered["GPT-5.2 Codex"])
    assert response.status_code == 302
    assert response["Location"] == "/compare/gpt-5-2-codex-vs-gpt-oss-120b/"
    # The picker on the page keeps what was typed, so the reader can also retype.
    fields = boxes(picker_of(page))
    assert fields["First model"]["value"] == "codex"
    assert fields["Second model"] == {"name": "b", "value": "gpt-oss-120b", "slug": "gpt-oss-120b"}


def test_two_partial_names_are_chosen_one_after_the_other(client):
    page = soup(pick(client, a="gpt", b="codex"))
    assert list(choices(page, "a")) == [
        "GPT-4 Vision Preview",
        "GPT-5.1 Codex",
        "GPT-5.2 Codex",
        "gpt-oss-120b",
    ]
    assert list(choices(page, "b")) == ["Codex 1", "GPT-5.1 Codex", "GPT-5.2 Codex"]
    response = client.get(choices(page, "a")["GPT-5.2 Codex"])
    assert response.status_code == 200
    page = soup(response)
    assert "GPT-5.2 Codex" in text_of(page.find(id="choose-a").find(class_="chosen"))
    # The model already chosen as the first is not offered again as the second.
    offered = choices(page, "b")
    assert list(offered) == ["Codex 1", "GPT-5.1 Codex"]
    response = client.get(offered["GPT-5.1 Codex"])
    assert response["Location"] == "/compare/gpt-5-1-codex-vs-gpt-5-2-codex/"


def test_several_models_with_the_same_title_are_listed(client):
    new_model("Codex 1", "codex-1-twin")
    response = pick(client, a="codex 1", b="qwen3-5-4b")
    assert response.status_code == 200
    page = soup(response)
    assert "Several models are called “codex 1”" in text_of(page.find(id="choose-a"))
    links = page.find(id="choose-a").select("ul.choices li")
    assert [text_of(li.find(class_="muted")) for li in links] == [
        "codex-1 · OpenAI",
        "codex-1-twin",
    ]


def test_drafts_and_unpublished_models_are_never_candidates(client):
    new_model("Codex Draft", "codex-draft", publish=False)
    renamed = ModelPage.objects.get(slug="gpt-5-1-codex")
    renamed.title = "Codex Renamed In A Draft"
    renamed.save_revision()  # not published
    ModelPage.objects.get(slug="gpt-5-2-codex").unpublish()
    page = soup(pick(client, a="codex", b="qwen3-5-4b"))
    assert list(choices(page, "a")) == ["Codex 1", "GPT-5.1 Codex"]
    response = pick(client, a="Codex Draft", b="qwen3-5-4b")
    assert response.status_code == 404
    assert pick(client, a="codex renamed", b="qwen3-5-4b").status_code == 404


def test_nothing_matching_is_a_helpful_404(client):
    response = pick(client, a="codex-1", b="no-such-model")
    assert response.status_code == 404
    page = soup(response)
    assert text_of(page.find("h1")) == "Model not found"
    alert = text_of(page.find(attrs={"role": "alert"}))
    assert alert.startswith("There is no published model “no-such-model”")
    assert "models index" in alert
    assert boxes(picker_of(page))["Second model"]["value"] == "no-such-model"
    response = pick(client, a="nothing-here", b="nor-here")
    assert "“nothing-here” and “nor-here”" in text_of(soup(response).find(attrs={"role": "alert"}))


def test_what_was_typed_is_shown_escaped(client):
    response = pick(client, a="<b>bold</b>", b="codex")
    assert response.status_code == 404
    assert b"<b>bold</b>" not in response.content
    assert "“<b>bold</b>”" in text_of(soup(response).find(attrs={"role": "alert"}))


def test_the_same_model_twice_explains_why_not(client):
    for params in (
        {"a": "codex-1", "b": "codex-1"},
        {"a": "Codex 1", "b": "codex-1"},
        {"a": "codex 1", "a_slug": "codex-1", "b": "CODEX 1"},
    ):
        response = pick(client, **params)
        assert response.status_code == 400
        page = soup(response)
        assert "A comparison needs two models" in text_of(page.find(class_="lede"))
        assert boxes(picker_of(page))["First model"]["value"] == "Codex 1"


def test_one_side_left_empty_asks_for_both(client):
    response = pick(client, a="codex-1", b="")
    assert response.status_code == 200
    page = soup(response)
    assert text_of(page.find(attrs={"role": "alert"})) == "Pick both models to compare."
    assert boxes(picker_of(page))["First model"]["value"] == "codex-1"


def test_the_type_ahead_puts_the_closest_name_first(client):
    for title, slug in [
        ("Agentic Chat (Claude Sonnet 4.5)", "duo-chat-sonnet-4-5"),
        ("Claude Sonnet 4.5", "claude-sonnet-4-5"),
        ("Claude 4.5 Sonnet", "claude-4-5-sonnet"),
        ("Claude Sonnet 4.5 Thinking", "claude-sonnet-4-5-thinking"),
    ]:
        new_model(title, slug)

    def suggested(q: str) -> list[str]:
        response = client.get("/api/v1/models/suggest", {"q": q})
        return [r["slug"] for r in response.json()["results"]]

    # The exact title, then names starting with it, then names where it starts a word,
    # then names holding every word somewhere.
    assert suggested("claude sonnet 4.5") == [
        "claude-sonnet-4-5",
        "claude-sonnet-4-5-thinking",
        "duo-chat-sonnet-4-5",
        "claude-4-5-sonnet",
    ]
    # Where the text starts a word in several names, the earlier it comes the better.
    assert suggested("sonnet 4.5") == [
        "claude-sonnet-4-5",
        "claude-sonnet-4-5-thinking",
        "duo-chat-sonnet-4-5",
        "claude-4-5-sonnet",
    ]
    # A name merely containing the text comes after one where it starts a word.
    new_model("Claudesonnet 4.5 Lite", "claudesonnet-4-5-lite")
    assert suggested("sonnet 4.5")[-2:] == ["claudesonnet-4-5-lite", "claude-4-5-sonnet"]
