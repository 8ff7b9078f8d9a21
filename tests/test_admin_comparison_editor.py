"""The comparison editor before the page exists: its initial widgets, autosave, preview;
the model chooser it uses; the comparison listing; the page search header."""

import json
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from comparisons.blocks import SECTION_BLOCKS
from comparisons.models import ComparisonIndexPage, ComparisonPage, ModelPage
from comparisons.review.stamps import stamp_review
from tests.admin_forms import DEFAULT_ORDER, add_url, comparison_form
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}  # how the editor's autosave posts
STANDARD_HEADINGS = [
    "Verdict", "Decision scorecard", "Decision tradeoffs", "Monthly cost at traffic",
    "Switch friction", "Specs", "Pricing and availability", "Capabilities", "Benchmarks",
    "Deep dive", "FAQ", "Continue comparing",
]  # fmt: skip


def preview_on_add_url() -> str:
    index = ComparisonIndexPage.objects.get()
    return reverse(
        "wagtailadmin_pages:preview_on_add", args=("comparisons", "comparisonpage", index.pk)
    )


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_a_new_page_gives_every_section_widget_a_value(admin_client_logged_in):
    response = admin_client_logged_in.get(add_url())
    stream_value, *_ = json.loads(
        soup(response).find(id="sections")["data-w-block-arguments-value"]
    )
    children = dict(SECTION_BLOCKS)
    assert [block["type"] for block in stream_value] == DEFAULT_ORDER
    for block in stream_value:
        # Every child of the section is there (a missing one reaches its widget as
        # `undefined`: a heading box reading "undefined", a rich-text box that fails).
        assert set(block["value"]) == set(children[block["type"]].child_blocks), block
        assert block["value"]["heading"] in ("", None)
    states = {block["type"]: block["value"] for block in stream_value}
    for name, field in (("verdict", "text"), ("deep_dive", "body")):
        content = json.loads(states[name][field])  # Draftail's editor state: one empty line
        assert [b["text"] for b in content["blocks"]] == [""]


def test_preview_before_the_first_save_shows_the_pair_title_and_standard_headings(
    admin_client_logged_in,
):
    data = comparison_form("gpt-5-1-codex", "codex-1", verdict="<p>Preview verdict.</p>")
    response = admin_client_logged_in.post(preview_on_add_url(), data)
    assert response.status_code == 200
    assert response.json()["is_valid"]
    preview = admin_client_logged_in.get(preview_on_add_url())
    assert preview.status_code == 200
    page = soup(preview)
    assert text_of(page.find("h1")) == "GPT-5.1 Codex vs Codex 1"
    assert page.title.get_text().startswith("GPT-5.1 Codex vs Codex 1")
    assert [text_of(h) for h in page.select("main section > h2")] == STANDARD_HEADINGS
    assert "Preview verdict." in text_of(page.find(id="verdict"))
    assert "Placeholder title" not in preview.content.decode()
    assert not ComparisonPage.objects.filter(model_b__slug="codex-1").exists()


def test_an_editor_title_is_kept_in_preview(admin_client_logged_in):
    data = comparison_form("gpt-5-1-codex", "codex-1")
    data["title"] = "Codex old and new"
    assert admin_client_logged_in.post(preview_on_add_url(), data).json()["is_valid"]
    page = soup(admin_client_logged_in.get(preview_on_add_url()))
    assert text_of(page.find("h1")) == "Codex old and new"


def test_autosave_creates_nothing_until_both_models_are_chosen(admin_client_logged_in):
    before = ComparisonPage.objects.count()
    data = comparison_form("gpt-5-1-codex", "codex-1")
    data["model_b"] = ""
    response = admin_client_logged_in.post(add_url(), data, **JSON)
    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"
    assert ComparisonPage.objects.count() == before

    response = admin_client_logged_in.post(
        add_url(), comparison_form("gpt-5-1-codex", "codex-1"), **JSON
    )
    assert response.status_code == 200 and response.json()["success"]
    page = ComparisonPage.objects.get(pk=response.json()["pk"])
    assert (page.title, page.slug, page.live) == (
        "GPT-5.1 Codex vs Codex 1",
        "gpt-5-1-codex-vs-codex-1",
        False,
    )
    draft = page.get_latest_revision_as_object()
    assert [b.block_type for b in draft.sections] == DEFAULT_ORDER
    assert [b.value.heading_text for b in draft.sections][1:] == STANDARD_HEADINGS


