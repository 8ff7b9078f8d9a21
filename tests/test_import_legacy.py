"""The legacy page importer: `manage.py import_legacy_pages` and the admin's upload view.

Expectations are read from the fixture files as a reader would (the text lines, the HTML
tables) and from the demo data through the facts loader, not from the importer's code.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, PageLogEntry, Revision

from comparisons.engine import formatting as fmt
from comparisons.facts import load_model_facts
from comparisons.models import (
    Capability,
    ComparisonPage,
    ImportRun,
    ModelIndexPage,
    ModelPage,
    Provider,
    ProviderRoute,
    ReviewStamp,
)
from comparisons.review.setup import EDITORS, REVIEWERS
from tests.admin_forms import comparison_form
from tests.helpers import section, text_of

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"
PAGES = [
    "gpt-5-2-codex-vs-qwen3-5-4b",
    "gpt-5-1-codex-vs-qwen3-5-4b",
    "codex-1-vs-qwen3-5-4b",
    "gpt-4-vision-preview-vs-qwen3-5-4b",
    "gpt-oss-120b-vs-qwen3-5-4b",
]


# --- reading the fixtures as a reader would ---------------------------------------------


def seed_prose(stem: str) -> dict:
    """Title, verdict, deep dive, FAQ and review date, read from the text file's lines."""
    lines = [line.strip() for line in (FIXTURES / f"{stem}.txt").read_text().splitlines()]
    lines = [line for line in lines if line]
    title_at = next(i for i, line in enumerate(lines) if " vs " in line)
    between = lambda start, end: lines[lines.index(start) + 1 : lines.index(end)]  # noqa: E731
    faq = between("FAQ", "Continue comparing")
    return {
        "title": lines[title_at],
        "verdict": lines[title_at + 2],  # after the generated intro
        "deep_dive": between("Deep dive", "FAQ"),
        "faq": list(zip(faq[::2], faq[1::2], strict=True)),
        "reviewed": re.search(r"Last reviewed: (\d{4}-\d{2}-\d{2})", lines[-1])[1],
    }


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


# --- running the importer ---------------------------------------------------------------


def run(*paths: Path | str, dry_run: bool = False) -> str:
    out = io.StringIO()
    call_command("import_legacy_pages", *map(str, paths), dry_run=dry_run, stdout=out)
    return out.getvalue()


def files(ext: str) -> list[Path]:
    return [FIXTURES / f"{stem}.{ext}" for stem in PAGES]


def latest_run() -> ImportRun:
    return ImportRun.objects.filter(kind=ImportRun.Kind.LEGACY).latest("started_at", "pk")


def messages(kind: str, run: ImportRun | None = None) -> list[str]:
    return [entry["message"] for entry in (run or latest_run()).entries(kind)]


def prose_of(page: ComparisonPage) -> dict:
    """What an editor finds in the page's editable sections (its latest revision)."""
    blocks = {b.block_type: b.value for b in page.get_latest_revision_as_object().sections}
    text = lambda html: BeautifulSoup(str(html), "html.parser")  # noqa: E731
    return {
        "verdict": text_of(text(blocks["verdict"]["text"].source)),
        "deep_dive": [text_of(p) for p in text(blocks["deep_dive"]["body"].source).find_all("p")],
        "faq": [(i["question"], text_of(text(i["answer"].source))) for i in blocks["faq"]["items"]],
    }


def pair_page(stem: str) -> ComparisonPage:
    a, b = seed_prose(stem)["title"].split(" vs ")
    return ComparisonPage.objects.get(model_a__title__iexact=a, model_b__title__iexact=b)


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "stamps": ReviewStamp.objects.count(),
        "runs": ImportRun.objects.count(),
        "models": ModelPage.objects.count(),
    }


@pytest.fixture
def no_comparisons():
    """The demo site without its five comparison pages: the seeds come in as new drafts."""
    for page in ComparisonPage.objects.all():
        page.delete()


# --- the five seed pages ------------------------------------------------------------------


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


# --- the conflict report ------------------------------------------------------------------


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


# --- re-importing -------------------------------------------------------------------------


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


# --- dry run, the import log, bad input ----------------------------------------------------


def test_dry_run_prints_the_report_and_writes_nothing(no_comparisons):
    before = counts()
    output = run(*files("txt"), dry_run=True)
    assert counts() == before
    assert ComparisonPage.objects.count() == 0
    assert output.strip().endswith(
        "Dry run, nothing saved. 5 pages: 5 created, 0 updated, 0 unchanged; 2 conflicts, 4 warnings."
    )


