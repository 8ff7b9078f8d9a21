"""The model pages a legacy page's two names refer to, found or created as drafts."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.text import slugify

from comparisons.importers.legacy.parse import LegacyPageError
from comparisons.models import ModelIndexPage, ModelPage


def find_model(name: str, source: str) -> tuple[ModelPage | None, str]:
    """The model page a legacy name refers to: by slug, then title, then catalogue key."""
    slugs = list(dict.fromkeys(filter(None, (slugify(name.replace(".", "-")), slugify(name)))))
    ways = [(Q(slug=slug), f"matched by slug “{slug}”") for slug in slugs]
    ways.append((Q(title__iexact=name), "matched by title"))
    keys = Q(catalogue_key__iexact=name) | Q(catalogue_key__iendswith=f"/{name}")
    for slug in slugs:
        keys |= Q(catalogue_key__iexact=slug) | Q(catalogue_key__iendswith=f"/{slug}")
    ways.append((keys, "matched by catalogue key"))
    for condition, how in ways:
        found = list(ModelPage.objects.filter(condition).order_by("pk")[:3])
        if len(found) > 1:
            titles = ", ".join(f"“{p.title}”" for p in found)
            raise LegacyPageError(
                source, f"“{name}” matches several model pages ({titles}); make it unambiguous."
            )
        if found:
            if how == "matched by catalogue key":
                how = f"matched by catalogue key “{found[0].catalogue_key}”"
            return found[0], how
    return None, ""


def create_model(name: str, source: str, user: Any) -> ModelPage:
    """A title-only draft model page for a name no page matches, as the admin adds one."""
    index = ModelIndexPage.objects.first()
    if index is None:
        raise LegacyPageError(
            source,
            f"no model page matches “{name}”, and there is no models index (/models/) "
            "to add one under.",
        )
    if user and not index.permissions_for_user(user).can_add_subpage():
        raise LegacyPageError(
            source, f"no model page matches “{name}”, and you may not add model pages."
        )
    base = slugify(name.replace(".", "-")) or "model"
    slug, n = base, 1
    while index.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    page = ModelPage(title=name, slug=slug, live=False, owner=user)
    index.add_child(instance=page)  # logs "wagtail.create", as the admin does
    page.save_revision(user=user, log_action=True)
    return page
