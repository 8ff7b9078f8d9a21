"""Running the legacy page importer in tests: the seed fixtures, the command and the admin
upload, what an editor finds on a page, row counts. The fixtures the tests share are in
`legacy_import_fixtures`."""

from __future__ import annotations

import io
import re
from pathlib import Path

from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision

from comparisons.models import ComparisonPage, ImportRun, ModelPage, ReviewStamp
from tests.helpers import text_of

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"


PAGES = [
    "gpt-5-2-codex-vs-qwen3-5-4b",
    "gpt-5-1-codex-vs-qwen3-5-4b",
    "codex-1-vs-qwen3-5-4b",
    "gpt-4-vision-preview-vs-qwen3-5-4b",
    "gpt-oss-120b-vs-qwen3-5-4b",
]


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


def upload(stem: str, ext: str = "txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{stem}.{ext}", (FIXTURES / f"{stem}.{ext}").read_bytes())


def import_url() -> str:
    return reverse("comparisons_legacy_import")


def report_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def started(client, files: list, **data) -> BeautifulSoup:
    """Post an upload that the form accepts: the editor lands on the run's page in the
    import log, where the (immediate) task has already finished."""
    response = client.post(import_url(), {"files": files, **data}, follow=True)
    run = latest_run()
    assert response.redirect_chain == [
        (reverse("comparisons_import_log:inspect", args=(run.pk,)), 302)
    ], response.content[:500]
    return report_of(response)


def failed_run(before: dict[str, int], problem: str) -> ImportRun:
    """Nothing was written but the run of the import log, failed, naming the problem."""
    assert counts() == {**before, "runs": before["runs"] + 1}
    run = latest_run()
    assert run.state == ImportRun.State.FAILED
    assert problem in run.error and run.pages == [] and run.report == []
    return run


def in_review(page: ComparisonPage, user) -> None:
    page.get_workflow().start(page, user)
    assert page.workflow_in_progress
