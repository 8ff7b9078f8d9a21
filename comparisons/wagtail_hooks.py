"""Admin wiring: the shared reference data as snippets, grouped under one menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from comparisons.importers.catalogue_admin import (
    CatalogueImportView,
    ImportLogViewSet,
    import_log_viewset,
)
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
from comparisons.review.panels import NeedsReReviewPanel
from comparisons.review.report import NeedsReReviewView, can_see_reviews


class LabViewSet(SnippetViewSet):
    model = Lab
    icon = "group"
    list_display = ["name", "slug", "website"]
    ordering = ["name"]


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "site"
    list_display = ["name", "kind", "website", "docs_url"]
    list_filter = ["kind"]
    ordering = ["name"]


class CapabilityViewSet(SnippetViewSet):
    model = Capability
    icon = "tick-inverse"
    list_display = ["name", "sort_order", "description"]
    ordering = ["sort_order", "name"]


class LicenceViewSet(SnippetViewSet):
    model = Licence
    icon = "doc-full"
    list_display = ["name", "openness", "commercial_use", "osi_approved"]
    list_filter = ["openness", "osi_approved"]


class DecisionTagViewSet(SnippetViewSet):
    model = DecisionTag
    icon = "tag"
    list_display = ["name", "sort_order", "description"]
    ordering = ["sort_order", "name"]


class ProductTypeViewSet(SnippetViewSet):
    model = ProductType
    icon = "form"
    list_display = ["name", "description"]


class BenchmarkViewSet(SnippetViewSet):
    model = Benchmark
    icon = "table"
    list_display = ["name", "unit", "higher_is_better", "url"]
    list_filter = ["higher_is_better"]


class TrafficProfileViewSet(SnippetViewSet):
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


# --- legacy page import (comparisons/importers/legacy_admin.py) ----------------------------


@hooks.register("register_admin_urls")
def register_legacy_import_urls() -> list:
    from comparisons.importers.legacy_admin import urlpatterns

    return urlpatterns()


@hooks.register("register_imports_menu_item")
def register_legacy_import_menu_item() -> MenuItem:
    from comparisons.importers.legacy_admin import menu_item

    return menu_item()
