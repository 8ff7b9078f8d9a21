"""Reader-facing routes that are not Wagtail pages (none yet; pages are served by Wagtail)."""

urlpatterns: list = []
