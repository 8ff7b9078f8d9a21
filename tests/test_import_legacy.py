"""The legacy page importer: the five seed pages, the conflict report, re-imports and the
pages' owners and history.

Expectations are read from the fixture files as a reader would (the text lines, the HTML
tables) and from the demo data through the facts loader, not from the importer's code.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision

from comparisons.engine import formatting as fmt
from comparisons.facts import load_model_facts
from comparisons.models import (
    Capability,
    ComparisonPage,
    ModelIndexPage,
    ModelPage,
    Provider,
    ProviderRoute,
)
from comparisons.review.setup import EDITORS
from tests.admin_forms import comparison_form
from tests.helpers import section, text_of
from tests.legacy_import import (
    FIXTURES,
    PAGES,
    counts,
    failed_run,
    files,
    latest_run,
    messages,
    pair_page,
    prose_of,
    run,
    seed_prose,
    started,
)

pytest_plugins = ["tests.legacy_import_fixtures"]

pytestmark = pytest.mark.django_db


# --- reading the fixtures as a reader would ----------------------------------------------


def html_rows(stem: str) -> dict[tuple[str, str], list[str]]:
    """{(section heading, row label): [cell A, cell B]} from the HTML page's tables."""
    soup = BeautifulSoup((FIXTURES / f"{stem}.html").read_bytes(), "html.parser")
    rows = {}
    for tr in soup.select("tbody tr"):
        heading = text_of(tr.find_previous("h2"))
        rows[(heading, text_of(tr.find("th")))] = [text_of(td) for td in tr.find_all("td")]
    return rows


def words(text: str) -> set[str]:
    return {w.strip().casefold() for w in re.split(r",\s*(?:and\s+)?|\s+and\s+", text) if w}


def expected_conflicts(stem: str) -> set[str]:
    """What the page's tables say that the demo data contradicts, for the facts a reader
    compares first: decision fit, context window, release date, licence, capabilities."""
    rows = html_rows(stem)
    slugs = [
        ModelPage.objects.get(title__iexact=n).pk for n in seed_prose(stem)["title"].split(" vs ")
    ]
    facts = load_model_facts(slugs)
    models = [facts[pk] for pk in slugs]
    capabilities = {c.name: c.slug for c in Capability.objects.all()}
    out = set()
    for (heading, label), cells in rows.items():
        for m, cell in zip(models, cells, strict=False):
            if cell in ("-", "—", ""):
                continue
            if label == "Decision fit" and words(cell) != words(", ".join(m.tag_names)):
                page = ", ".join(re.split(r",\s*(?:and\s+)?|\s+and\s+", cell))
                out.add(
                    f"{m.name} decision fit: page says {page}; data says {', '.join(m.tag_names)}"
                )
            if label == "Context window" and cell.upper() != fmt.tokens(m.context_window):
                out.add(
                    f"{m.name} context window: page says {cell}; data says {fmt.tokens(m.context_window)}"
                )
            if label == "Released" and cell != fmt.iso_date(m.release_date):
                out.add(f"{m.name} release date: page says {cell}; data says {m.release_date}")
            if label == "License" and not cell.startswith(m.licence.name):
                out.add(f"{m.name} licence: page says {cell}; data says {m.licence.label}")
            if heading == "Capabilities" and (cell == "Yes") != m.supports(capabilities[label]):
                ours = {True: "Yes", False: "No"}[m.supports(capabilities[label])]
                out.add(f"{m.name} {label}: page says {cell}; data says {ours}")
    return out


# --- the five seed pages -----------------------------------------------------------------


@pytest.mark.parametrize("ext", ["txt", "html"])
def test_seed_pages_become_drafts_with_their_prose_and_review_dates(no_comparisons, ext):
    output = run(*files(ext))
    assert "5 pages: 5 created, 0 updated, 0 unchanged" in output
    for stem in PAGES:
        seed, page = seed_prose(stem), pair_page(stem)
        assert page.title == seed["title"]
        assert page.url_path.endswith(f"/compare/{stem}/")
        assert not page.live and page.has_unpublished_changes
        assert prose_of(page) == {
            "verdict": seed["verdict"],
            "deep_dive": seed["deep_dive"],
            "faq": seed["faq"],
        }
        stamp = page.review_stamps.get()
        assert stamp.reviewed_on.isoformat() == seed["reviewed"]
        assert stamp.reviewer is None and "legacy page" in stamp.note
        assert f"{stem}.{ext}: “{seed['title']}” created as a draft" in output
    # The models all exist already: matched, none created.
    assert ModelPage.objects.count() == 6
    assert "matched by slug “qwen3-5-4b”" in output


