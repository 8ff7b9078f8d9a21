"""A model page's inline facts: provider routes, capability support, benchmark scores.

Inlines hang off a modelcluster ParentalKey so they are part of the page's revisions:
a price change is drafted, reviewed and published like any other edit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from comparisons.admin_panels import NameInput
from comparisons.validators import not_in_future

PRICE_FIELD_OPTIONS: dict[str, Any] = {
    "max_digits": 12,
    "decimal_places": 6,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(Decimal("0"))],
}
# The browser's own date picker in inline rows: no script per field.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProviderRoute(Orderable):
    """One way to call a model: a provider and its prices (USD per 1M tokens)."""

    page = ParentalKey("comparisons.ModelPage", on_delete=models.CASCADE, related_name="routes")
    provider = models.ForeignKey(
        "comparisons.Provider", on_delete=models.PROTECT, related_name="routes"
    )
    provider_model_id = models.CharField(
        "provider's model id", max_length=200, blank=True, help_text='e.g. "openai/gpt-oss-120b".'
    )
    input_price = models.DecimalField("input price (USD / 1M tokens)", **PRICE_FIELD_OPTIONS)
    output_price = models.DecimalField("output price (USD / 1M tokens)", **PRICE_FIELD_OPTIONS)
    cached_input_price = models.DecimalField(
        "cached input price (USD / 1M tokens)", **PRICE_FIELD_OPTIONS
    )
    context_limit = models.PositiveIntegerField(
        "route context limit (tokens)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    cache_write_price = models.DecimalField(
        "cache write price (USD / 1M tokens)", **PRICE_FIELD_OPTIONS
    )
    long_context_threshold = models.PositiveIntegerField(
        "long-context tier from (tokens)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Prompts longer than this are billed at the long-context prices.",
    )
    long_context_input_price = models.DecimalField(
        "long-context input price (USD / 1M tokens)", **PRICE_FIELD_OPTIONS
    )
    long_context_output_price = models.DecimalField(
        "long-context output price (USD / 1M tokens)", **PRICE_FIELD_OPTIONS
    )
    variant = models.CharField(
        max_length=40,
        blank=True,
        help_text='A variant of the same model on this provider, e.g. "free" or "fast".',
    )
    source_url = models.URLField(blank=True)
    checked_on = models.DateField(null=True, blank=True, validators=[not_in_future])
    retired_on = models.DateField(
        "no longer listed since",
        null=True,
        blank=True,
        help_text="Set when the catalogue stops listing this route: it is kept for the "
        "record but left out of prices, tables and counts. Clear it to list the route again.",
    )
    catalogue_key = models.CharField(
        "catalogue key",
        max_length=300,
        blank=True,
        db_index=True,
        help_text='The catalogue row this route comes from: "provider id/model id".',
    )
    catalogue_values = models.JSONField(default=dict, blank=True, editable=False)

    # One grid per row (CompactInlinePanel); the short headings fit its columns.
    panels = [
        FieldPanel("provider", widget=NameInput("comparisons.Provider", "provider-names")),
        FieldPanel("provider_model_id", heading="Provider's model id"),
        FieldPanel("variant"),
        FieldPanel("context_limit", heading="Context limit (tokens)"),
        FieldPanel("input_price", heading="Input"),
        FieldPanel("output_price", heading="Output"),
        FieldPanel("cached_input_price", heading="Cached input"),
        FieldPanel("cache_write_price", heading="Cache write"),
        FieldPanel("checked_on", widget=DATE_INPUT),
        FieldPanel("retired_on", heading="No longer listed since", widget=DATE_INPUT),
        FieldPanel("source_url", heading="Source URL"),
        FieldPanel("long_context_threshold", heading="Long-context tier from (tokens)"),
        FieldPanel("long_context_input_price", heading="Long-context input"),
        FieldPanel("long_context_output_price", heading="Long-context output"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "provider route"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(input_price__gte=0) | models.Q(input_price__isnull=True),
                name="route_input_price_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(output_price__gte=0) | models.Q(output_price__isnull=True),
                name="route_output_price_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(cached_input_price__gte=0)
                | models.Q(cached_input_price__isnull=True),
                name="route_cached_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} route"

    @property
    def tracked(self) -> bool:
        return self.retired_on is None


class CapabilitySupport(models.Model):
    class Support(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        UNKNOWN = "unknown", "Not sourced"

    page = ParentalKey(
        "comparisons.ModelPage", on_delete=models.CASCADE, related_name="capability_support"
    )
    capability = models.ForeignKey(
        "comparisons.Capability", on_delete=models.PROTECT, related_name="support"
    )
    support = models.CharField(max_length=10, choices=Support.choices, default=Support.UNKNOWN)
    source_url = models.URLField(blank=True)

    panels = [
        FieldPanel("capability", widget=forms.Select),
        FieldPanel("support"),
        FieldPanel("source_url", heading="Source URL"),
    ]

    class Meta:
        verbose_name = "capability support"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "capability"], name="one_support_per_capability"
            )
        ]

    def __str__(self) -> str:
        return f"{self.capability}: {self.get_support_display()}"


class BenchmarkScore(models.Model):
    page = ParentalKey(
        "comparisons.ModelPage", on_delete=models.CASCADE, related_name="benchmark_scores"
    )
    benchmark = models.ForeignKey(
        "comparisons.Benchmark", on_delete=models.PROTECT, related_name="scores"
    )
    score = models.DecimalField(max_digits=10, decimal_places=3)
    source_url = models.URLField(blank=True)
    measured_on = models.DateField(null=True, blank=True, validators=[not_in_future])
    # What the catalogue importer last wrote here, per value (importers.ownership).
    catalogue_values = models.JSONField(default=dict, blank=True, editable=False)

    panels = [
        FieldPanel("benchmark", widget=forms.Select),
        FieldPanel("score"),
        FieldPanel("source_url", heading="Source URL"),
        FieldPanel("measured_on", widget=DATE_INPUT),
    ]

    class Meta:
        verbose_name = "benchmark score"
        constraints = [
            models.UniqueConstraint(fields=["page", "benchmark"], name="one_score_per_benchmark")
        ]

    def __str__(self) -> str:
        return f"{self.benchmark}: {self.score}"
