"""Shared reference data, edited once as Wagtail snippets and used by every page."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index


class NamedSnippet(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model
):
    """Name + unique slug, searchable in the admin; the common shape of reference data.

    Reference data is shared by every page, so a change to it is drafted, reviewed and
    published like a page edit: the row holds the published values (a draft lives in a
    revision until the "Editorial review" workflow approves it), and a row created as a
    draft has `live` False and is left out of everything readers see."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("slug"),
        index.FilterField("live"),
    ]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        return self._revisions


class Lab(NamedSnippet):
    """An organisation that trains models (OpenAI, Alibaba, ...)."""

    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = "lab"


class Provider(NamedSnippet):
    """Somewhere a model can be called: a lab's API, a cloud, a gateway or an inference host."""

    class Kind(models.TextChoices):
        LAB_API = "lab_api", "Lab API"
        CLOUD = "cloud", "Cloud platform"
        GATEWAY = "gateway", "Gateway / router"
        INFERENCE = "inference", "Inference host"

    kind = models.CharField(max_length=20, choices=Kind.choices, blank=True)
    website = models.URLField(blank=True)
    docs_url = models.URLField("documentation URL", blank=True)
    description = models.TextField(blank=True)
    catalogue_id = models.CharField(
        "catalogue id",
        max_length=100,
        blank=True,
        db_index=True,
        help_text='The provider\'s id in the models.dev catalogue (e.g. "togetherai"), so '
        "imports attach its routes here.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("docs_url"),
        FieldPanel("description"),
        FieldPanel("catalogue_id"),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = "provider"


class OrderedSnippet(NamedSnippet):
    """Reference data shown in an editorial order rather than alphabetically."""

    sort_order = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers are listed first on every page."
    )
    description = models.TextField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
        FieldPanel("description"),
    ]

    class Meta(NamedSnippet.Meta):
        abstract = True
        ordering = ["sort_order", "name"]


class Capability(OrderedSnippet):
    """A row of the capabilities table (Vision, Function calling, ...)."""

    reader_phrase = models.CharField(
        max_length=80,
        blank=True,
        help_text='How the capability reads mid-sentence, e.g. "multimodal input". '
        "Defaults to the name in lower case.",
    )

    panels = [*OrderedSnippet.panels, FieldPanel("reader_phrase")]

    class Meta(OrderedSnippet.Meta):
        verbose_name = "capability"
        verbose_name_plural = "capabilities"

    @property
    def phrase(self) -> str:
        return self.reader_phrase or self.name.lower()


class DecisionTag(OrderedSnippet):
    """What a model is a good fit for (Coding, Agents, Long context, ...)."""

    reason_phrase = models.CharField(
        max_length=80,
        blank=True,
        help_text='How the tag reads as a reason to choose a model, e.g. "coding workflow '
        'support". Defaults to the name in lower case.',
    )

    panels = [*OrderedSnippet.panels, FieldPanel("reason_phrase")]

    class Meta(OrderedSnippet.Meta):
        verbose_name = "decision tag"


class ProductType(NamedSnippet):
    """How a model is packaged (Coding-specialized model, Standalone API model, ...)."""

    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(NamedSnippet.Meta):
        verbose_name = "product type"


class Licence(NamedSnippet):
    class Openness(models.TextChoices):
        OPEN_SOURCE = "open_source", "Open source"
        OPEN_WEIGHTS = "open_weights", "Open weights"
        PROPRIETARY = "proprietary", "Proprietary"

    openness = models.CharField(max_length=20, choices=Openness.choices)
    commercial_use = models.CharField(
        "commercial-use terms",
        max_length=200,
        blank=True,
        help_text='As readers should see it, e.g. "Commercial use allowed".',
    )
    osi_approved = models.BooleanField(
        "OSI-approved", null=True, blank=True, help_text="Leave unknown if not sourced."
    )
    url = models.URLField("licence text URL", blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("openness"),
        FieldPanel("commercial_use"),
        FieldPanel("osi_approved"),
        FieldPanel("url"),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = "licence"


class Benchmark(NamedSnippet):
    unit = models.CharField(max_length=40, blank=True, help_text='e.g. "%" or "Elo".')
    higher_is_better = models.BooleanField(default=True)
    url = models.URLField(blank=True)
    description = models.TextField(blank=True)
    catalogue_key = models.CharField(
        "catalogue key",
        max_length=300,
        blank=True,
        db_index=True,
        help_text="The catalogue's name for this benchmark and its setup (dataset, version, "
        'harness, variant), e.g. "swe-bench-pro|public|||".',
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("unit"),
        FieldPanel("higher_is_better"),
        FieldPanel("url"),
        FieldPanel("description"),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = "benchmark"


class TrafficProfile(NamedSnippet):
    """A monthly token volume used to turn per-token prices into a monthly bill."""

    monthly_input_tokens = models.PositiveBigIntegerField()
    monthly_output_tokens = models.PositiveBigIntegerField()
    description = models.TextField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("monthly_input_tokens"),
        FieldPanel("monthly_output_tokens"),
        FieldPanel("description"),
    ]

    class Meta(NamedSnippet.Meta):
        verbose_name = "traffic profile"

    def clean(self) -> None:
        super().clean()
        if not (self.monthly_input_tokens or 0) + (self.monthly_output_tokens or 0):
            raise ValidationError(
                "A traffic profile needs some monthly input or output tokens; with none, "
                "every model would cost $0."
            )
