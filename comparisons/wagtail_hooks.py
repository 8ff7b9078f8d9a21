"""Admin wiring: the shared reference data as snippets, grouped under one menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from comparisons.comparison_admin import (
    SiteWidePageViewSet,
    comparison_listing_viewset,
    model_page_chooser_viewset,
    site_wide_page_viewset,
)
from comparisons.importers.catalogue.admin import CatalogueImportView
from comparisons.importers.import_log import ImportLogViewSet, import_log_viewset
from comparisons.importers.legacy.admin import menu_item, urlpatterns
from comparisons.models import (
    Benchmark,
    Capability,
    DecisionTag,
    Lab,
    Licence,
    ProductType,
    Provider,
    TrafficProfile,
)
from comparisons.review.admin_views import (
    PAGE_WORKFLOW_ACTION,
    AwaitingReviewPanel,
    PageWorkflowAction,
    ReviewedSnippetViewSet,
)
from comparisons.review.panels import NeedsReReviewPanel
from comparisons.review.report import NeedsReReviewView, can_see_reviews
from comparisons.rich_text_handlers import register_safe_references


class LabViewSet(ReviewedSnippetViewSet):
    model = Lab
    icon = "group"
    list_display = ["name", "slug", "website"]
    ordering = ["name"]


class ProviderViewSet(ReviewedSnippetViewSet):
    model = Provider
    icon = "site"
    list_display = ["name", "kind", "website", "docs_url"]
    list_filter = ["kind"]
    ordering = ["name"]


class CapabilityViewSet(ReviewedSnippetViewSet):
    model = Capability
    icon = "tick-inverse"
    list_display = ["name", "sort_order", "description"]
    ordering = ["sort_order", "name"]


class LicenceViewSet(ReviewedSnippetViewSet):
    model = Licence
    icon = "doc-full"
    # Yes/no/unknown as Wagtail's tick, cross and question icons, not "True"/"False"/blank.
    list_display = [
        "name",
        "openness",
        "commercial_use",
        BooleanColumn("osi_approved", label="OSI-approved", sort_key="osi_approved"),
    ]
    list_filter = ["openness", "osi_approved"]


class DecisionTagViewSet(ReviewedSnippetViewSet):
    model = DecisionTag
    icon = "tag"
    list_display = ["name", "sort_order", "description"]
    ordering = ["sort_order", "name"]


class ProductTypeViewSet(ReviewedSnippetViewSet):
    model = ProductType
    icon = "form"
    list_display = ["name", "description"]


class BenchmarkViewSet(ReviewedSnippetViewSet):
    model = Benchmark
    icon = "table"
    list_display = [
        "name",
        "unit",
        BooleanColumn("higher_is_better", label="Higher is better", sort_key="higher_is_better"),
        "url",
    ]
    list_filter = ["higher_is_better"]


class TrafficProfileViewSet(ReviewedSnippetViewSet):
    model = TrafficProfile
    icon = "time"
    list_display = ["name", "monthly_input_tokens", "monthly_output_tokens"]


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = "Reference data"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        LabViewSet,
        ProviderViewSet,
        CapabilityViewSet,
        LicenceViewSet,
        DecisionTagViewSet,
        ProductTypeViewSet,
        BenchmarkViewSet,
        TrafficProfileViewSet,
    )


register_snippet(ReferenceDataGroup)


# --- comparisons: model chooser, comparison listing, page search ------------------------


@hooks.register("register_admin_viewset")
def register_comparison_admin() -> list:
    return [model_page_chooser_viewset, comparison_listing_viewset]


# After Wagtail's own registration of the page views, so that this one is used.
@hooks.register("register_admin_viewset", order=1)
def register_site_wide_page_viewset() -> SiteWidePageViewSet:
    return site_wide_page_viewset


# --- imports --------------------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_import_log() -> ImportLogViewSet:
    return import_log_viewset


@hooks.register("register_admin_urls")
def register_import_urls() -> list:
    return [
        path(
            "imports/catalogue/", CatalogueImportView.as_view(), name="comparisons_import_catalogue"
        )
    ]


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users holding a permission."""

    def __init__(self, *args, permission: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


imports_menu = Menu(register_hook_name="register_imports_menu_item", construct_hook_name=None)


@hooks.register("register_admin_menu_item")
def register_imports_menu() -> SubmenuMenuItem:
    return SubmenuMenuItem("Imports", imports_menu, icon_name="download", order=250)


@hooks.register("register_imports_menu_item")
def register_catalogue_import_menu_item() -> MenuItem:
    return PermissionMenuItem(
        "Import catalogue",
        reverse("comparisons_import_catalogue"),
        icon_name="download",
        order=10,
        permission="comparisons.add_importrun",
    )


@hooks.register("register_imports_menu_item")
def register_import_log_menu_item() -> MenuItem:
    return PermissionMenuItem(
        "Import log",
        reverse("comparisons_import_log:index"),
        icon_name="history",
        order=90,
        permission="comparisons.view_importrun",
    )


# --- review ---------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_review_urls() -> list:
    view = NeedsReReviewView
    return [
        path("reports/needs-re-review/", view.as_view(), name="comparisons_needs_re_review"),
        path(
            "reports/needs-re-review/results/",
            view.as_view(results_only=True),
            name="comparisons_needs_re_review_results",
        ),
        path(
            "review/pages/<int:page_id>/<str:action_name>/<int:task_state_id>/",
            PageWorkflowAction.as_view(),
            name=PAGE_WORKFLOW_ACTION,
        ),
    ]


class NeedsReReviewMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_see_reviews(request.user)


@hooks.register("register_reports_menu_item")
def register_needs_re_review_menu_item() -> MenuItem:
    return NeedsReReviewMenuItem(
        "Needs re-review",
        reverse("comparisons_needs_re_review"),
        icon_name="warning",
        order=50,
    )


@hooks.register("construct_homepage_panels")
def add_needs_re_review_panel(request, panels) -> None:
    if can_see_reviews(request.user):
        panels.append(NeedsReReviewPanel())


@hooks.register("construct_homepage_panels")
def replace_awaiting_review_panel(request, panels) -> None:
    """ "Awaiting your review" with a confirmation after each action and, after a
    resubmission, a comparison with the revision reviewed before."""
    from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

    for index, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[index] = AwaitingReviewPanel()


# --- legacy page import (comparisons/importers/legacy/admin.py) ----------------------------


@hooks.register("register_admin_urls")
def register_legacy_import_urls() -> list:
    return urlpatterns()


@hooks.register("register_imports_menu_item")
def register_legacy_import_menu_item() -> MenuItem:
    return menu_item()


# After Wagtail's own registrations (order 0), which these replace.
@hooks.register("register_rich_text_features", order=100)
def safe_rich_text_references(features) -> None:
    register_safe_references(features)