def test_the_run_is_recorded_in_the_import_log(no_comparisons):
    run(*files("html"))
    log = latest_run()
    assert (log.kind, log.user, log.dry_run) == ("legacy", None, False)
    assert log.source == ", ".join(f"{stem}.html" for stem in PAGES)
    assert log.summary == "5 pages: 5 created, 0 updated, 0 unchanged; 2 conflicts, 4 warnings."
    for kind in ("added", "changed", "conflict", "warning"):
        assert getattr(
            log, {"conflict": "conflicts", "warning": "warnings"}.get(kind, kind)
        ) == len(log.entries(kind))
    assert log.added == 10  # five pages and their five review dates
    assert set(log.report[0]) >= {"kind", "subject", "field", "old", "new", "message"}
    conflict = log.entries("conflict")[0]
    assert (conflict["subject"], conflict["field"], conflict["page"]) == (
        "Qwen3.5-4B",
        "decision fit",
        "gpt-5-2-codex-vs-qwen3-5-4b.html",
    )
    assert (conflict["old"], conflict["new"]) == (
        "Long context, Vision",
        "Coding, Agents, Long context",
    )


BAD_INPUT = [
    ("missing.txt", None, "missing.txt: the file cannot be read (No such file or directory)"),
    ("empty.txt", "", "empty.txt: the file is empty"),
    ("notes.txt", "Groceries\nMilk\n", "notes.txt: this is not a comparison page"),
    ("page.docx", "GPT-5.2 Codex vs Qwen3.5-4B", "page.docx: unsupported file type “.docx”"),
    ("untitled.html", "<h2>Deep dive</h2><p>Text.</p>", "untitled.html: the page has no “Model A vs Model B” title"),
    ("half.txt", "Codex 1 vs\nDeep dive\nText.", "half.txt: the title “Codex 1 vs” does not name two models"),
    ("date.txt", "Codex 1 vs Qwen3.5-4B\nFAQ\nWhy?\nBecause.\nLast reviewed: 19/05/2026.", "date.txt: the “Last reviewed” date “19/05/2026” is not a date"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUT)
def test_bad_input_is_a_clear_error_and_nothing_is_written(tmp_path, name, content, message):
    bad = tmp_path / name
    if content is not None:
        bad.write_text(content)
    before = counts()
    with pytest.raises(CommandError) as caught:
        # A good page in the same run is not imported either: all or nothing.
        run(FIXTURES / "codex-1-vs-qwen3-5-4b.txt", bad)
    assert message in str(caught.value)
    assert str(caught.value).startswith("Nothing was imported")
    assert counts() == before


def test_a_failure_while_writing_rolls_back_the_whole_run(no_comparisons, tmp_path):
    index = ModelIndexPage.objects.get()
    for slug in ("twin-a", "twin-b"):
        index.add_child(instance=ModelPage(title="Twin Model", slug=slug))
    text = (FIXTURES / "codex-1-vs-qwen3-5-4b.txt").read_text().replace("Codex 1", "Twin Model")
    (tmp_path / "twin.txt").write_text(text)
    before = counts()
    with pytest.raises(CommandError, match="“Twin Model” matches several model pages"):
        run(FIXTURES / "gpt-oss-120b-vs-qwen3-5-4b.txt", tmp_path / "twin.txt")
    assert counts() == before
    assert ComparisonPage.objects.count() == 0


# --- the admin view -----------------------------------------------------------------------


def upload(stem: str, ext: str = "txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{stem}.{ext}", (FIXTURES / f"{stem}.{ext}").read_bytes())


@pytest.fixture
def user_in(django_user_model, client):
    def login(*groups: str):
        user = django_user_model.objects.create_user("u-" + "-".join(groups), password="pw-123456")
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        client.force_login(user)
        return user

    return login


def import_url() -> str:
    return reverse("comparisons_legacy_import")


def report_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("groups", [(REVIEWERS,), ()])
def test_only_users_who_can_run_imports_and_add_comparisons_may_import(client, user_in, groups):
    user = user_in(*groups)
    if not groups:  # admin access, and nothing else
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    before = counts()
    for response in (
        client.get(import_url()),
        client.post(import_url(), {"files": [upload(PAGES[0])]}),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert counts() == before
    assert import_url() not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_editors_find_the_view_in_the_menu_with_a_file_form(client, user_in):
    user_in(EDITORS)
    assert import_url() in client.get(reverse("wagtailadmin_home")).content.decode()
    soup = report_of(client.get(import_url()))
    form = soup.select_one("form#w-editor-form")
    assert form["enctype"] == "multipart/form-data"
    assert form.select_one("input[type=file][name=files][multiple]")
    assert form.select_one("input[type=checkbox][name=dry_run]")


def test_admin_dry_run_shows_the_report_and_saves_nothing(client, user_in, no_comparisons):
    user_in(EDITORS)
    before = counts()
    response = client.post(
        import_url(), {"files": [upload(PAGES[0]), upload(PAGES[4], "html")], "dry_run": "on"}
    )
    soup = report_of(response)
    assert counts() == before
    assert "Dry run, nothing saved. 2 pages: 2 created" in text_of(
        soup.select_one("[data-import-summary]")
    )
    first = soup.select_one(f'[data-import-page="{PAGES[0]}.txt"]')
    assert first["data-action"] == "created"
    conflicts = [text_of(tr) for tr in first.select('tr[data-entry-kind="conflict"]')]
    assert conflicts == [
        "Conflict Qwen3.5-4B decision fit: page says Coding, Agents, Long context; "
        "data says Long context, Vision"
    ]
    assert not soup.select("[data-import-page] a[href*='/pages/']")  # nothing to edit yet


def test_admin_import_creates_drafts_and_logs_the_editor(client, user_in, no_comparisons):
    editor = user_in(EDITORS)
    soup = report_of(client.post(import_url(), {"files": [upload(PAGES[3], "html")]}))
    page = pair_page(PAGES[3])
    assert not page.live
    assert page.get_latest_revision().user == editor
    link = soup.select_one(f'[data-import-page="{PAGES[3]}.html"] a')
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    log = latest_run()
    assert (log.user, log.dry_run, log.added) == (editor, False, 2)


def test_admin_shows_bad_files_and_saves_nothing(client, user_in):
    user_in(EDITORS)
    before = counts()
    bad = SimpleUploadedFile("notes.txt", b"Groceries\nMilk\n")
    soup = report_of(client.post(import_url(), {"files": [upload(PAGES[1]), bad]}))
    errors = [text_of(li) for li in soup.select(".messages li.error")]
    assert errors == [
        "Nothing was imported: notes.txt: this is not a comparison page: it has no “Model A vs "
        "Model B” title and none of the comparison sections (Verdict, Deep dive, FAQ, Specs, ...)"
    ]
    assert not soup.select("[data-import-report]")
    assert counts() == before


def test_editors_read_the_legacy_run_in_the_import_log(client, user_in, no_comparisons):
    user_in(EDITORS)
    client.post(import_url(), {"files": [upload(PAGES[2])]})
    response = client.get(reverse("comparisons_import_log:inspect", args=(latest_run().pk,)))
    rows = [text_of(tr) for tr in report_of(response).select("table.import-report tbody tr")]
    assert any(
        "Qwen3.5-4B decision fit: page says Coding, Agents, Long context; data says Long context, "
        "Vision" in row
        for row in rows
    )


# --- pages editors could not change now, and the people who may import ---------------------


def in_review(page: ComparisonPage, user) -> None:
    page.get_workflow().start(page, user)
    assert page.workflow_in_progress


@pytest.mark.parametrize("how", ["command", "admin"])
def test_a_page_in_review_is_not_changed(client, user_in, how, tmp_path):
    stem = "codex-1-vs-qwen3-5-4b"
    page = pair_page(stem)
    editor = user_in(EDITORS)
    in_review(page, editor)
    text = (FIXTURES / f"{stem}.txt").read_text().replace("Treat this", "Now treat this")
    (tmp_path / f"{stem}.txt").write_text(text)
    before = counts()
    problem = (
        f"{stem}.txt: “Codex 1 vs Qwen3.5-4B” is in review (“Fact check” of “Editorial "
        "review”): an import would change the page under review. Import it once the review "
        "is finished or cancelled."
    )
    if how == "command":
        with pytest.raises(CommandError) as caught:
            run(FIXTURES / "gpt-oss-120b-vs-qwen3-5-4b.txt", tmp_path / f"{stem}.txt")
        assert str(caught.value) == f"Nothing was imported: {problem}"
    else:
        data = SimpleUploadedFile(f"{stem}.txt", text.encode())
        soup = report_of(client.post(import_url(), {"files": [data]}))
        assert [text_of(li) for li in soup.select(".messages li.error")] == [
            f"Nothing was imported: {problem}"
        ]
    assert counts() == before
    assert page.get_latest_revision() == page.current_workflow_task_state.revision


def test_a_page_locked_by_someone_else_is_not_changed(client, user_in, django_user_model):
    stem = "codex-1-vs-qwen3-5-4b"
    page = pair_page(stem)
    holder = django_user_model.objects.create_user("lena", password="pw-123456", first_name="Lena")
    page.locked, page.locked_by, page.locked_at = True, holder, timezone.now()
    page.save()
    before = counts()
    message = (
        "“Codex 1 vs Qwen3.5-4B” is locked by Lena: only they can change it while it is locked."
    )
    with pytest.raises(CommandError, match=re.escape(f"{stem}.txt: {message}")):
        run(FIXTURES / f"{stem}.txt")  # the command has no user: nobody holds its lock
    user_in(EDITORS)
    soup = report_of(client.post(import_url(), {"files": [upload(stem)]}))
    assert [text_of(li) for li in soup.select(".messages li.error")] == [
        f"Nothing was imported: {stem}.txt: {message}"
    ]
    assert counts() == before


def test_the_lock_holder_may_import_into_their_locked_page(client, user_in):
    stem = "codex-1-vs-qwen3-5-4b"
    page = pair_page(stem)
    editor = user_in(EDITORS)
    page.locked, page.locked_by, page.locked_at = True, editor, timezone.now()
    page.save()
    report_of(client.post(import_url(), {"files": [upload(stem)]}))
    assert latest_run().summary.startswith("1 page: 0 created, 1 updated")


def test_a_page_scheduled_for_publishing_is_not_changed():
    stem = "codex-1-vs-qwen3-5-4b"
    page = pair_page(stem)
    page.go_live_at = timezone.now() + timedelta(days=1)
    page.save_revision().publish()  # scheduled: it goes live tomorrow
    assert pair_page(stem).scheduled_revision is not None
    before = counts()
    with pytest.raises(CommandError, match="has a revision scheduled for publishing"):
        run(FIXTURES / f"{stem}.txt")
    assert counts() == before


def test_an_importer_who_may_not_edit_the_page_is_refused(client, django_user_model):
    """Adding pages under /compare/ lets a user import new pairs; changing an existing page
    needs the right to edit it, as in the page editor."""
    group = Group.objects.create(name="Adders")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_importrun"),
    )
    GroupPagePermission.objects.create(
        group=group,
        page=ComparisonPage.objects.first().get_parent(),
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="add_page"
        ),
    )
    adder = django_user_model.objects.create_user("adder", password="pw-123456")
    adder.groups.add(group)
    client.force_login(adder)
    stem = "codex-1-vs-qwen3-5-4b"
    assert pair_page(stem).owner != adder
    before = counts()
    soup = report_of(client.post(import_url(), {"files": [upload(stem)]}))
    assert [text_of(li) for li in soup.select(".messages li.error")] == [
        f"Nothing was imported: {stem}.txt: you may not edit “Codex 1 vs Qwen3.5-4B”."
    ]
    assert counts() == before


