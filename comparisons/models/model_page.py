"""The models index and the Model page type, with its stored catalogue columns.

Its inline facts (routes, capability support, benchmark scores) are in model_rows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.functional import classproperty
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from comparisons.admin_panels import CompactInlinePanel
from comparisons.conf import index_parent_page_types
from comparisons.editor_panels import RouteInlinePanel
from comparisons.engine.lifecycle import unlisted_since
from comparisons.engine.pricing import cheapest_route
from comparisons.engine.values import provider_count
from comparisons.forms import ModelPageForm, ProviderRouteForm
from comparisons.models.model_rows import ProviderRoute
from comparisons.models.reference import Provider
from comparisons.models.routing import route_to_child
from comparisons.validators import not_in_future

SITE_TRAFFIC = object()  # refresh_catalogue_columns' default: read the site's profile
CATALOGUE_COLUMNS = [
    "cheapest_input_price",
    "cheapest_output_price",
    "cheapest_route",
    "provider_count",
]


class ModelIndexPage(Page):
    """/models/: the parent of every model page."""

    intro = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["comparisons.ModelPage"]
    max_count = 1

    @classproperty
    def parent_page_types(cls) -> list[str] | None:
        """The site's choice (COMPARISONS_INDEX_PARENT_PAGE_TYPES); any page by default."""
        return index_parent_page_types()

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        return route_to_child(self, ModelPage, request, path_components)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Rendering is the views' (which read these models): imported when a page renders.
        from comparisons.views.models_index import models_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(models_index_context(request))
        return context