def test_a_preview_racing_the_autosave_answers_without_error(admin_client_logged_in):
    # The autosave has just created the page; a preview sent from the "add" form a moment
    # earlier arrives after it, for the same pair.
    saved = admin_client_logged_in.post(
        add_url(), comparison_form("gpt-5-1-codex", "codex-1"), **JSON
    )
    assert saved.json()["success"]
    response = admin_client_logged_in.post(
        preview_on_add_url(), comparison_form("gpt-5-1-codex", "codex-1")
    )
    assert response.status_code == 200
    assert response.json()["is_valid"] is False
    assert admin_client_logged_in.get(preview_on_add_url()).status_code == 200


def test_a_page_already_at_the_pair_url_is_named_on_the_model_field(admin_client_logged_in):
    # A page whose URL is this pair's although its models are others (for example, saved
    # before a model's slug changed): refused on the second model, not a server error.
    other = ComparisonPage.objects.get(slug="codex-1-vs-qwen3-5-4b")
    ComparisonPage.objects.filter(pk=other.pk).update(slug="gpt-5-1-codex-vs-gpt-oss-120b")
    response = admin_client_logged_in.post(
        add_url(), comparison_form("gpt-5-1-codex", "gpt-oss-120b")
    )
    assert response.status_code == 200
    error = soup(response).find(id="panel-child-content-models_compared-section")
    assert (
        "The URL /compare/gpt-5-1-codex-vs-gpt-oss-120b/ belongs to another page, "
        "“Codex 1 vs Qwen3.5-4B”, which compares other models." in text_of(error)
    )
    assert not ComparisonPage.objects.filter(
        model_a__slug="gpt-5-1-codex", model_b__slug="gpt-oss-120b"
    ).exists()
    preview = admin_client_logged_in.post(
        preview_on_add_url(), comparison_form("gpt-5-1-codex", "gpt-oss-120b")
    )
    assert preview.status_code == 200 and preview.json()["is_valid"] is False


# --- the model chooser -----------------------------------------------------------------


def chooser_rows(client, **params) -> list[dict[str, str]]:
    response = client.get(reverse("model_page_chooser:choose_results"), params)
    assert response.status_code == 200
    table = soup(response).find("table")
    if table is None:
        assert "Sorry, there are no matches" in text_of(soup(response))
        return []
    headers = [text_of(th) for th in table.select("thead th")]
    return [
        dict(zip(headers, (text_of(td) for td in tr.find_all("td")), strict=False))
        for tr in table.select("tbody tr")
    ]


def test_model_fields_use_the_model_chooser(admin_client_logged_in):
    page = soup(admin_client_logged_in.get(add_url()))
    for field in ("model_a", "model_b"):
        chooser = page.find(id=f"id_{field}-chooser")
        assert chooser["data-chooser-url"] == reverse("model_page_chooser:choose")
        assert "Choose a model" in text_of(chooser)


def test_the_chooser_lists_lab_slug_and_status_and_ranks_a_search(admin_client_logged_in):
    twin = ModelPage(title="Codex 1", slug="codex-1-twin", live=False)
    ModelPage.objects.get(slug="codex-1").get_parent().add_child(instance=twin)
    rows = chooser_rows(admin_client_logged_in, q="codex 1")
    # The two models titled "Codex 1" first (told apart by lab, slug and status), then
    # GPT-5.1 Codex, whose slug holds the "1".
    assert [(r["Title"], r["Lab"], r["Slug"], r["Status"]) for r in rows] == [
        ("Codex 1", "OpenAI", "codex-1", "live"),
        ("Codex 1", "—", "codex-1-twin", "draft"),
        ("GPT-5.1 Codex", "OpenAI", "gpt-5-1-codex", "live"),
    ]
    # Every word must match the name, the slug or the lab.
    assert {r["Slug"] for r in chooser_rows(admin_client_logged_in, q="openai codex")} == {
        "codex-1", "gpt-5-1-codex", "gpt-5-2-codex"
    }  # fmt: skip
    assert chooser_rows(admin_client_logged_in, q="alibaba codex") == []


