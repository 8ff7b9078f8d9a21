"""The legacy importer's dry run and import log, and files it cannot import: a clear error
naming the file, nothing written, never a server error."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError

from comparisons.models import ComparisonPage, ModelIndexPage, ModelPage
from comparisons.review.setup import EDITORS
from tests.helpers import text_of
from tests.legacy_import import (
    FIXTURES,
    PAGES,
    counts,
    failed_run,
    files,
    import_url,
    latest_run,
    report_of,
    run,
    started,
    upload,
)

pytest_plugins = ["tests.legacy_import_fixtures"]

pytestmark = pytest.mark.django_db


# --- dry run, the import log, bad input --------------------------------------------------


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
    failed_run(before, "“Twin Model” matches several model pages")
    assert ComparisonPage.objects.count() == 0


# --- crafted files: an error naming the file, never a server error -----------------------


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
    # Both files read well, so the form queues them; the worker fails, writing no page.
    soup = started(client, [upload(PAGES[2]), upload(PAGES[3])])
    problem = (
        f"{PAGES[2]}.txt: could not be saved: an unexpected error occurred (ArithmeticError); "
        "the details are in the server log."
    )
    assert text_of(soup.select_one(".import-state h2")) == "Failed"
    assert text_of(soup.select_one(".import-error")) == f"Nothing was imported: {problem}"
    assert "ArithmeticError: boom" in caplog.text
    failed_run(before, problem)
