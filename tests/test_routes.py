"""Route identity: one rule for telling a model's routes apart, used by the admin form,
the labels readers see, review snapshots and their diffs (the rule and the labels
themselves: tests/plugin/test_route_labels.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from comparisons.facts import load_pairs, site_default_traffic
from comparisons.models import ComparisonPage, ModelIndexPage, ModelPage, Provider, ProviderRoute
from comparisons.review.facts_diff import changes_since_review
from comparisons.review.facts_snapshot import fingerprint, snapshot
from comparisons.review.stamps import stamp_review
from comparisons.review.status import review_statuses

# --- the admin form ------------------------------------------------------------------------


def bedrock() -> Provider:
    return Provider.objects.get_or_create(
        slug="amazon-bedrock", defaults={"name": "Amazon Bedrock"}
    )[0]


def two_route_form(second_model_id: str, second_variant: str = "") -> dict:
    provider = bedrock()
    return nested_form_data(
        {
            "title": "Claude Test 4.5",
            "slug": "claude-test-4-5",
            "body": rich_text("<p>Notes.</p>"),
            "routes": inline_formset(
                [
                    {
                        "provider": provider.pk,
                        "provider_model_id": "au.anthropic.claude-test-4-5-v1:0",
                        "input_price": "3.3",
                        "output_price": "16.5",
                    },
                    {
                        "provider": provider.pk,
                        "provider_model_id": second_model_id,
                        "variant": second_variant,
                        "input_price": "3.3",
                        "output_price": "16.5",
                    },
                ]
            ),
            "capability_support": inline_formset([]),
            "benchmark_scores": inline_formset([]),
            "action-publish": "publish",
        }
    )


def add_url() -> str:
    index = ModelIndexPage.objects.get()
    return reverse("wagtailadmin_pages:add", args=("comparisons", "modelpage", index.pk))


@pytest.mark.django_db
def test_two_routes_on_one_provider_save_and_are_headed_by_their_labels(admin_client_logged_in):
    response = admin_client_logged_in.post(
        add_url(), two_route_form("jp.anthropic.claude-test-4-5-v1:0")
    )
    assert response.status_code == 302
    page = ModelPage.objects.get(slug="claude-test-4-5")
    assert page.routes.count() == 2
    edit = admin_client_logged_in.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    soup = BeautifulSoup(edit.content, "html.parser")
    headings = [h.get_text(" ", strip=True) for h in soup.select("#id_routes-FORMS .cr-heading")]
    assert headings == ["Amazon Bedrock (Australia)", "Amazon Bedrock (Japan)"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("second_id", "variant", "saved"),
    [
        ("au.anthropic.claude-test-4-5-v1:0", "", False),  # the same route twice
        ("AU.anthropic.claude-test-4-5-v1:0 ", "", False),  # case and spaces do not count
        ("au.anthropic.claude-test-4-5-v1:0", "batch", True),  # a variant tells it apart
    ],
)
def test_only_a_true_duplicate_route_is_refused(admin_client_logged_in, second_id, variant, saved):
    response = admin_client_logged_in.post(add_url(), two_route_form(second_id, variant))
    assert (response.status_code == 302) is saved
    if not saved:
        text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
        assert (
            "Amazon Bedrock already has a route on this model with model id "
            "“AU.anthropic.claude-test-4-5-v1:0”"
            in text
            or "with model id “au.anthropic.claude-test-4-5-v1:0”" in text
        )
        assert not ModelPage.objects.filter(slug="claude-test-4-5").exists()


# --- review snapshots and diffs ------------------------------------------------------------

PAIR = "gpt-5-1-codex-vs-qwen3-5-4b"


def publish_routes(slug: str, change) -> None:
    """Edit a model's routes as an editor does: a new revision, published."""
    page = ModelPage.objects.get(slug=slug)
    draft = page.get_latest_revision_as_object()
    routes = list(draft.routes.all())
    draft.routes = change(routes)
    draft.save_revision().publish()