def test_a_chosen_model_is_named_with_its_lab_and_slug(admin_client_logged_in):
    model = ModelPage.objects.get(slug="codex-1")
    response = admin_client_logged_in.get(reverse("model_page_chooser:chosen", args=(model.pk,)))
    assert response.json()["result"]["title"] == "Codex 1 (OpenAI, codex-1)"
    page = ComparisonPage.objects.get(slug="codex-1-vs-qwen3-5-4b")
    edit = soup(admin_client_logged_in.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))))
    assert (
        text_of(edit.select_one("#id_model_a-chooser .chooser__title"))
        == "Codex 1 (OpenAI, codex-1)"
    )


# --- the comparison listing ------------------------------------------------------------


def listing(client, **params) -> dict[str, dict[str, str]]:
    response = client.get(reverse("comparison_pages:index"), params)
    assert response.status_code == 200
    table = soup(response).select_one("table.listing")
    headers = [text_of(th).split(" 1-")[0] for th in table.select("thead th")]
    rows = {}
    for tr in table.select("tbody tr"):
        cells = dict(zip(headers, (text_of(td) for td in tr.find_all("td")), strict=False))
        rows[text_of(tr.select_one("td.title [id$=_title]"))] = cells
    return rows


def test_the_listing_shows_models_and_review_state(admin_client_logged_in):
    dashboard = soup(admin_client_logged_in.get(reverse("wagtailadmin_home")))
    menu = dashboard.find(id="wagtail-sidebar-props").string
    assert '"Comparisons"' in menu and f'"{reverse("comparison_pages:index")}"' in menu

    page = ComparisonPage.objects.get(slug="gpt-5-1-codex-vs-qwen3-5-4b")
    stamp_review(page, note="Checked")
    rows = listing(admin_client_logged_in)
    assert len(rows) == ComparisonPage.objects.count()
    row = rows["GPT-5.1 Codex vs Qwen3.5-4B"]
    assert (row["Model A"], row["Model B"]) == ("GPT-5.1 Codex", "Qwen3.5-4B")
    assert row["Last reviewed"] == timezone.localdate().isoformat()
    assert "Facts changed" not in row["Review status"]

    # A price change on GPT-5.1 Codex makes the reviewed comparison stale.
    model = ModelPage.objects.get(slug="gpt-5-1-codex")
    routes = list(model.routes.all())
    routes[0].input_price += Decimal("0.5")
    model.routes = routes
    model.save_revision().publish()
    row = listing(admin_client_logged_in)["GPT-5.1 Codex vs Qwen3.5-4B"]
    assert "Facts changed" in row["Review status"]
    # The demo data's historical review.
    assert rows["gpt-oss-120b vs Qwen3.5-4B"]["Last reviewed"] == "2026-05-14"


def test_the_listing_filters_by_either_model_by_name_or_slug(admin_client_logged_in):
    assert set(listing(admin_client_logged_in, model="gpt-oss")) == {"gpt-oss-120b vs Qwen3.5-4B"}
    assert set(listing(admin_client_logged_in, model="codex-1")) == {"Codex 1 vs Qwen3.5-4B"}
    assert len(listing(admin_client_logged_in, model="qwen3-5-4b")) == 5
    response = admin_client_logged_in.get(reverse("comparison_pages:index"))
    box = soup(response).find("input", attrs={"name": "model"})
    assert box is not None and box.get("type") == "text"  # not a list of every model


def test_page_search_header_names_what_it_counts(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("wagtailadmin_pages:search"), {"q": "codex"})
    header = text_of(soup(response).select_one("thead th.title"))
    assert re.search(r"1-\d+ of \d+ pages$", header), header
    assert "None" not in header
