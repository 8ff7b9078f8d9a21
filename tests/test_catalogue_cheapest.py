"""On the real catalogue import: every surface names the same cheapest route with the same
prices, model pages with several routes on one provider save through the admin, and
distilled models stay models of their own.

The import (about half a minute) is shared by the module: it runs once inside a
transaction that is rolled back when the module is done.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.db.models import Count
from django.urls import reverse

from comparisons.engine import formatting as fmt
from comparisons.importers.catalogue.run import import_catalogue_bytes
from comparisons.models import ModelPage
from comparisons.pair_slugs import pair_slug
from tests.catalogue_data import real_snapshot_path

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        import_catalogue_bytes(real_snapshot_path().read_bytes(), source="models-dev.json")
        yield
        transaction.set_rollback(True)


def soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def text(node) -> str:
    return node.get_text(" ", strip=True) if node is not None else fmt.UNKNOWN


def from_index(client) -> dict[str, tuple[str, str, str]]:
    """slug -> (route, input, output) as the models index shows them, page by page."""
    seen: dict[str, tuple[str, str, str]] = {}
    page = 1
    while True:
        html = soup(client, f"/models/?page={page}")
        for tr in html.select("table.models-index tbody tr"):
            link = tr.find("th").find("a")
            cells = [text(td) for td in tr.find_all("td")]
            seen[link["href"].rstrip("/").rsplit("/", 1)[-1]] = (cells[3], cells[4], cells[5])
        if html.select_one('a[rel="next"]') is None:
            return seen
        page += 1


def from_model_page(client, slug: str) -> tuple[str, str, str]:
    row = soup(client, f"/models/{slug}/").select_one("#pricing tr.cheapest")
    if row is None:
        return (fmt.UNKNOWN, fmt.UNKNOWN, fmt.UNKNOWN)
    cells = row.find_all("td")
    return (text(row.find("th").find("a")), text(cells[0]), text(cells[1]))


def from_scorecard(client, a: str, b: str) -> dict[str, str]:
    """Each model's "Cheapest route" cell on the comparison of the two."""
    html = soup(client, f"/compare/{pair_slug(*sorted((a, b)))}/")
    columns = [text(th) for th in html.select("#scorecard thead th")][1:]
    by_name = {
        m.title: m.slug for m in ModelPage.objects.filter(slug__in=(a, b)).only("title", "slug")
    }
    for tr in html.select("#scorecard tbody tr"):
        if text(tr.find("th")) == "Cheapest route":
            cells = [text(td) for td in tr.find_all("td")]
            return {by_name[name]: cell for name, cell in zip(columns, cells, strict=True)}
    return {slug: fmt.UNKNOWN for slug in (a, b)}


def scorecard_cell(route: str, input_price: str, output_price: str) -> str:
    if route == fmt.UNKNOWN:
        return fmt.UNKNOWN
    return f"{route}: {input_price} input, {output_price} output per 1M tokens"


def from_api(client) -> dict[str, tuple[str, str, str]]:
    seen: dict[str, tuple[str, str, str]] = {}
    page = 1
    while True:
        data = client.get(f"/api/v1/models?page={page}").json()
        for row in data["results"]:
            seen[row["slug"]] = (
                row["cheapest_route"] or fmt.UNKNOWN,
                fmt.price(Decimal(row["cheapest_input"])) if row["cheapest_input"] else fmt.UNKNOWN,
                fmt.price(Decimal(row["cheapest_output"]))
                if row["cheapest_output"]
                else fmt.UNKNOWN,
            )
        if page >= data["pages"]:
            return seen
        page += 1


def from_api_detail(client, slug: str) -> tuple[str, str, str]:
    best = client.get(f"/api/v1/models/{slug}").json()["cheapest_route"]
    if best is None:
        return (fmt.UNKNOWN, fmt.UNKNOWN, fmt.UNKNOWN)
    return (
        best["label"],
        fmt.price(Decimal(best["input_price"])),
        fmt.price(Decimal(best["output_price"])),
    )


