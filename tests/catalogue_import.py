"""Running the catalogue importer in tests: small snapshots and the rows an import writes."""

from __future__ import annotations

from wagtail.models import Revision

from comparisons.facts import site_default_traffic
from comparisons.importers.catalogue.group import group_rows
from comparisons.importers.catalogue.parse import parse_catalogue
from comparisons.importers.catalogue.run import import_catalogue_bytes
from comparisons.models import ComparisonPage, ImportRun, ModelPage, Provider, ProviderRoute
from comparisons.review.status import review_statuses
from tests.catalogue_data import provider, record, snapshot


def run(raw: bytes, **options):
    return import_catalogue_bytes(raw, source="test.json", **options)


def groups_of(raw: bytes) -> dict[str, list[tuple[str, str, str]]]:
    models = group_rows(parse_catalogue(raw))
    return {
        m.key: sorted((r.row.provider_id, r.row.model_id, r.variant) for r in m.routes)
        for m in models
    }


def small_snapshot(price: float = 0.1, *, extra: tuple = (), drop_groq: bool = False) -> bytes:
    rows = [
        provider(
            "acme",
            record("acme/widget-1", "Widget 1", cost={"input": price, "output": 0.5}),
            record("acme/widget-2", "Widget 2", reasoning=True),
        ),
    ]
    if not drop_groq:
        rows.append(provider("groq", record("acme/widget-1", "Widget One")))
    return snapshot(*rows, *extra)


def stale_changes() -> dict[str, list[str]]:
    pages = list(ComparisonPage.objects.live())
    statuses = review_statuses(pages, site_default_traffic())
    return {s.page.slug: [str(c) for c in s.changes] for s in statuses.values()}


def gpt_oss_snapshot(input_price: float, *, with_together: bool = True) -> bytes:
    route = ProviderRoute.objects.get(page__slug="gpt-oss-120b", provider__slug="openrouter")
    rows = [
        provider(
            "openrouter",
            record(
                "openai/gpt-oss-120b",
                cost={"input": input_price, "output": float(route.output_price)},
                limit={"context": route.context_limit, "output": 32768},
            ),
            name="OpenRouter",
        )
    ]
    if with_together:
        rows.append(provider("togetherai", record("openai/gpt-oss-120b"), name="Together AI"))
    return snapshot(*rows)


def counts() -> tuple[int, ...]:
    return (
        ModelPage.objects.count(),
        ProviderRoute.objects.count(),
        Provider.objects.count(),
        ImportRun.objects.count(),
        Revision.objects.count(),
    )


def with_record(**overrides) -> bytes:
    return snapshot(
        provider("acme", record("acme/ok-model")), provider("zeta", record("z-1", **overrides))
    )
