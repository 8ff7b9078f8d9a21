"""What readers may see: one definition, used by the page querysets, the facts loader and
every listing."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def published_q(via: str = "") -> Q:
    """Pages readers may see: live, and under no view restriction (login, password or
    groups) on the page or an ancestor, which the site treats as unpublished. `via`
    reaches the page through a relation ("routes__page__"). A subquery, not a query of its
    own, so query counts stay fixed."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(f"{via}path"), 1, Length("page__path"))
    )
    return Q(**{f"{via}live": True}) & ~Exists(restricted)