def add_bedrock(model_id: str, output: str = "12"):
    def change(routes):
        return [
            *routes,
            ProviderRoute(
                provider=bedrock(),
                provider_model_id=model_id,
                input_price=Decimal("2"),
                output_price=Decimal(output),
                sort_order=len(routes),
            ),
        ]

    return change


def set_price(model_id: str, field: str, value: str):
    def change(routes):
        for route in routes:
            if route.provider_model_id == model_id:
                setattr(route, field, Decimal(value))
        return routes

    return change


def changes() -> list[str]:
    page = ComparisonPage.objects.get(slug=PAIR)
    status = review_statuses([page], site_default_traffic())[page.pk]
    return [str(c) for c in status.changes]


def review() -> None:
    stamp_review(ComparisonPage.objects.get(slug=PAIR), reviewed_on=timezone.localdate())
    assert changes() == []


@pytest.mark.django_db
def test_editing_either_route_of_one_provider_shows_exactly_that_change():
    publish_routes("gpt-5-1-codex", add_bedrock("us.openai.gpt-5.1-codex"))
    publish_routes("gpt-5-1-codex", add_bedrock("eu.openai.gpt-5.1-codex", "13"))
    review()
    publish_routes("gpt-5-1-codex", set_price("us.openai.gpt-5.1-codex", "output_price", "12.01"))
    assert changes() == ["Output price (Amazon Bedrock (US)), GPT-5.1 Codex: $12.00 → $12.01"]
    review()
    publish_routes("gpt-5-1-codex", set_price("eu.openai.gpt-5.1-codex", "input_price", "2.01"))
    assert changes() == ["Input price (Amazon Bedrock (EU)), GPT-5.1 Codex: $2.00 → $2.01"]
    # The page readers see says so too.
    soup = BeautifulSoup(
        ComparisonPage.objects.get(slug=PAIR).serve(_request()).render().content, "html.parser"
    )
    assert soup.select_one(".updated-since-review") is not None


def _request():
    from django.test import RequestFactory
    from wagtail.models import Site

    request = RequestFactory().get(f"/compare/{PAIR}/")
    request.site = Site.objects.get(is_default_site=True)
    return request


@pytest.mark.django_db
def test_a_second_route_on_a_provider_is_added_and_nothing_is_dropped():
    publish_routes("gpt-5-1-codex", add_bedrock("us.openai.gpt-5.1-codex"))
    review()
    publish_routes("gpt-5-1-codex", add_bedrock("eu.openai.gpt-5.1-codex", "13"))
    lines = changes()
    assert "Route (Amazon Bedrock (EU)), GPT-5.1 Codex: not listed → added" in lines
    assert "Output price (Amazon Bedrock (EU)), GPT-5.1 Codex: — → $13.00" in lines
    assert "Provider routes, GPT-5.1 Codex: 2 tracked → 3 tracked" in lines
    # The first route is now told apart by its region: renamed, not dropped.
    assert (
        "Route (Amazon Bedrock (US)), GPT-5.1 Codex: Amazon Bedrock → Amazon Bedrock (US)" in lines
    )
    assert not [line for line in lines if "dropped" in line or "not tracked" in line]


@pytest.mark.django_db
def test_derived_facts_are_in_the_diff():
    review()
    publish_routes("gpt-5-1-codex", add_bedrock("us.openai.gpt-5.1-codex", "1"))
    lines = changes()
    assert "Cheapest route, GPT-5.1 Codex: Vercel AI Gateway → Amazon Bedrock" in lines
    # 800M input and 250M output tokens a month: 2 * 800 + 1 * 250.
    assert "Monthly cost, GPT-5.1 Codex: $3,500 → $1,850" in lines


@pytest.mark.django_db
def test_a_change_that_formats_alike_shows_the_stored_values():
    review()
    page = ModelPage.objects.get(slug="gpt-5-1-codex")
    draft = page.get_latest_revision_as_object()
    draft.context_window = 400_072  # "400K", as 400,000 is
    draft.save_revision().publish()
    assert changes() == ["Context window, GPT-5.1 Codex: 400,000 tokens → 400,072 tokens"]


