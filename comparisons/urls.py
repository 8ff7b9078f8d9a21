"""Reader-facing routes that are not Wagtail pages."""

from django.urls import path

from comparisons.views import directory, feeds, search

urlpatterns = [
    path("providers/", directory.provider_index, name="provider_index"),
    path("providers/<slug:slug>/", directory.provider_detail, name="provider_detail"),
    path("labs/", directory.lab_index, name="lab_index"),
    path("labs/<slug:slug>/", directory.lab_detail, name="lab_detail"),
    path("search/", search.search, name="search"),
    path("robots.txt", feeds.robots_txt, name="robots_txt"),
    path("feeds/reviewed/", feeds.ReviewedComparisonsFeed(), name="reviewed_feed"),
]