def test_editors_see_the_historical_date_and_readers_get_it_on_publishing(
    no_comparisons, admin_client_logged_in, soup_of
):
    stem = "gpt-4-vision-preview-vs-qwen3-5-4b"
    run(FIXTURES / f"{stem}.html")
    page = pair_page(stem)
    edit = admin_client_logged_in.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    status = BeautifulSoup(edit.content, "html.parser").select_one("[data-review-status]")
    assert "Last reviewed 2026-05-19" in text_of(status)

    page.get_latest_revision().publish()
    soup = soup_of(f"/compare/{stem}/")
    assert text_of(soup.select_one("#last-reviewed time")) == "2026-05-19"
    assert text_of(section(soup, "verdict")).endswith(seed_prose(stem)["verdict"])


def test_html_and_text_of_the_same_page_are_one_import(no_comparisons):
    run(*files("txt"))
    revisions = Revision.objects.count()
    output = run(*files("html"))
    assert "5 pages: 0 created, 0 updated, 5 unchanged" in output
    assert Revision.objects.count() == revisions
    assert ComparisonPage.objects.count() == 5


def test_legacy_markup_is_sanitised(no_comparisons):
    run(FIXTURES / "gpt-5-2-codex-vs-qwen3-5-4b.html")
    blocks = {
        b.block_type: b.value for b in pair_page(PAGES[0]).get_latest_revision_as_object().sections
    }
    stored = str(blocks["verdict"]["text"].source) + str(blocks["deep_dive"]["body"].source)
    stored += "".join(str(item["answer"].source) for item in blocks["faq"]["items"])
    for unsafe in (
        "<script",
        "onclick",
        "onerror",
        "style=",
        "javascript:",
        "<img",
        "<span",
        "<!--",
    ):
        assert unsafe not in stored
    assert "reasoning mode: GPT-5.2 Codex" in stored  # the unsafe link's words stay


def test_safe_formatting_is_kept_per_section(no_comparisons, tmp_path):
    html = (FIXTURES / "codex-1-vs-qwen3-5-4b.html").read_text()
    html = html.replace(
        "<p>Treat this as a product-type comparison: Codex 1",
        '<p>Treat <strong>this</strong> as a <a href="https://example.com/types">product-type</a>'
        " comparison: Codex 1",
        1,
    ).replace("<h2>Deep dive</h2>", "<h2>Deep dive</h2><h3>Capabilities</h3>")
    (tmp_path / "codex.html").write_text(html)
    run(tmp_path / "codex.html")
    blocks = {
        b.block_type: b.value for b in pair_page(PAGES[2]).get_latest_revision_as_object().sections
    }
    verdict = str(blocks["verdict"]["text"].source)
    assert verdict.startswith('<p>Treat <b>this</b> as a <a href="https://example.com/types">')
    assert str(blocks["deep_dive"]["body"].source).startswith("<h3>Capabilities</h3><p>")


# --- the conflict report -----------------------------------------------------------------


def test_qwen_decision_fit_example():
    qwen = load_model_facts([ModelPage.objects.get(slug="qwen3-5-4b").pk]).popitem()[1]
    assert qwen.tag_names == ("Long context", "Vision")  # the demo data bears it out
    output = run(FIXTURES / "gpt-5-2-codex-vs-qwen3-5-4b.txt", dry_run=True)
    assert (
        "conflict: Qwen3.5-4B decision fit: page says Coding, Agents, Long context; "
        "data says Long context, Vision"
    ) in output


@pytest.mark.parametrize("stem", PAGES)
def test_conflicts_are_exactly_what_the_data_contradicts(stem):
    run(FIXTURES / f"{stem}.html")
    assert set(messages("conflict")) == expected_conflicts(stem)
    # Facts the page agrees on are not reported, and the seeds state nothing we lack.
    assert not [m for m in messages("warning") if "not in our data" in m]


def test_a_price_our_data_changed_is_a_conflict_on_that_route():
    page = ModelPage.objects.get(slug="gpt-5-1-codex")
    route = page.routes.get()
    route.input_price = "1.00"
    route.save()
    page.save_revision().publish()
    run(FIXTURES / "gpt-5-1-codex-vs-qwen3-5-4b.txt")
    assert (
        "GPT-5.1 Codex input price (Vercel AI Gateway): page says $1.25/1M tokens; "
        "data says $1/1M tokens"
    ) in messages("conflict")


