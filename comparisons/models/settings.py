"""Site-wide editorial settings (wagtail.contrib.settings)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class ReferenceSettings(BaseSiteSetting):
    data_source_sentence = models.CharField(
        max_length=300,
        default="Data sourced from public model cards and provider documentation.",
        help_text='Shown after "Last reviewed" on every comparison.',
    )
    default_traffic_profile = models.ForeignKey(
        "comparisons.TrafficProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Used for monthly cost figures unless a section picks another profile.",
    )

    review_max_age_days = models.PositiveIntegerField(
        default=180,
        help_text="Reviews older than this many days are listed in the Needs re-review report.",
    )

    select_related = ["default_traffic_profile"]

    panels = [
        FieldPanel("data_source_sentence"),
        FieldPanel("default_traffic_profile"),
        FieldPanel("review_max_age_days"),
    ]

    class Meta:
        verbose_name = "reference data settings"