@pytest.mark.django_db
def test_a_version_1_stamp_compares_in_its_own_shape():
    page = ComparisonPage.objects.get(slug=PAIR)
    pair = load_pairs([page], site_default_traffic())[page.pk]
    old = snapshot(pair, version=1)
    assert "cheapest" not in old["a"] and isinstance(old["a"]["routes"], dict)
    # Unchanged facts: a stamp made before routes were told apart is not stale for that.
    assert changes_since_review(old, fingerprint(old), pair) == []
    publish_routes("gpt-5-1-codex", set_price("openai/gpt-5.1-codex", "input_price", "1"))
    pair = load_pairs([page], site_default_traffic())[page.pk]
    assert [str(c) for c in changes_since_review(old, fingerprint(old), pair)] == [
        "Input price (Vercel AI Gateway), GPT-5.1 Codex: $1.25 → $1.00"
    ]
    # A second route on a provider is something version 1 could not record: said so.
    publish_routes("gpt-5-1-codex", set_price("openai/gpt-5.1-codex", "input_price", "1.25"))
    vercel = Provider.objects.get(slug="vercel-ai-gateway")

    def second(routes):
        return [
            *routes,
            ProviderRoute(provider=vercel, provider_model_id="openai/gpt-5.1-codex-fast"),
        ]

    publish_routes("gpt-5-1-codex", second)
    pair = load_pairs([page], site_default_traffic())[page.pk]
    lines = [str(c) for c in changes_since_review(old, fingerprint(old), pair)]
    assert (
        "Routes (Vercel AI Gateway), GPT-5.1 Codex: reviewed as one route → 2 routes, each to "
        "review" in lines
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rows_reversed", [False, True])
def test_route_order_in_snapshots_does_not_depend_on_row_order(rows_reversed):
    page = ComparisonPage.objects.get(slug=PAIR)
    publish_routes("gpt-5-1-codex", add_bedrock("us.openai.gpt-5.1-codex"))

    def tied(routes):
        # The same routes at one position, saved in one order or the other.
        for route in routes:
            route.sort_order = 0
        return list(reversed(routes)) if rows_reversed else routes

    publish_routes("gpt-5-1-codex", tied)
    data = snapshot(load_pairs([page], site_default_traffic())[page.pk])
    assert [r["key"] for r in data["a"]["routes"]] == [
        "amazon-bedrock|us.openai.gpt-5.1-codex|",
        "vercel-ai-gateway|openai/gpt-5.1-codex|",
    ]


def test_distilled_and_abliterated_models_stay_apart_on_the_real_snapshot():
    from comparisons.importers.catalogue.group import derived_from, group_rows
    from comparisons.importers.catalogue.parse import parse_canonical, parse_catalogue
    from comparisons.importers.catalogue.run import BUNDLED_CANONICAL
    from tests.catalogue_data import real_snapshot_path

    catalogue = parse_catalogue(real_snapshot_path().read_bytes(), source="models-dev.json")
    (row,) = [
        r
        for r in catalogue.rows
        if r.provider_id == "cloudflare-workers-ai" and "distill-qwen-32b" in r.model_id
    ]
    assert row.base_model == "deepseek/deepseek-r1"  # what the catalogue claims
    models = {
        m.key: m for m in group_rows(catalogue, parse_canonical(BUNDLED_CANONICAL.read_bytes()))
    }
    distilled = {r.row.key for r in models["deepseek-r1-distill-qwen-32b"].routes}
    assert row.key in distilled
    assert not [
        r for r in models["deepseek-r1"].routes if derived_from(r.row.model_id.lower(), "r1")
    ]
    assert "deepseek-r1-distill-qwen-32b-abliterated" in models
    assert derived_from("deepseek-r1-distill-qwen-32b", "deepseek-r1")
    assert not derived_from("deepseek-r1-0528", "deepseek-r1")