def test_a_route_count_is_one_rule_for_the_table_and_the_prose():
    """The table's "Provider routes" row and the deep dive's "1 tracked routes versus 0"
    state the same fact; with a second route on the model, both are conflicts."""
    page = ModelPage.objects.get(slug="gpt-5-1-codex")
    draft = page.get_latest_revision_as_object()
    (route,) = draft.routes.all()
    extra = ProviderRoute(
        provider=Provider.objects.exclude(pk=route.provider_id).first(),
        input_price=Decimal("1.30"),
        output_price=Decimal("10.50"),
    )
    draft.routes = [route, extra]
    draft.save_revision().publish()
    run(FIXTURES / "gpt-5-1-codex-vs-qwen3-5-4b.txt")
    conflicts = messages("conflict")
    assert "GPT-5.1 Codex provider routes: page says 1 tracked; data says 2 tracked" in conflicts
    assert (
        "Imported prose contradicts our data: Deep dive: “Provider availability is 1 tracked "
        "routes versus 0.” says 1 provider route for GPT-5.1 Codex; data says GPT-5.1 Codex has "
        "2 tracked routes."
    ) in conflicts


def test_facts_our_data_lacks_are_reported_as_not_in_our_data(tmp_path):
    text = (FIXTURES / "gpt-5-1-codex-vs-qwen3-5-4b.txt").read_text()
    text = text.replace(
        "| Knowledge cutoff | 2024-09 | - |", "| Knowledge cutoff | 2024-09 | 2025-12 |"
    )
    text = text.replace("| Context window | 400K | 262K |", "| Context window | 400K | 128K |")
    (tmp_path / "page.txt").write_text(text)
    run(tmp_path / "page.txt")
    assert "Qwen3.5-4B knowledge cutoff: page says 2025-12; not in our data" in messages("warning")
    assert "Qwen3.5-4B context window: page says 128K; data says 262K" in messages("conflict")


def test_a_new_model_is_created_as_a_draft_and_all_its_facts_are_missing(tmp_path):
    text = (FIXTURES / "codex-1-vs-qwen3-5-4b.txt").read_text().replace("Codex 1", "Codex Mini 9")
    (tmp_path / "mini.txt").write_text(text)
    output = run(tmp_path / "mini.txt")
    model = ModelPage.objects.get(title="Codex Mini 9")
    assert model.slug == "codex-mini-9" and not model.live
    assert model.get_parent().specific_class is ModelIndexPage
    assert (model.context_window, model.release_date, model.routes.count()) == (None, None, 0)
    assert "model A: Codex Mini 9: created as a draft model page" in output
    missing = messages("warning")
    assert "Codex Mini 9 release date: page says 2025-05-16; not in our data" in missing
    assert (
        "Codex Mini 9 decision fit: page says Coding, Agents, Long context; not in our data"
        in missing
    )
    page = ComparisonPage.objects.get(model_a=model)
    assert page.title == "Codex Mini 9 vs Qwen3.5-4B" and not page.live


def test_models_match_by_title_case_insensitively_or_by_catalogue_key(tmp_path):
    qwen = ModelPage.objects.get(slug="qwen3-5-4b")
    qwen.catalogue_key = "alibaba/qwen3.5-4b-instruct"
    qwen.save()
    codex = ModelPage.objects.get(slug="codex-1")
    codex.title = "OpenAI Codex One"
    codex.save()
    text = (FIXTURES / "codex-1-vs-qwen3-5-4b.txt").read_text()
    text = text.replace("Codex 1", "openai codex one").replace("Qwen3.5-4B", "qwen3.5-4b-instruct")
    (tmp_path / "renamed.txt").write_text(text)
    output = run(tmp_path / "renamed.txt")
    assert "model A: openai codex one: matched by title" in output
    assert (
        "model B: qwen3.5-4b-instruct: matched by catalogue key “alibaba/qwen3.5-4b-instruct”"
        in output
    )
    assert ModelPage.objects.count() == 6


# --- re-importing ------------------------------------------------------------------------


def test_reimport_updates_the_same_draft_and_only_when_something_changed(no_comparisons, tmp_path):
    path = tmp_path / "gpt-oss.txt"
    original = (FIXTURES / "gpt-oss-120b-vs-qwen3-5-4b.txt").read_text()
    path.write_text(original)
    run(path)
    page = pair_page(PAGES[4])
    revisions = page.revisions.count()

    assert "1 page: 0 created, 0 updated, 1 unchanged" in run(path)
    assert page.revisions.count() == revisions

    path.write_text(
        original.replace("when provider fit matters", "when broad provider choice matters")
    )
    output = run(path)
    assert "1 page: 0 created, 1 updated, 0 unchanged" in output
    assert ComparisonPage.objects.count() == 1
    assert page.revisions.count() == revisions + 1
    page.refresh_from_db()
    assert prose_of(page)["verdict"].endswith("when broad provider choice matters.")
    changed = latest_run().entries("changed")
    assert [(e["field"], e["subject"]) for e in changed] == [("verdict", page.title)]
    assert changed[0]["old"].endswith("when provider fit matters.")