def test_every_published_model_has_one_cheapest_route_everywhere(catalogue, client):
    index = from_index(client)
    api = from_api(client)
    slugs = list(ModelPage.objects.live().order_by("path").values_list("slug", flat=True))
    assert len(slugs) > 1400 and set(index) == set(slugs) == set(api)
    disagreements = []
    # Comparisons two by two, so every model is on one scorecard.
    partners = dict(zip(slugs[::2], slugs[1::2], strict=False))
    for a, b in partners.items():
        cells = from_scorecard(client, a, b)
        for slug in (a, b):
            expected = index[slug]
            seen = {"api": api[slug], "model page": from_model_page(client, slug)}
            for where, value in seen.items():
                if value != expected:
                    disagreements.append(f"{slug}: index {expected}, {where} {value}")
            if cells[slug] != scorecard_cell(*expected):
                disagreements.append(f"{slug}: index {expected}, scorecard {cells[slug]!r}")
    if len(slugs) % 2:
        last = slugs[-1]
        if from_model_page(client, last) != index[last]:
            disagreements.append(f"{last}: model page disagrees with the index")
    assert disagreements == []
    # The API's model detail computes it from the same facts as the model page; checked on
    # the models with most routes, where a disagreement would show.
    crowded = (
        ModelPage.objects.live()
        .annotate(n=Count("routes"))
        .order_by("-n", "slug")
        .values_list("slug", flat=True)[:100]
    )
    assert [s for s in crowded if from_api_detail(client, s) != index[s]] == []
    # gpt-oss-120b: the route with the lowest bill at the site's traffic profile.
    assert index["gpt-oss-120b"] == from_model_page(client, "gpt-oss-120b")
    assert index["gpt-oss-120b"][0] != fmt.UNKNOWN


def form_data(html: BeautifulSoup) -> dict[str, str | list[str]]:
    """What the browser would submit from the page editor's form, untouched."""
    form = html.select_one("form[data-edit-form]") or html.select_one("#page-edit-form")
    data: dict[str, str | list[str]] = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "input":
            kind = field.get("type", "text")
            if kind in ("checkbox", "radio") and not field.has_attr("checked"):
                continue
            if kind in ("submit", "button", "file"):
                continue
            data[name] = field.get("value", "on" if kind == "checkbox" else "")
        elif field.name == "select":
            chosen = [o.get("value", "") for o in field.select("option[selected]")]
            if field.has_attr("multiple"):
                data[name] = chosen
            else:
                data[name] = chosen[0] if chosen else ""
        else:
            data[name] = field.get_text()
    return data


def test_a_model_with_two_bedrock_routes_saves_through_the_admin(catalogue, admin_client_logged_in):
    page = ModelPage.objects.get(slug="claude-sonnet-4-5")
    routes = page.routes.filter(provider__slug="amazon-bedrock")
    assert sorted(r.provider_model_id[:3] for r in routes) == ["au.", "jp."]
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    html = soup(admin_client_logged_in, edit)
    headings = [text(h) for h in html.select("#id_routes-FORMS .cr-heading")]
    assert "Amazon Bedrock (Australia)" in headings and "Amazon Bedrock (Japan)" in headings
    data = form_data(html)
    data["title"] = "Claude Sonnet 4.5 (edited)"
    response = admin_client_logged_in.post(edit, data)
    assert response.status_code == 302, text(BeautifulSoup(response.content, "html.parser"))
    assert response["Location"] == edit
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Claude Sonnet 4.5 (edited)"
    assert sorted(r.provider_model_id for r in draft.routes.all()) == sorted(
        page.routes.values_list("provider_model_id", flat=True)
    )


def test_a_distilled_model_stays_a_model_of_its_own(catalogue):
    distilled = ModelPage.objects.get(slug="deepseek-r1-distill-qwen-32b")
    ids = set(distilled.routes.values_list("provider_model_id", flat=True))
    # models.dev names DeepSeek-R1 as this row's base model; it is a different model.
    assert "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b" in ids
    r1 = ModelPage.objects.get(slug="deepseek-r1")
    assert not [i for i in r1.routes.values_list("provider_model_id", flat=True) if "distill" in i]
