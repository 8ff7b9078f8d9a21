"""Shared by the API tests: reading JSON answers, and model pages made for a test."""

from __future__ import annotations

from decimal import Decimal

from comparisons.models import (
    Capability,
    CapabilitySupport,
    ModelIndexPage,
    ModelPage,
    Provider,
    ProviderRoute,
)

DEMO_MODELS = {
    "codex-1",
    "gpt-4-vision-preview",
    "gpt-5-1-codex",
    "gpt-5-2-codex",
    "gpt-oss-120b",
    "qwen3-5-4b",
}


def get_json(client, url: str, status: int = 200) -> dict | list:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def slugs(data: dict) -> list[str]:
    return [row["slug"] for row in data["results"]]


def by_slug(rows: list[dict], key: str = "slug") -> dict[str, dict]:
    return {row[key]: row for row in rows}


def new_model(slug: str, *, routes: int = 2, publish: bool = True) -> ModelPage:
    """A model page with routes on the demo providers, published or only drafted."""
    providers = list(Provider.objects.order_by("slug")[:routes])
    page = ModelPage(title=f"Model {slug}", slug=slug)
    page.routes = [
        ProviderRoute(provider=p, input_price=Decimal("1") + i, output_price=Decimal("2") + i)
        for i, p in enumerate(providers)
    ]
    page.capability_support = [
        CapabilitySupport(capability=c, support="yes") for c in Capability.objects.all()
    ]
    if not publish:
        page.live = False  # add_child would otherwise create it live
    ModelIndexPage.objects.get().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def publish_price_change(slug: str, provider: str, input_price: str) -> None:
    page = ModelPage.objects.get(slug=slug)
    routes = list(page.routes.all())
    for route in routes:
        if route.provider.slug == provider:
            route.input_price = Decimal(input_price)
    page.routes = routes
    page.save_revision().publish()