def test_reimport_finds_the_pair_in_either_order(no_comparisons, tmp_path):
    run(FIXTURES / "gpt-5-1-codex-vs-qwen3-5-4b.txt")
    text = (FIXTURES / "gpt-5-1-codex-vs-qwen3-5-4b.txt").read_text()
    swapped = text.replace("GPT-5.1 Codex vs Qwen3.5-4B", "Qwen3.5-4B vs GPT-5.1 Codex", 1)
    (tmp_path / "swapped.txt").write_text(swapped)
    output = run(tmp_path / "swapped.txt")
    assert "1 page: 0 created, 0 updated, 1 unchanged" in output
    assert ComparisonPage.objects.count() == 1
    # The columns are read by their headers, so the facts stay with the right model.
    assert not messages("conflict")


def test_a_published_page_gets_a_draft_revision_and_a_warning(soup_of):
    stem = "gpt-5-2-codex-vs-qwen3-5-4b"
    page = pair_page(stem)
    live_verdict = text_of(section(soup_of(f"/compare/{stem}/"), "verdict"))
    output = run(FIXTURES / f"{stem}.txt")
    page.refresh_from_db()
    assert page.live and page.has_unpublished_changes
    assert "is published: the import is saved as a new draft revision" in output
    assert prose_of(page)["verdict"] == seed_prose(stem)["verdict"]
    # Readers keep the reviewed, published version until the draft is reviewed.
    assert text_of(section(soup_of(f"/compare/{stem}/"), "verdict")) == live_verdict
    # Same review date as the demo stamp: nothing to add.
    assert page.review_stamps.count() == 1


def test_a_published_page_keeps_its_review_date(tmp_path):
    stem = "codex-1-vs-qwen3-5-4b"
    text = (FIXTURES / f"{stem}.txt").read_text().replace("2026-05-19", "2026-06-30")
    (tmp_path / "later.txt").write_text(text)
    output = run(tmp_path / "later.txt")
    page = pair_page(stem)
    assert [s.reviewed_on.isoformat() for s in page.review_stamps.all()] == ["2026-05-19"]
    assert "is published, so its review date (2026-05-19) stays" in output


def test_a_newer_legacy_date_on_a_draft_adds_a_stamp_without_a_revision(no_comparisons, tmp_path):
    stem = "codex-1-vs-qwen3-5-4b"
    run(FIXTURES / f"{stem}.txt")
    page = pair_page(stem)
    revisions = page.revisions.count()
    text = (FIXTURES / f"{stem}.txt").read_text().replace("2026-05-19", "2026-06-30")
    (tmp_path / "later.txt").write_text(text)
    assert "1 page: 0 created, 1 updated, 0 unchanged" in run(tmp_path / "later.txt")
    assert page.revisions.count() == revisions
    assert page.review_stamps.latest().reviewed_on.isoformat() == "2026-06-30"
    [changed] = latest_run().entries("changed")
    assert (changed["field"], changed["old"], changed["new"]) == (
        "last reviewed",
        "2026-05-19",
        "2026-06-30",
    )


def test_a_later_review_here_is_not_overridden_by_the_legacy_date(no_comparisons):
    run(FIXTURES / "codex-1-vs-qwen3-5-4b.txt")
    page = pair_page(PAGES[2])
    stamp = page.review_stamps.get()
    stamp.reviewed_on = stamp.reviewed_on.replace(month=10)
    stamp.save()
    output = run(FIXTURES / "codex-1-vs-qwen3-5-4b.txt")
    assert "it was reviewed here on 2026-10-19, and that later date stands" in output
    assert page.review_stamps.count() == 1


# --- re-imports and runs that would contradict themselves --------------------------------


def test_reimport_after_an_editor_saved_the_page_unchanged_adds_no_revision(
    no_comparisons, client, user_in
):
    stem = PAGES[0]
    run(FIXTURES / f"{stem}.txt")
    page = pair_page(stem)
    blocks = {b.block_type: b.value for b in page.get_latest_revision_as_object().sections}
    form = comparison_form(
        page.model_a.slug,
        page.model_b.slug,
        verdict=blocks["verdict"]["text"].source,
        deep_dive=blocks["deep_dive"]["body"].source,
        faq=[(i["question"], i["answer"].source) for i in blocks["faq"]["items"]],
    )
    user_in(EDITORS)
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), form)
    assert response.status_code == 302
    page.refresh_from_db()
    stored = str(page.get_latest_revision().content["sections"])
    assert "data-block-key" in stored  # what the editor's save stores
    revisions = page.revisions.count()
    assert "1 page: 0 created, 0 updated, 1 unchanged" in run(FIXTURES / f"{stem}.txt")
    assert page.revisions.count() == revisions


