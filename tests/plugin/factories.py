"""Small factories for the plugin's content: labs, providers, the two index pages, model
pages with their routes, and comparison pages. Pages are added under the minimal site's
home page (the index pages, made once when first needed) and published, as an editor
would; `publish=False` leaves a page as a draft."""

from __future__ import annotations

from decimal import Decimal

import factory
from django.utils.text import slugify
from wagtail.models import Page, Site

from comparisons.models import (
    ComparisonIndexPage,
    ComparisonPage,
    Lab,
    ModelIndexPage,
    ModelPage,
    Provider,
    ProviderRoute,
    ReferenceSettings,
    TrafficProfile,
)


def home_page() -> Page:
    return Site.objects.get(is_default_site=True).root_page


class LabFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lab

    name = factory.Sequence(lambda n: f"Lab {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Provider {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


def route(provider: Provider, input_price: str, output_price: str, **fields) -> ProviderRoute:
    """A route row for `ModelPageFactory(routes=[...])`; prices in USD per 1M tokens."""
    return ProviderRoute(
        provider=provider,
        input_price=Decimal(input_price),
        output_price=Decimal(output_price),
        **fields,
    )


class PageFactory(factory.Factory):
    """Adds the page under `parent` and publishes its first revision (unless
    `publish=False`), the way the admin does."""

    class Meta:
        abstract = True

    parent = factory.LazyFunction(home_page)

    @classmethod
    def _create(cls, model_class, *args, parent: Page, publish: bool = True, **fields):
        page = model_class(*args, **fields)
        if not publish:
            page.live = False  # add_child would otherwise make it live
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return model_class.objects.get(pk=page.pk)


class ModelIndexPageFactory(PageFactory):
    class Meta:
        model = ModelIndexPage

    title = "Models"
    slug = "models"


class ComparisonIndexPageFactory(PageFactory):
    class Meta:
        model = ComparisonIndexPage

    title = "Comparisons"
    slug = "compare"


def models_index() -> ModelIndexPage:
    return ModelIndexPage.objects.first() or ModelIndexPageFactory()


def comparisons_index() -> ComparisonIndexPage:
    return ComparisonIndexPage.objects.first() or ComparisonIndexPageFactory()


class ModelPageFactory(PageFactory):
    """A model page; by default with one route on a provider of its own."""

    class Meta:
        model = ModelPage

    parent = factory.LazyFunction(models_index)
    title = factory.Sequence(lambda n: f"Model {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    lab = factory.SubFactory(LabFactory)
    context_window = 128_000
    routes = factory.LazyFunction(lambda: [route(ProviderFactory(), "1", "2")])


class ComparisonPageFactory(PageFactory):
    """An editorial comparison of two model pages (its title and slug follow the pair)."""

    class Meta:
        model = ComparisonPage

    parent = factory.LazyFunction(comparisons_index)
    model_a = factory.SubFactory(ModelPageFactory)
    model_b = factory.SubFactory(ModelPageFactory)


class TrafficProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrafficProfile

    name = factory.Sequence(lambda n: f"Traffic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    monthly_input_tokens = 1_000_000_000
    monthly_output_tokens = 500_000_000


def default_traffic(profile: TrafficProfile) -> TrafficProfile:
    """Makes `profile` the one the default site costs routes at (Reference data settings)."""
    settings = ReferenceSettings.for_site(Site.objects.get(is_default_site=True))
    settings.default_traffic_profile = profile
    settings.save()
    return profile
