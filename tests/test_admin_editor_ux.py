"""The model editor with real-sized data, the Needs re-review report's filter and export,
and the catalogue import's report, through the admin's own views as an editor uses them."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comparisons.models import (
    ComparisonPage,
    DecisionTag,
    ModelIndexPage,
    ModelPage,
    Provider,
    ProviderRoute,
    ReferenceSettings,
)
from comparisons.review.setup import EDITORS, REVIEWERS
from tests.catalogue_data import provider, record, snapshot
from tests.helpers import form_data, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("edna", "edna@example.com", "pw-edna-123")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def edit_url(page: ModelPage) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def open_editor(client, page: ModelPage) -> tuple[BeautifulSoup, bytes]:
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser"), response.content


def route_rows(soup: BeautifulSoup) -> list:
    return soup.select("#id_routes-FORMS > [data-inline-panel-child]")


def save_draft(client, page: ModelPage, data: dict[str, list[str]]):
    return client.post(edit_url(page), data)


def draft_of(page: ModelPage) -> ModelPage:
    return ModelPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def big_model(routes: int) -> ModelPage:
    """A published model page with `routes` routes, each on a provider of its own."""
    index = ModelIndexPage.objects.get()
    page = index.add_child(instance=ModelPage(title=f"Wide Model {routes}", slug=f"wide-{routes}"))
    for i in range(routes):
        prov, _ = Provider.objects.get_or_create(
            slug=f"wide-host-{i}", defaults={"name": f"Wide Host {i}"}
        )
        ProviderRoute.objects.create(
            page=page,
            provider=prov,
            provider_model_id=f"wide/model-{i}",
            input_price=Decimal("0.100000") + i,
            output_price=Decimal("0.400000"),
            context_limit=131072,
            source_url=f"https://wide-host-{i}.example.com/pricing",
            sort_order=i,
        )
    page.save_revision().publish()
    return page


def test_prices_show_as_entered_not_at_the_columns_scale(editor):
    page = ModelPage.objects.get(slug="gpt-oss-120b")
    route = page.routes.get(provider__slug="openrouter")
    route.input_price, route.output_price = Decimal("3.000000"), Decimal("0.039000")
    route.save()
    page.save_revision().publish()
    soup, _ = open_editor(editor, page)
    row = next(r for r in route_rows(soup) if r.select_one("input[value='OpenRouter']"))
    assert row.select_one("input[name$='-input_price']")["value"] == "3"
    assert row.select_one("input[name$='-output_price']")["value"] == "0.039"
    assert "3.000000" not in str(soup) and "0.039000" not in str(soup)


def test_decision_tags_are_a_list_of_checkboxes_that_saves(editor):
    page = ModelPage.objects.get(slug="gpt-oss-120b")
    soup, html = open_editor(editor, page)
    assert soup.select_one("select[name='decision_tags']") is None
    boxes = soup.select("input[type='checkbox'][name='decision_tags']")
    assert len(boxes) == DecisionTag.objects.count()
    labels = {text_of(box.find_parent("label")) for box in boxes}
    assert labels == set(DecisionTag.objects.values_list("name", flat=True))
    checked = {int(box["value"]) for box in boxes if box.has_attr("checked")}
    assert checked == set(page.decision_tags.values_list("pk", flat=True))

    coding = DecisionTag.objects.get(name="Coding")
    data = form_data(html)
    data["decision_tags"] = [str(coding.pk)]
    assert save_draft(editor, page, data).status_code == 302
    assert list(draft_of(page).decision_tags.all()) == [coding]


def test_providers_are_typed_by_name_from_one_suggestion_list(editor):
    page = ModelPage.objects.get(slug="gpt-oss-120b")
    soup, html = open_editor(editor, page)
    lists = soup.select("datalist#provider-names")
    assert len(lists) == 1
    suggested = [o["value"] for o in lists[0].select("option")]
    assert sorted(suggested) == sorted(Provider.objects.values_list("name", flat=True))
    rows = route_rows(soup)
    assert rows and all(r.select_one("select") is None for r in rows)  # no select per row
    names = [r.select_one("input[name$='-provider']") for r in rows]
    assert all(box["list"] == "provider-names" for box in names)
    assert {box["value"] for box in names} == set(
        page.routes.values_list("provider__name", flat=True)
    )

    # A new row with the provider typed in any case.
    data = form_data(html)
    n = int(data["routes-TOTAL_FORMS"][0])
    data["routes-TOTAL_FORMS"] = [str(n + 1)]
    data.update(
        {
            f"routes-{n}-provider": ["  groq "],
            f"routes-{n}-provider_model_id": ["openai/gpt-oss-120b-test"],
            f"routes-{n}-input_price": ["0.2"],
            f"routes-{n}-output_price": ["0.9"],
            f"routes-{n}-ORDER": [str(n + 1)],
        }
    )
    response = save_draft(editor, page, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    added = [r for r in draft_of(page).routes.all() if r.provider_model_id.endswith("-test")]
    assert [(r.provider.name, r.input_price) for r in added] == [("Groq", Decimal("0.2"))]
    soup, _ = open_editor(editor, page)
    assert any(r.select_one("input[value='Groq']") for r in route_rows(soup))


def test_an_unknown_provider_name_is_refused_naming_it(editor):
    page = ModelPage.objects.get(slug="gpt-oss-120b")
    revisions = page.revisions.count()
    _, html = open_editor(editor, page)
    data = form_data(html)
    data["routes-0-provider"] = ["Nowhere Cloud"]
    response = save_draft(editor, page, data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    row = route_rows(soup)[0]
    assert "No provider is called “Nowhere Cloud”" in text_of(row.select_one(".error-message"))
    assert row.select_one("input[name='routes-0-provider']")["value"] == "Nowhere Cloud"
    assert page.revisions.count() == revisions


def test_saving_the_editor_unchanged_keeps_every_route_as_it_was(editor):
    page = big_model(12)
    before = sorted(
        page.routes.values_list("provider_id", "provider_model_id", "input_price", "source_url")
    )
    _, html = open_editor(editor, page)
    assert save_draft(editor, page, form_data(html)).status_code == 302
    after = sorted(
        (r.provider_id, r.provider_model_id, r.input_price, r.source_url)
        for r in draft_of(page).routes.all()
    )
    assert after == before


def test_a_fifty_route_editor_stays_light(editor):
    small, big = big_model(10), big_model(50)
    with CaptureQueriesContext(connection) as few:
        open_editor(editor, small)
    with CaptureQueriesContext(connection) as many:
        soup, html = open_editor(editor, big)
    assert len(route_rows(soup)) == 50
    assert len(html) < 400_000, f"{len(html):,} bytes"
    # Wide enough to use: the source URL and context boxes get columns of their own.
    row = route_rows(soup)[0]
    for name in ("source_url", "context_limit"):
        assert row.select_one(f".cf-{name} input[name='routes-0-{name}']") is not None
    # Each extra row costs at most the revision's own check of its two foreign keys
    # (modelcluster), not a query per widget or heading.
    extra = len(many.captured_queries) - len(few.captured_queries)
    assert extra <= 2 * 40, extra


# --- Needs re-review: the model filter and the export ------------------------------------


@pytest.fixture
def reviewer(client, django_user_model):
    user = django_user_model.objects.create_user("rex", "rex@example.com", "pw-rex-123")
    user.groups.add(Group.objects.get(name=REVIEWERS))
    client.force_login(user)
    settings = ReferenceSettings.objects.get()
    settings.review_max_age_days = 1  # every seed comparison is listed (reviewed May 2026)
    settings.save()
    return client


def report_titles(client, **params) -> list[str]:
    response = client.get(reverse("comparisons_needs_re_review"), params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [text_of(r.select_one("td a")) for r in soup.select("table tbody tr")]


def test_the_report_filters_by_model_with_a_text_box(reviewer):
    response = reviewer.get(reverse("comparisons_needs_re_review"))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("select[name='model']") is None
    assert soup.select_one("input[type='text'][name='model']") is not None
    assert len(report_titles(reviewer)) == 5
    assert report_titles(reviewer, model="OSS 120") == ["gpt-oss-120b vs Qwen3.5-4B"]
    assert len(report_titles(reviewer, model="qwen3-5-4b")) == 5  # a slug, exactly
    assert report_titles(reviewer, model="no such model") == []


def test_exported_rows_link_to_the_host_the_report_was_asked_from(reviewer):
    response = reviewer.get(
        reverse("comparisons_needs_re_review"), {"export": "csv"}, HTTP_HOST="127.0.0.1:8106"
    )
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    page = ComparisonPage.objects.get(slug="gpt-oss-120b-vs-qwen3-5-4b")
    row = next(r for r in rows if r["Comparison"] == page.title)
    assert row["URL"] == "http://127.0.0.1:8106/compare/gpt-oss-120b-vs-qwen3-5-4b/"
    assert not any(r["URL"].startswith("http://localhost/") for r in rows)


# --- the catalogue import's report in the admin ---------------------------------------------


def test_a_dry_run_report_shows_every_line_folded_by_kind(editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    records = [record(f"bulk-{i}", f"Bulk Model {i}") for i in range(320)]
    records.append(record("bulk-zero", "Bulk Zero", cost={"input": 0, "output": 0}))
    raw = snapshot(provider("bulkhost", *records))
    upload = SimpleUploadedFile("bulk.json", raw, content_type="application/json")
    response = editor.post(
        reverse("comparisons_import_catalogue"), {"catalogue": upload, "dry_run": "on"}, follow=True
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "more lines" not in soup.get_text()
    sections = {text_of(d.select_one("summary")): d for d in soup.select(".import-report details")}
    added = next(d for heading, d in sections.items() if heading.startswith("Added"))
    lines = added.select_one("pre").get_text().strip().splitlines()
    assert text_of(added.select_one("summary")) == f"Added ({len(lines)})"
    assert len(lines) > 320 and not added.has_attr("open")  # long: folded
    assert sum(f"Bulk Model {i}" in "\n".join(lines) for i in range(320)) == 320
    warnings = next(d for heading, d in sections.items() if heading.startswith("Warnings"))
    # The bundled canonical file adds a warning per canonical model this small snapshot
    # does not serve, so the warnings are long too: folded, every line still there.
    warning_lines = warnings.select_one("pre").get_text().strip().splitlines()
    assert text_of(warnings.select_one("summary")) == f"Warnings ({len(warning_lines)})"
    assert any("bulkhost/bulk-zero" in line for line in warning_lines)
