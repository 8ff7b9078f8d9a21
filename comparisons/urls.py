"""Reader-facing routes that are not Wagtail pages. A site mounts them with
`path("", include("comparisons.urls"))` (any prefix works: nothing here assumes one)."""

from django.urls import path

from comparisons.views import directory, feeds, search

app_name = "comparisons"

urlpatterns = [
    path("providers/", directory.provider_index, name="provider_index"),
    path("providers/<slug:slug>/", directory.provider_detail, name="provider_detail"),
    path("labs/", directory.lab_index, name="lab_index"),
    path("labs/<slug:slug>/", directory.lab_detail, name="lab_detail"),
    # Search covers the plugin's own content (models, comparisons, providers, labs), so it
    # ships with the plugin; the site decides where it lives by where it includes these.
    path("search/", search.search, name="search"),
    path("feeds/reviewed/", feeds.ReviewedComparisonsFeed(), name="reviewed_feed"),
]
