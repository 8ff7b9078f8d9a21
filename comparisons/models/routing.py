"""Routing through the indexes in one query per level instead of two."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from wagtail.models import Page
from wagtail.url_routing import RouteResult


def route_to_child(
    parent: Page, child_model: type[Page], request: HttpRequest, path_components: list[str]
) -> RouteResult:
    """Wagtail's Page.route, for an index whose children are all `child_model`
    (its subpage_types): the child is read as its own class at once, where Wagtail reads
    the base page and then its specific row. Raises Http404 like Page.route."""
    if not path_components:
        return Page.route(parent, request, path_components)
    try:
        child = child_model.objects.child_of(parent).get(slug=path_components[0])
    except child_model.DoesNotExist as e:
        raise Http404 from e
    child._cached_parent_obj = parent  # as Page.route does: get_parent() costs no query
    return child.route(request, path_components[1:])


def route_through_children(
    parent: Page, request: HttpRequest, path_components: list[str]
) -> RouteResult:
    """Wagtail's Page.route, for a page whose children may be of any type (a home page):
    when the address goes deeper than the child, the child only routes on, so its
    specific class is taken without reading its own fields (Django reads a field if
    the child then serves the request itself)."""
    if len(path_components) < 2:
        return Page.route(parent, request, path_components)
    try:
        child = parent.get_children().get(slug=path_components[0])
    except Page.DoesNotExist as e:
        raise Http404 from e
    specific = child.specific_deferred
    specific._cached_parent_obj = parent
    return specific.route(request, path_components[1:])
