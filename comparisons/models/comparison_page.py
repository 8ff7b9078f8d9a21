"""Comparison pages: "Model A vs Model B", generated from facts plus editors' prose."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Greatest, Least, Lower
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import classproperty
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult

from comparisons.blocks import SECTION_BLOCKS, SECTION_COUNTS, default_sections
from comparisons.conf import index_parent_page_types
from comparisons.editor_panels import GeneratedDraftsPanel
from comparisons.forms import ComparisonPageForm
from comparisons.models.review import ReviewStamp
from comparisons.models.routing import route_to_child
from comparisons.models.visibility import published_q
from comparisons.pair_slugs import pair_slug
from comparisons.review.panels import ReviewStatusPanel


class ComparisonPageQuerySet(PageQuerySet):
    def servable(self) -> ComparisonPageQuerySet:
        """Comparisons readers can open: the page and both its models are published (live,
        and not restricted to some readers), so a private comparison is listed nowhere."""
        return self.filter(published_q(), published_q("model_a__"), published_q("model_b__"))

    def with_review_date(self) -> ComparisonPageQuerySet:
        """Annotate `reviewed_on`: the date of each page's latest review stamp."""
        latest = ReviewStamp.objects.filter(page=OuterRef("pk")).order_by(
            "-reviewed_on", "-created_at"
        )
        return self.annotate(reviewed_on=Subquery(latest.values("reviewed_on")[:1]))


ComparisonPageManager = PageManager.from_queryset(ComparisonPageQuerySet)


class ComparisonIndexPage(Page):
    """/compare/: lists comparisons and resolves pair URLs in either order."""

    intro = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["comparisons.ComparisonPage"]
    max_count = 1

    @classproperty
    def parent_page_types(cls) -> list[str] | None:
        """The site's choice (COMPARISONS_INDEX_PARENT_PAGE_TYPES); any page by default."""
        return index_parent_page_types()

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        try:
            return route_to_child(self, ComparisonPage, request, path_components)
        except Http404:
            if len(path_components) != 1:
                raise
        # No editorial page with this slug: another order, or a pair generated on the fly.
        return RouteResult(self, args=("pair", path_components[0]))

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Rendering is the views' (which read these models): imported when a page renders.
        from comparisons.views.pairs import serve_pair_path, serve_picker

        if args and args[0] == "pair":
            return serve_pair_path(request, self, args[1])
        if "a" in request.GET or "b" in request.GET:
            response = serve_picker(request, self)
            if response is not None:
                return response
        return super().serve(request, *args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["comparisons"] = (
            ComparisonPage.objects.child_of(self)
            .live()
            .servable()
            .select_related("model_a", "model_b")
            .with_review_date()
            .order_by(Lower("title"))
        )
        return context


class ComparisonPage(Page):
    model_a = models.ForeignKey(
        "comparisons.ModelPage",
        on_delete=models.PROTECT,
        related_name="comparisons_as_a",
        verbose_name="model A",
    )
    model_b = models.ForeignKey(
        "comparisons.ModelPage",
        on_delete=models.PROTECT,
        related_name="comparisons_as_b",
        verbose_name="model B",
    )
    sections = StreamField(
        SECTION_BLOCKS,
        block_counts=SECTION_COUNTS,
        default=default_sections,
        help_text="Generated sections render from the models' data; reorder, remove or tune "
        "them, and write the verdict, deep dive and FAQ.",
    )

    base_form_class = ComparisonPageForm
    parent_page_types = ["comparisons.ComparisonIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("model_a"), FieldPanel("model_b")])],
            heading="Models compared",
            help_text="Title and URL follow from the two models: /compare/<a>-vs-<b>/.",
        ),
        FieldPanel("title"),
        ReviewStatusPanel(heading="Review status"),
        GeneratedDraftsPanel(heading="Generated drafts"),
        FieldPanel("sections"),
    ]
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug", read_only=True),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            heading="For search engines",
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.RelatedFields("model_a", [index.SearchField("title")]),
        index.RelatedFields("model_b", [index.SearchField("title")]),
        index.FilterField("model_a"),
        index.FilterField("model_b"),
    ]

    objects = ComparisonPageManager()

    class Meta:
        verbose_name = "comparison page"
        constraints = [
            models.CheckConstraint(
                condition=~Q(model_a=models.F("model_b")), name="comparison_models_differ"
            ),
            # One page per unordered pair, whatever the order it was created in.
            models.UniqueConstraint(
                Least("model_a", "model_b"),
                Greatest("model_a", "model_b"),
                name="one_page_per_pair",
                violation_error_message="A comparison of these two models already exists.",
            ),
        ]

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict]:
        if not ComparisonPage.objects.filter(pk=self.pk).servable().exists():
            return []
        return super().get_sitemap_urls(request)

    def fill_identity(self) -> None:
        """The URL is fixed by the pair (/compare/<a>-vs-<b>/). The title defaults to
        "A vs B" and may be edited; an untouched default follows a change of pair."""
        if not self.model_a_id or not self.model_b_id:
            return
        self.slug = pair_slug(self.model_a.slug, self.model_b.slug)
        previous_default = None
        if self.pk:
            saved = (
                ComparisonPage.objects.filter(pk=self.pk)
                .values_list("model_a__title", "model_b__title")
                .first()
            )
            previous_default = f"{saved[0]} vs {saved[1]}" if saved else None
        if not self.title or self.title == previous_default:
            self.title = f"{self.model_a.title} vs {self.model_b.title}"

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self.fill_identity()
        super().full_clean(*args, **kwargs)

    def clean(self) -> None:
        # The pair checks come first: for this page the slug is the pair, so when the pair
        # has a page, that is what the editor is told, on the model field they chose
        # (the slug is not in the editor's form, so an error on it could not be shown).
        self.clean_pair()
        super().clean()

    def clean_pair(self) -> None:
        if not self.model_a_id or not self.model_b_id:
            return
        if self.model_a_id == self.model_b_id:
            raise ValidationError(
                {"model_b": "Pick two different models: a model cannot be compared with itself."}
            )
        clash = (
            ComparisonPage.objects.filter(
                Q(model_a_id=self.model_a_id, model_b_id=self.model_b_id)
                | Q(model_a_id=self.model_b_id, model_b_id=self.model_a_id)
            )
            .exclude(pk=self.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError(
                {
                    "model_b": f"A comparison of these two models already exists: "
                    f"“{clash.title}”. Edit that page instead."
                }
            )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Rendering is the views' (which read these models): imported when a page renders.
        from comparisons.views.comparison_page import comparison_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(comparison_page_context(self, request))
        return context