# --- crafted files: an error naming the file, never a server error --------------------------


NESTED = {
    "nested-b.html": "<p>" + "<b>" * 400 + "deep" + "</b>" * 400 + "</p>",
    "nested-div.html": "<div>" * 1000 + "<p>deep</p>" + "</div>" * 1000,
    "nested-div-5000.html": "<div>" * 5000 + "<p>deep</p>" + "</div>" * 5000,
}


def nested_page(inner: str) -> bytes:
    return (
        "<html><body><h1>GPT-5.2 Codex vs Qwen3.5-4B</h1><p>intro</p><p>verdict</p>"
        f"<h2>Deep dive</h2>{inner}</body></html>"
    ).encode()


def test_deeply_nested_pages_are_an_error_in_the_admin_not_a_server_error(client, user_in):
    user_in(EDITORS)
    before = counts()
    files = [SimpleUploadedFile(name, nested_page(inner)) for name, inner in NESTED.items()]
    soup = report_of(client.post(import_url(), {"files": files}))
    assert [text_of(li) for li in soup.select(".messages li.error")] == [
        "Nothing was imported (3 problems, listed below).",
        *(
            f"{name}: the HTML nests elements more than 100 levels deep; a legacy page is never "
            "nested that deeply"
            for name in NESTED
        ),
    ]
    assert counts() == before


