"""`wagtail start`'s urls.py (without its search app), with the README's urls block
before Wagtail's catch-all."""

from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# --- the README's urls block ---
from comparisons.api import api  # noqa: E402

urlpatterns += [
    path("api/v1/", api.urls),  # the JSON API; the picker's suggestions use it
    path("", include("comparisons.urls")),  # providers, labs, search, the feed
]
# --- end of the README's urls block ---

# Wagtail serves every other address.
urlpatterns += [path("", include(wagtail_urls))]
