"""The rendering side of comparisons.rich_text: the editor widget, and the link and embed
handlers that render a malformed stored reference as text (readers) or drop it (editor)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db.models import Model
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.rich_text.converters.contentstate import link_entity
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    ExternalLinkElementHandler,
    PageLinkElementHandler,
)
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.documents.rich_text.contentstate import (
    DocumentLinkElementHandler,
    document_link_entity,
)
from wagtail.images import get_image_model
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.images.rich_text.contentstate import ImageElementHandler, image_entity
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from comparisons.rich_text import UNREADABLE, image_format_names, object_id

logger = logging.getLogger(__name__)


class RichTextArea(DraftailRichTextArea):
    """Wagtail's Draftail editor, except that contentstate which cannot be converted (not
    JSON, or not the shape Draftail sends) becomes UNREADABLE, which validation refuses
    with a message on the field, instead of an exception and a server error."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str | None:
        try:
            return super().value_from_datadict(data, files, name)
        except Exception:  # any failure of the converter on untrusted input
            logger.warning("Unreadable rich text posted for %s", name, exc_info=True)
            return UNREADABLE


# --- on the way out: readers ----------------------------------------------------------------


def _has_id(attrs: dict) -> bool:
    return object_id(attrs) is not None


def _without_malformed(
    attrs_list: list[dict],
    kind: str,
    resolve: Callable[[list[dict]], list[Any]],
    *,
    usable: Callable[[dict], bool] = _has_id,
    instead: Any = None,
) -> list[Any]:
    """`resolve` applied to the usable entries (ids normalised); `instead` for the others,
    each logged."""
    positions = []
    for position, attrs in enumerate(attrs_list):
        if usable(attrs):
            positions.append(position)
        else:
            logger.warning("Rich text %s %r left out: malformed", kind, attrs)
    results = [instead] * len(attrs_list)
    resolved = resolve([{**attrs_list[i], "id": str(object_id(attrs_list[i]))} for i in positions])
    for position, result in zip(positions, resolved, strict=True):
        results[position] = result
    return results


def _references(model: type[Model], attrs: dict) -> Any:
    found = object_id(attrs)
    if found is not None:
        yield model, str(found), "", ""


class PageLinks(PageLinkHandler):
    """A malformed page link renders as its text (Wagtail's "<a>" for a missing page)."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Model]:
        return _without_malformed(attrs_list, "page link", super().get_many)

    @classmethod
    def extract_references(cls, attrs: dict) -> Any:
        yield from _references(Page, attrs)


class DocumentLinks(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Model]:
        return _without_malformed(attrs_list, "document link", super().get_many)

    @classmethod
    def extract_references(cls, attrs: dict) -> Any:
        yield from _references(get_document_model(), attrs)


class ImageEmbeds(ImageEmbedHandler):
    """A malformed image (an id that is not a number, a format that does not exist)
    renders as nothing."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        formats = image_format_names()
        return _without_malformed(
            attrs_list,
            "image",
            super().expand_db_attributes_many,
            usable=lambda attrs: _has_id(attrs) and attrs.get("format") in formats,
            instead="",
        )

    @classmethod
    def extract_references(cls, attrs: dict) -> Any:
        yield from _references(get_image_model(), attrs)


# --- on the way out: the page editor --------------------------------------------------------


class _DropsMalformedLinks:
    """A link element whose id is malformed becomes plain text in the editor, so the page
    opens; saving it then stores the text without the link. The parser shares one handler
    between documents, so what each start tag decided is kept on the parse's own state."""

    def handle_starttag(self, name: str, attrs: Any, state: Any, contentstate: Any) -> None:
        kept = state.__dict__.setdefault("links_kept", [])
        if object_id(dict(attrs)) is None:
            logger.warning("Rich text link with id %r dropped in the editor", dict(attrs).get("id"))
            kept.append(False)
            return
        kept.append(True)
        super().handle_starttag(name, attrs, state, contentstate)  # type: ignore[misc]

    def handle_endtag(self, name: str, state: Any, contentstate: Any) -> None:
        if state.__dict__.setdefault("links_kept", []).pop():
            super().handle_endtag(name, state, contentstate)  # type: ignore[misc]


class PageLinkElement(_DropsMalformedLinks, PageLinkElementHandler):
    pass


class DocumentLinkElement(_DropsMalformedLinks, DocumentLinkElementHandler):
    pass


class ImageElement(ImageElementHandler):
    """A malformed image is left out of the editor's content."""

    def handle_starttag(self, name: str, attrs: Any, state: Any, contentstate: Any) -> None:
        attr_dict = dict(attrs)
        if object_id(attr_dict) is None or attr_dict.get("format") not in image_format_names():
            logger.warning("Rich text image %r dropped in the editor", attr_dict)
            return
        super().handle_starttag(name, attrs, state, contentstate)


def register_safe_references(features: Any) -> None:
    """Replace Wagtail's page link, document link and image handlers (readers) and their
    contentstate rules (editor) with the versions above."""
    features.register_link_type(PageLinks)
    features.register_link_type(DocumentLinks)
    features.register_embed_type(ImageEmbeds)
    features.register_converter_rule(
        "contentstate",
        "link",
        {
            "from_database_format": {
                "a[href]": ExternalLinkElementHandler("LINK"),
                'a[linktype="page"]': PageLinkElement("LINK"),
            },
            "to_database_format": {"entity_decorators": {"LINK": link_entity}},
        },
    )
    features.register_converter_rule(
        "contentstate",
        "document-link",
        {
            "from_database_format": {'a[linktype="document"]': DocumentLinkElement("DOCUMENT")},
            "to_database_format": {"entity_decorators": {"DOCUMENT": document_link_entity}},
        },
    )
    features.register_converter_rule(
        "contentstate",
        "image",
        {
            "from_database_format": {'embed[embedtype="image"]': ImageElement()},
            "to_database_format": {"entity_decorators": {"IMAGE": image_entity}},
        },
    )