def test_impossible_figures_are_reported_not_a_crash(tmp_path):
    text = (FIXTURES / f"{PAGES[0]}.txt").read_text()
    text = text.replace("| Knowledge cutoff | 2025-08 | - |", "| Knowledge cutoff | 0000-08 | - |")
    huge = "1" + "0" * 300
    text = text.replace(
        "| Input price | $1.75/1M tokens | - |", f"| Input price | ${huge}/1M tokens | - |"
    )
    text = text.replace(
        "Pricing coverage is uneven:",
        f"GPT-5.2 Codex costs ${huge}/1M input tokens. Pricing coverage is uneven:",
    )
    (tmp_path / "odd.txt").write_text(text)
    output = run(tmp_path / "odd.txt", dry_run=True)
    assert (
        "warning: Specs: “0000-08” in row “Knowledge cutoff” is not understood; not checked."
        in output
    )
    assert f"“${huge[:78]}…” in row “Input price” is not understood" in output
    assert (
        f"conflict: Imported prose contradicts our data: Deep dive: “GPT-5.2 Codex costs ${huge}/1M"
        in output
    )


def test_oversized_files_are_refused_by_the_command_as_in_the_admin(tmp_path, client, user_in):
    big = tmp_path / "big.txt"
    big.write_bytes((FIXTURES / f"{PAGES[0]}.txt").read_bytes() + b"x" * (2 * 1024 * 1024))
    with pytest.raises(CommandError) as caught:
        run(big)
    message = "big.txt: the file is larger than 2 MB: it is not a legacy comparison page."
    assert str(caught.value) == f"Nothing was imported: {message}"
    user_in(EDITORS)
    soup = report_of(
        client.post(import_url(), {"files": [SimpleUploadedFile("big.txt", big.read_bytes())]})
    )
    assert [text_of(li) for li in soup.select(".messages li.error")] == [
        "Nothing was imported: see the problem with the files below."
    ]
    assert message in text_of(soup.select_one("form"))


