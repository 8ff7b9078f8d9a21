"""Reader-facing routes that are not Wagtail pages."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
