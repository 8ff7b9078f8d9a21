"""Admin views for comparisons: the model chooser used for model A and B, and the flat
listing of comparison pages with their review state.

With the full catalogue several models share a title ("Claude Sonnet 4.5" from two labs,
or a dated release of it), so the chooser lists each model's lab and slug and ranks a
search the way the public type-ahead does (comparisons.picker.rank_by_name)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageTitleColumn
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet, PageViewSet
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.models import Page

from comparisons.facts import site_default_traffic
from comparisons.models import ComparisonPage, ModelPage, ReferenceSettings
from comparisons.picker import normalise, rank_by_name
from comparisons.review.status import ReviewStatus, review_statuses

# --- the model chooser -----------------------------------------------------------------


def model_label(page: ModelPage) -> str:
    """A model as the chooser names it once chosen: title, lab and slug, which together
    tell apart models that share a title."""
    lab = page.lab.name if page.lab_id else "no lab"
    return f"{page.title} ({lab}, {page.slug})"


class ModelSearchForm(BaseFilterForm):
    q = forms.CharField(
        label="Search term",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Name, slug or lab"}),
    )

    def filter(self, objects: QuerySet) -> QuerySet:
        query = normalise(self.cleaned_data.get("q") or "")
        if query:
            self.is_searching = True
            self.search_query = query
            objects = rank_by_name(objects, query, also=("lab__name",))
        return objects


class ModelChooseViewMixin:
    filter_form_class = ModelSearchForm
    per_page = 20

    @property
    def columns(self) -> list[Column]:
        return [
            self.title_column,
            Column("lab", label="Lab", accessor=lambda p: p.lab.name if p.lab_id else "—"),
            Column("slug", label="Slug"),
            LiveStatusTagColumn(sort_key=None),
        ]


class ModelChooseView(ModelChooseViewMixin, chooser_views.ChooseView):
    pass


class ModelChooseResultsView(ModelChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class ModelChosenView(chooser_views.ChosenView):
    def get_display_title(self, instance: ModelPage) -> str:
        return model_label(instance)


class ModelChooserWidgetBase(BaseChooser):
    def get_display_title(self, instance: ModelPage) -> str:
        return model_label(instance)


class ModelPageChooserViewSet(ChooserViewSet):
    """Registered for every ForeignKey to ModelPage, so model A and B use it."""

    model = ModelPage
    icon = "table"
    choose_one_text = "Choose a model"
    choose_another_text = "Choose another model"
    edit_item_text = "Edit this model"
    choose_view_class = ModelChooseView
    choose_results_view_class = ModelChooseResultsView
    chosen_view_class = ModelChosenView
    base_widget_class = ModelChooserWidgetBase

    def get_object_list(self) -> QuerySet:
        return ModelPage.objects.select_related("lab").order_by("title", "slug")


model_page_chooser_viewset = ModelPageChooserViewSet("model_page_chooser")


# --- the comparison listing ------------------------------------------------------------


class ComparisonFilterSet(PageFilterSet):
    model = django_filters.CharFilter(
        label="Model",
        method="filter_model",
        help_text="Part of the name or slug of model A or model B.",
    )

    class Meta:
        model = ComparisonPage
        fields: list[str] = []

    def filter_model(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A text box, not a list of every model: the catalogue holds well over a thousand.
        for word in normalise(value).split():
            queryset = queryset.filter(
                Q(model_a__title__icontains=word)
                | Q(model_a__slug__icontains=word)
                | Q(model_b__title__icontains=word)
                | Q(model_b__slug__icontains=word)
            )
        return queryset


class ComparisonIndexView(IndexView):
    """Comparison pages with the models they compare and their review state."""

    def get_base_queryset(self) -> QuerySet:
        return super().get_base_queryset().select_related("model_a", "model_b").with_review_date()

    def get_table(self, object_list: Any) -> Any:
        # The review state of the pages on this page of results, in a fixed number of
        # queries. The listing's own page objects come without their sections, which the
        # claim check reads, so the pages are fetched once more, whole.
        pages = list(
            ComparisonPage.objects.filter(pk__in=[p.pk for p in object_list]).select_related(
                "model_a", "model_b"
            )
        )
        settings = ReferenceSettings.for_request(self.request)
        statuses = review_statuses(
            pages,
            site_default_traffic(request=self.request),
            max_age_days=settings.review_max_age_days,
        )
        for page in object_list:
            status = statuses.get(page.pk)
            page.review_state = review_state_text(status) if status else ""
        return super().get_table(object_list)


def review_state_text(status: ReviewStatus) -> str:
    return "; ".join(status.reasons) or "Up to date"


class ComparisonListingViewSet(PageListingViewSet):
    model = ComparisonPage
    icon = "resubmit"
    menu_label = "Comparisons"
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = ComparisonIndexView
    filterset_class = ComparisonFilterSet
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label="Title", sort_key="title", classname="title"),
        Column("model_a", label="Model A", sort_key="model_a__title"),
        Column("model_b", label="Model B", sort_key="model_b__title"),
        Column(
            "reviewed_on",
            label="Last reviewed",
            sort_key="reviewed_on",
            # As the reader page says it ("Last reviewed: 2026-05-14.").
            accessor=lambda page: page.reviewed_on.isoformat() if page.reviewed_on else "Never",
        ),
        Column("review_state", label="Review status"),
        LiveStatusTagColumn(),
    ]


comparison_listing_viewset = ComparisonListingViewSet("comparison_pages")


# --- the page search --------------------------------------------------------------------


class PageSearchView(SearchView):
    # Wagtail's page search (the dashboard's search box) names no kind of item, so its
    # results header read "1-20 of 54 None".
    verbose_name = "page"
    verbose_name_plural = "pages"


class SiteWidePageViewSet(PageViewSet):
    """Wagtail's views for every page type, with the page search above."""

    model = Page
    search_view_class = PageSearchView


site_wide_page_viewset = SiteWidePageViewSet()