@pytest.mark.parametrize("second", ["the same file again", "the pair the other way round"])
def test_the_same_pair_twice_in_one_run_is_refused_naming_both_files(
    no_comparisons, tmp_path, second
):
    text = (FIXTURES / "codex-1-vs-qwen3-5-4b.txt").read_text()
    if second == "the pair the other way round":
        text = text.replace("Codex 1 vs Qwen3.5-4B", "Qwen3.5-4B vs Codex 1", 1)
    (tmp_path / "copy.txt").write_text(text)
    before = counts()
    with pytest.raises(CommandError) as caught:
        run(FIXTURES / "codex-1-vs-qwen3-5-4b.txt", tmp_path / "copy.txt")
    title = "Codex 1 vs Qwen3.5-4B" if second == "the same file again" else "Qwen3.5-4B vs Codex 1"
    assert str(caught.value) == (
        f"Nothing was imported: copy.txt: “{title}” compares the same two models as "
        "codex-1-vs-qwen3-5-4b.txt in this run (in either order); import one of the two files."
    )
    failed_run(before, "compares the same two models as codex-1-vs-qwen3-5-4b.txt")


def test_a_legacy_page_without_a_section_keeps_the_pages_section(no_comparisons, tmp_path):
    stem = PAGES[0]
    run(FIXTURES / f"{stem}.txt")
    page = pair_page(stem)
    kept = prose_of(page)
    text = (FIXTURES / f"{stem}.txt").read_text()
    deep_dive = text[text.index("\nDeep dive\n") : text.index("\nFAQ\n")]
    text = text.replace(deep_dive, "").replace(
        "when vision-heavy evaluation", "when vision-heavy evaluation work"
    )
    text = text.replace("Choose based on workflow fit", "Choose by workflow fit")
    (tmp_path / "no-deep-dive.txt").write_text(text)
    output = run(tmp_path / "no-deep-dive.txt")
    assert "1 page: 0 created, 1 updated" in output
    assert "warning: No deep dive found on the page; the page's deep dive is kept." in output
    page.refresh_from_db()
    assert prose_of(page)["deep_dive"] == kept["deep_dive"]
    assert prose_of(page)["verdict"].endswith(
        "Choose by workflow fit before reading any benchmark or price row as decisive."
    )
    assert [e["field"] for e in latest_run().entries("changed")] == ["verdict"]


def test_a_new_page_without_a_section_says_it_is_left_empty(no_comparisons, tmp_path):
    text = (FIXTURES / f"{PAGES[0]}.txt").read_text()
    text = text.replace(text[text.index("\nDeep dive\n") : text.index("\nFAQ\n")], "")
    (tmp_path / "no-deep-dive.txt").write_text(text)
    assert "warning: No deep dive found on the page; that section is left empty." in run(
        tmp_path / "no-deep-dive.txt"
    )


# --- owners and the page history ---------------------------------------------------------


def test_created_pages_belong_to_the_importer_and_log_as_the_admin_does(
    no_comparisons, client, user_in, tmp_path
):
    editor = user_in(EDITORS)
    text = (FIXTURES / "codex-1-vs-qwen3-5-4b.txt").read_text().replace("Codex 1", "Codex Mini 9")
    data = SimpleUploadedFile("mini.txt", text.encode())
    started(client, [data])
    page = ComparisonPage.objects.get()
    model = ModelPage.objects.get(title="Codex Mini 9")
    for created in (page, model):
        assert created.owner == editor
        entries = PageLogEntry.objects.filter(page=created).order_by("pk")
        actions = list(entries.values_list("action", "user"))
        assert actions == [("wagtail.create", editor.pk), ("wagtail.edit", editor.pk)]

    changed = text.replace("Choose based on workflow fit", "Choose by workflow fit")
    started(client, [SimpleUploadedFile("mini.txt", changed.encode())])
    page.refresh_from_db()
    edits = PageLogEntry.objects.filter(page=page, action="wagtail.edit").order_by("pk")
    assert [(e.user, e.revision) for e in edits][-1] == (editor, page.get_latest_revision())
    assert edits.count() == 2  # the creation's revision, then the update's