def test_an_unexpected_failure_reading_a_file_names_it_and_is_logged(tmp_path, monkeypatch, caplog):
    from comparisons.importers.legacy import importer as legacy

    real = legacy.parse_legacy_page

    def flaky(name, data, **kwargs):
        if name == "bad.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real(name, data, **kwargs)

    monkeypatch.setattr(legacy, "parse_legacy_page", flaky)
    (tmp_path / "bad.txt").write_text("anything")
    before = counts()
    with pytest.raises(CommandError) as caught:
        run(FIXTURES / f"{PAGES[2]}.txt", tmp_path / "bad.txt")
    assert str(caught.value) == (
        "Nothing was imported: bad.txt: could not be read: an unexpected error occurred "
        "(RecursionError); the details are in the server log."
    )
    assert "Traceback" in caplog.text and "bad.txt" in caplog.text
    assert counts() == before


def test_an_unexpected_failure_writing_names_the_file_and_rolls_back(
    no_comparisons, monkeypatch, caplog, client, user_in
):
    from comparisons.importers.legacy import importer as legacy

    def broken(*args, **kwargs):
        raise ArithmeticError("boom")

    monkeypatch.setattr(legacy, "find_conflicts", broken)
    before = counts()
    user_in(EDITORS)
    soup = report_of(client.post(import_url(), {"files": [upload(PAGES[2]), upload(PAGES[3])]}))
    assert [text_of(li) for li in soup.select(".messages li.error")] == [
        f"Nothing was imported: {PAGES[2]}.txt: could not be saved: an unexpected error "
        "occurred (ArithmeticError); the details are in the server log."
    ]
    assert "ArithmeticError: boom" in caplog.text
    assert counts() == before


# --- re-imports and runs that would contradict themselves ------------------------------------


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
    assert counts() == before


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
    report_of(client.post(import_url(), {"files": [data]}))
    page = ComparisonPage.objects.get()
    model = ModelPage.objects.get(title="Codex Mini 9")
    for created in (page, model):
        assert created.owner == editor
        entries = PageLogEntry.objects.filter(page=created).order_by("pk")
        actions = list(entries.values_list("action", "user"))
        assert actions == [("wagtail.create", editor.pk), ("wagtail.edit", editor.pk)]

    changed = text.replace("Choose based on workflow fit", "Choose by workflow fit")
    report_of(
        client.post(import_url(), {"files": [SimpleUploadedFile("mini.txt", changed.encode())]})
    )
    page.refresh_from_db()
    edits = PageLogEntry.objects.filter(page=page, action="wagtail.edit").order_by("pk")
    assert [(e.user, e.revision) for e in edits][-1] == (editor, page.get_latest_revision())
    assert edits.count() == 2  # the creation's revision, then the update's


def test_importing_needs_the_import_permission_too(client, django_user_model):
    """May add comparison pages, but not run imports: no view, no menu item."""
    group = Group.objects.create(name="Page adders")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=ComparisonPage.objects.first().get_parent(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = django_user_model.objects.create_user("adder", password="pw-123456")
    user.groups.add(group)
    client.force_login(user)
    before = counts()
    for response in (
        client.get(import_url()),
        client.post(import_url(), {"files": [upload(PAGES[0])]}),
    ):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert counts() == before
    assert import_url() not in client.get(reverse("wagtailadmin_home")).content.decode()
