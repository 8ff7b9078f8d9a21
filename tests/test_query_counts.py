"""Page rendering costs a fixed number of queries, whatever the amount of data."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comparisons.models import (
    Benchmark,
    BenchmarkScore,
    Capability,
    CapabilitySupport,
    ModelIndexPage,
    ModelPage,
    Provider,
    ProviderRoute,
)

# Every request renders its page: a page cache hit would count one query.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

# What a reader's page may cost when the page cache cannot answer but the catalogue
# generation's data is cached (another worker's first render, an expired entry).
READER_PAGE_QUERY_CEILING = 12
# Its first render after a change, every cache empty: the facts, capabilities, index
# addresses, ledger, review stamp and related pages are read again.
COLD_READER_PAGE_QUERY_CEILING = 24


def make_model(slug: str, routes: int, scores: int) -> ModelPage:
    providers = [
        Provider.objects.get_or_create(
            slug=f"bench-provider-{i}", defaults={"name": f"Provider {i}"}
        )[0]
        for i in range(routes)
    ]
    benchmarks = [
        Benchmark.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"Bench {i}"})[0]
        for i in range(scores)
    ]
    page = ModelPage(title=slug, slug=slug)
    page.routes = [
        ProviderRoute(provider=p, input_price=Decimal("1") + i, output_price=Decimal("2") + i)
        for i, p in enumerate(providers)
    ]
    page.capability_support = [
        CapabilitySupport(capability=c, support="yes") for c in Capability.objects.all()
    ]
    page.benchmark_scores = [
        BenchmarkScore(benchmark=b, score=Decimal(50 + i)) for i, b in enumerate(benchmarks)
    ]
    ModelIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def queries_for(client, url: str, *, cold: bool = False) -> int:
    """The queries of one render of `url`: after a first request filled the caches, or
    (cold) with every cache emptied, as after a change."""
    client.get(url)  # warm caches that any first request fills (site root paths)
    if cold:
        from django.core.cache import caches

        from comparisons.catalogue_cache import local_values

        for alias in caches:
            caches[alias].clear()
        local_values.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert response.get("X-Cache") != "hit"
    return len(ctx.captured_queries)


def test_model_page_queries_do_not_grow_with_routes(client, django_assert_max_num_queries):
    small = make_model("small-model", routes=2, scores=1)
    large = make_model("large-model", routes=40, scores=20)
    small_count = queries_for(client, small.url)
    assert queries_for(client, large.url) == small_count
    with django_assert_max_num_queries(small_count):
        client.get(large.url)
    # A ceiling (Wagtail's routing and privacy check take 6 of these), so a regression
    # that adds queries to every page is noticed too.
    assert small_count <= READER_PAGE_QUERY_CEILING
    cold = queries_for(client, small.url, cold=True)
    assert queries_for(client, large.url, cold=True) == cold <= COLD_READER_PAGE_QUERY_CEILING


def make_comparison(a: ModelPage, b: ModelPage):
    from comparisons.models import ComparisonIndexPage, ComparisonPage

    page = ComparisonPage(model_a=a, model_b=b)
    ComparisonIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_comparison_page_queries_do_not_grow_with_routes_or_scores(client):
    small = make_comparison(
        make_model("small-a", routes=1, scores=0), make_model("small-b", routes=1, scores=0)
    )
    large = make_comparison(
        make_model("large-a", routes=40, scores=20), make_model("large-b", routes=40, scores=20)
    )
    small_count = queries_for(client, small.url)
    large_count = queries_for(client, large.url)
    assert large_count == small_count
    cold = queries_for(client, small.url, cold=True)
    assert queries_for(client, large.url, cold=True) == cold <= COLD_READER_PAGE_QUERY_CEILING
    # The large pair really rendered its data: 20 shared benchmark rows, 40 providers.
    body = client.get(large.url).content.decode()
    assert body.count("Bench 19") == 1 and "Provider 39" in body
    assert small_count <= READER_PAGE_QUERY_CEILING
    # A reader's workload prices every route; the chart discloses the dearer ones.
    workload = "?requests=1M&avg_prompt_tokens=10K&avg_output_tokens=100&cached_percent=50"
    assert queries_for(client, large.url + workload) == queries_for(client, small.url + workload)
    assert "Show all 80 routes" in client.get(large.url + workload).content.decode()


def test_review_statuses_cost_a_fixed_number_of_queries():
    from comparisons.models import ComparisonPage
    from comparisons.review.status import review_statuses

    def count() -> int:
        pages = list(ComparisonPage.objects.live())
        with CaptureQueriesContext(connection) as ctx:
            statuses = review_statuses(pages, None)
        assert len(statuses) == len(pages)
        return len(ctx.captured_queries)

    count()  # the first call reads the site root paths into Wagtail's (emptied) cache
    few = count()
    for i in range(6):
        page = make_comparison(
            make_model(f"stale-a-{i}", routes=3, scores=2),
            make_model(f"stale-b-{i}", routes=2, scores=2),
        )
        page.sections = [
            {
                "type": "capabilities",
                "value": {"heading": "", "capabilities": [Capability.objects.first().pk]},
            },
            {
                "type": "verdict",
                "value": {"heading": "", "text": f"<p>stale-a-{i} has 3 tracked routes.</p>"},
            },
        ]
        page.save_revision().publish()
    assert count() == few


def import_gpt_oss_120b_routes() -> None:
    """The real snapshot, cut down to every provider's gpt-oss-120b entry: the model
    with the most routes (about 50), imported as the full snapshot would import it."""
    import json

    from comparisons.importers.catalogue.run import import_catalogue_bytes
    from tests.catalogue_data import REAL_SNAPSHOT, real_snapshot_path

    full = json.loads(real_snapshot_path().read_bytes())
    cut = {}
    for key, entry in full.items():
        models = {k: v for k, v in entry.get("models", {}).items() if "gpt-oss-120b" in k}
        if models:
            cut[key] = {**entry, "models": models}
    import_catalogue_bytes(
        json.dumps(cut).encode(),
        source="gpt-oss-120b.json",
        canonical_raw=(REAL_SNAPSHOT / "models-dev-canonical-models.json").read_bytes(),
    )


def test_reader_pages_of_the_largest_model_and_the_seeds_stay_within_the_ceiling(client):
    import_gpt_oss_120b_routes()
    gpt_oss = ModelPage.objects.get(slug="gpt-oss-120b")
    assert gpt_oss.routes.filter(retired_on__isnull=True).count() >= 40
    from comparisons.models import ComparisonPage

    seeds = list(ComparisonPage.objects.live().order_by("path"))
    assert len(seeds) >= 5
    assert any(gpt_oss.pk in (p.model_a_id, p.model_b_id) for p in seeds)
    # Every seed renders its pricing table and chart from the imported routes.
    urls = [gpt_oss.url, *(p.url for p in seeds)]
    counts = {url: queries_for(client, url) for url in urls}
    assert max(counts.values()) <= READER_PAGE_QUERY_CEILING, counts
    cold = {url: queries_for(client, url, cold=True) for url in urls}
    assert max(cold.values()) <= COLD_READER_PAGE_QUERY_CEILING, cold
    body = client.get(gpt_oss.url).content.decode()
    assert body.count('class="bar-input"') >= 40


def test_compare_api_and_lifecycle_index_queries_do_not_grow_with_scores(client):
    make_model("few-a", routes=1, scores=1), make_model("few-b", routes=1, scores=1)
    make_model("many-a", routes=30, scores=20), make_model("many-b", routes=30, scores=20)
    few = queries_for(client, "/api/v1/compare/few-a/few-b")
    many = queries_for(client, "/api/v1/compare/many-a/many-b")
    assert many == few
    shared = client.get("/api/v1/compare/many-a/many-b").json()["shared_benchmarks"]
    assert len(shared) == 20 and shared[0]["a"]["source_url"] == ""
    # The lifecycle filter and the past-models-last order are one query, whatever the count.
    index = queries_for(client, "/models/?lifecycle=current")
    make_model("many-c", routes=30, scores=20)
    assert queries_for(client, "/models/?lifecycle=current&sort=-released") == index


def with_history(page: ModelPage, routes: int, steps: int) -> ModelPage:
    """Give a page a catalogue key and `routes` routes' ledgers of `steps` steps each."""
    from datetime import date, timedelta

    from comparisons.models import PriceStep

    page.catalogue_key = page.slug
    page.save(update_fields=["catalogue_key"])
    start = date(2026, 1, 1)
    PriceStep.objects.bulk_create(
        PriceStep(
            model_key=page.slug,
            route_key=f"p{r}|{page.slug}|",
            provider_slug=f"p{r}",
            provider_name=f"Provider {r}",
            provider_model_id=page.slug,
            input_price=Decimal(10 - s * 0.1 if s else 10).quantize(Decimal("0.01")),
            output_price=Decimal(20),
            first_seen=start + timedelta(days=7 * s),
            last_seen=start + timedelta(days=7 * s + 3),
        )
        for r in range(routes)
        for s in range(steps)
    )
    return page


def test_price_history_queries_do_not_grow_with_history_length(client):
    short = with_history(make_model("short-history", routes=2, scores=1), routes=1, steps=2)
    long = with_history(make_model("long-history", routes=2, scores=1), routes=12, steps=20)
    assert queries_for(client, long.url) == queries_for(client, short.url)
    api = "/api/v1/models/{}/price-history"
    assert queries_for(client, api.format(long.slug)) == queries_for(client, api.format(short.slug))
