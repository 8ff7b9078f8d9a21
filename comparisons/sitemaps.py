"""Sitemap sections beyond Wagtail's pages: provider and lab pages.

Wagtail's page sitemap already leaves out unpublished pages and comparisons whose models
are unpublished (ComparisonPage.get_sitemap_urls); on-the-fly comparisons are not pages,
so they are never listed."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from comparisons.models import Lab, Provider


class ProviderSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> Any:
        return Provider.objects.filter(live=True).order_by("slug")

    def location(self, item: Any) -> str:
        return reverse("provider_detail", args=(item.slug,))


class LabSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> Any:
        return Lab.objects.filter(live=True).order_by("slug")

    def location(self, item: Any) -> str:
        return reverse("lab_detail", args=(item.slug,))