class ModelPage(Page):
    class Lifecycle(models.TextChoices):
        CURRENT = "", "Current"
        ALPHA = "alpha", "Alpha"
        BETA = "beta", "Beta"
        DEPRECATED = "deprecated", "Deprecated"

    class Architecture(models.TextChoices):
        DECODER_ONLY = "decoder_only", "Decoder only"
        MIXTURE_OF_EXPERTS = "moe", "Mixture of experts"
        ENCODER_DECODER = "encoder_decoder", "Encoder-decoder"

    lab = models.ForeignKey(
        "comparisons.Lab", null=True, blank=True, on_delete=models.PROTECT, related_name="models"
    )
    summary = models.CharField(
        max_length=300, blank=True, help_text="One sentence for listings and search results."
    )
    release_date = models.DateField(null=True, blank=True, validators=[not_in_future])
    context_window = models.PositiveIntegerField(
        "context window (tokens)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    max_output_tokens = models.PositiveIntegerField(
        "max output (tokens)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    parameters_billions = models.DecimalField(
        "parameters (billions)",
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.001"))],
        help_text="Total parameter count in billions: 4 for 4B, 1760 for 1.76T.",
    )
    parameters_detail = models.CharField(
        "parameter breakdown", max_length=60, blank=True, help_text='e.g. "8x222B MoE".'
    )
    parameters_estimated = models.BooleanField(
        "parameter count is an estimate",
        default=False,
        help_text="Shown with an asterisk and a footnote: not confirmed by the lab.",
    )
    architecture = models.CharField(max_length=20, choices=Architecture.choices, blank=True)
    licence = models.ForeignKey(
        "comparisons.Licence",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="models",
    )
    knowledge_cutoff = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text="Year and month (YYYY-MM); stored as the first day of that month.",
    )
    product_type = models.ForeignKey(
        "comparisons.ProductType",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="models",
    )
    best_for = models.CharField(
        max_length=200, blank=True, help_text='e.g. "custom coding agents and code generation".'
    )
    decision_tags = ParentalManyToManyField(
        "comparisons.DecisionTag", blank=True, related_name="models"
    )
    body = RichTextField(blank=True, help_text="Editorial notes on the model.")
    lifecycle = models.CharField(
        "lifecycle status",
        max_length=20,
        choices=Lifecycle.choices,
        blank=True,
        help_text="As the catalogue or the lab says: alpha, beta or deprecated.",
    )

    # Catalogue columns, derived from the routes whenever the page is saved (so when it is
    # published) and when the site's traffic profile changes: the models index filters and
    # sorts thousands of models on them. "Cheapest" is the one meaning used everywhere: the
    # publicly priced route with the lowest monthly bill at the site's traffic profile
    # (comparisons.engine.pricing.cheapest_route), with that route's input and output prices.
    cheapest_input_price = models.DecimalField(
        max_digits=12, decimal_places=6, null=True, blank=True, editable=False
    )
    cheapest_output_price = models.DecimalField(
        max_digits=12, decimal_places=6, null=True, blank=True, editable=False
    )
    cheapest_route = models.CharField(max_length=300, blank=True, editable=False)
    provider_count = models.PositiveIntegerField(default=0, editable=False)
    # Every route retired: the day the last one stopped being listed (engine.lifecycle).
    unlisted_since = models.DateField(null=True, blank=True, editable=False)

    # Catalogue provenance: the key the importer groups rows under ("openai/gpt-oss-120b")
    # and, per field, the value it last wrote with its source and snapshot date. A field
    # whose value no longer equals what the importer wrote was set by an editor, and the
    # importer leaves it alone.
    catalogue_key = models.CharField(
        "catalogue key",
        max_length=200,
        blank=True,
        db_index=True,
        help_text="The canonical model id the catalogue importer groups rows under, e.g. "
        '"openai/gpt-oss-120b".',
    )
    catalogue_values = models.JSONField(default=dict, blank=True, editable=False)

    base_form_class = ModelPageForm
    parent_page_types = ["comparisons.ModelIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("lab"), FieldPanel("release_date")]),
                FieldRowPanel([FieldPanel("product_type"), FieldPanel("best_for")]),
                FieldPanel("lifecycle"),
                FieldPanel("decision_tags", widget=forms.CheckboxSelectMultiple),
                FieldPanel("catalogue_key"),
            ],
            heading="Identity and fit",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("context_window"), FieldPanel("max_output_tokens")]),
                FieldRowPanel(
                    [
                        FieldPanel("parameters_billions"),
                        FieldPanel("parameters_detail"),
                        FieldPanel("parameters_estimated"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("architecture"),
                        FieldPanel("licence"),
                        FieldPanel("knowledge_cutoff"),
                    ]
                ),
            ],
            heading="Specifications",
        ),
        # Compact rows: a model carries up to ~50 routes after a catalogue import. Each
        # route row is headed by its label, as readers see it.
        RouteInlinePanel(
            "routes",
            heading="Provider routes",
            label="Route",
            form_class=ProviderRouteForm,
            help_text="Prices are USD per 1M tokens. Type a provider's name to pick it.",
        ),
        CompactInlinePanel("capability_support", heading="Capabilities", label="Capability"),
        CompactInlinePanel("benchmark_scores", heading="Benchmark scores", label="Score"),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("best_for"),
        index.SearchField("body"),
        index.RelatedFields("lab", [index.SearchField("name")]),
        index.FilterField("lab"),
    ]

    class Meta:
        verbose_name = "model page"
        indexes = [
            models.Index(fields=["cheapest_input_price"]),
            models.Index(fields=["cheapest_output_price"]),
            models.Index(fields=["provider_count"]),
            models.Index(fields=["context_window"]),
            models.Index(fields=["release_date"]),
        ]

    def refresh_catalogue_columns(
        self, routes: list[ProviderRoute] | None = None, traffic: Any = SITE_TRAFFIC
    ) -> None:
        """The cheapest route (its label and prices) and the number of providers, from the
        given routes or the routes as they are on this instance, at `traffic` (by default
        the site's traffic profile)."""
        # The loader reads these models, so it is imported when the columns are computed.
        from comparisons.facts import route_facts, site_default_traffic

        listed = [r for r in (self.routes.all() if routes is None else routes) if r.tracked]
        with_providers(listed)
        if traffic is SITE_TRAFFIC:
            traffic = site_default_traffic()
        facts = route_facts(listed)
        best = cheapest_route(facts, traffic)
        self.cheapest_input_price = best.input_price if best else None
        self.cheapest_output_price = best.output_price if best else None
        self.cheapest_route = best.label[:300] if best else ""
        self.provider_count = provider_count(facts)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_catalogue_columns()
        self.unlisted_since = unlisted_since(r.retired_on for r in self.routes.all())
        super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Rendering is the views' (which read these models): imported when a page renders.
        from comparisons.views.model_page import model_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(model_page_context(self, request))
        return context


def with_providers(routes: list[ProviderRoute]) -> None:
    """Attach each route's provider, fetching the missing ones in one query."""
    missing = {r.provider_id for r in routes if not ProviderRoute.provider.is_cached(r)}
    if missing:
        providers = Provider.objects.in_bulk(missing)
        for route in routes:
            if not ProviderRoute.provider.is_cached(route):
                route.provider = providers[route.provider_id]


def refresh_all_catalogue_columns(**kwargs: Any) -> int:
    """Recompute every model page's catalogue columns (after the site's traffic profile or
    a provider's name changed), writing only pages whose values moved. Returns how many."""
    # The loader reads these models, so it is imported when the columns are computed.
    from comparisons.facts import site_default_traffic

    traffic = site_default_traffic()
    routes: dict[int, list[ProviderRoute]] = {}
    for route in ProviderRoute.objects.filter(retired_on__isnull=True).select_related("provider"):
        routes.setdefault(route.page_id, []).append(route)
    changed = []
    for page in ModelPage.objects.only("pk", *CATALOGUE_COLUMNS):
        before = [getattr(page, f) for f in CATALOGUE_COLUMNS]
        page.refresh_catalogue_columns(routes.get(page.pk, []), traffic)
        if [getattr(page, f) for f in CATALOGUE_COLUMNS] != before:
            changed.append(page)
    ModelPage.objects.bulk_update(changed, CATALOGUE_COLUMNS, batch_size=500)
    return len(changed)
