"""Rich text whose references always hold: checked when an editor saves, harmless when
a stored one is broken.

Wagtail stores a link to a page or document as <a linktype="page" id="12"> and an image as
<embed embedtype="image" id="3" format="left"/>, and looks the ids up when the text is
rendered. Its own editor only ever sends numeric ids of existing objects, but the admin
accepts whatever a POST says: an id such as "1 x" or an unknown image format is stored as
is and then raises on every render, for readers and in the page editor alike. So:

- on the way in, ``validate_rich_text`` refuses references that do not resolve, and the
  editor widget turns contentstate it cannot read into a value that check refuses (a form
  error on the field instead of a server error);
- on the way out, the link and embed handlers in comparisons.rich_text_handlers
  (registered in wagtail_hooks) render a malformed reference as its text without the link
  (an image: nothing) and log it, and the editor's converter drops it the same way, so an
  editor can open the page and save it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.html import strip_tags
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

# What the editor widget stores when the posted contentstate cannot be read; only
# validate_rich_text looks for it (no editor can produce it), and it renders as nothing.
UNREADABLE = '<p data-unreadable-rich-text="true"></p>'


def object_id(attrs: dict[str, str]) -> int | None:
    """The entity's id as a database id, or None when it is missing or not a number."""
    raw = attrs.get("id", "")
    # ASCII digits only ("²" is a digit to Python), and short enough for a bigint.
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:
        return int(raw)
    return None


def image_format_names() -> set[str]:
    from wagtail.images.formats import get_image_formats

    return {image_format.name for image_format in get_image_formats()}


# --- on the way in --------------------------------------------------------------------------


def _model(kind: str) -> type[Model]:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    return {"page": Page, "document": get_document_model(), "image": get_image_model()}[kind]


def _link_text(html: str, end: int) -> str:
    closing = html.find("</a>", end)
    text = " ".join(strip_tags(html[end : closing if closing >= 0 else end]).split())
    return text[:60] or "(no text)"


def rich_text_problems(html: str) -> list[str]:
    """Every reference in stored-format rich text that would not resolve, as a sentence
    saying which and what to do (queries: one per kind of object referenced)."""
    if UNREADABLE in html:
        return [
            "The editor sent text that could not be read (malformed rich text data), so "
            "nothing was saved from this field: type the text again and save."
        ]
    problems: list[str] = []
    wanted: dict[str, dict[int, str]] = {"page": {}, "document": {}, "image": {}}
    for match in FIND_A_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        kind = attrs.get("linktype")
        if kind not in ("page", "document"):
            continue
        what = f"The link “{_link_text(html, match.end())}”"
        found = object_id(attrs)
        if found is None:
            problems.append(
                f"{what} points to {kind} id '{attrs.get('id', '')}', which is not a "
                f"{kind} id: remove the link or choose the {kind} again."
            )
        else:
            wanted[kind][found] = what
    formats = image_format_names()
    for match in FIND_EMBED_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        if attrs.get("embedtype") != "image":
            continue
        found = object_id(attrs)
        if found is None:
            problems.append(
                f"An image has the id '{attrs.get('id', '')}', which is not an image id: "
                "remove it and insert the image again."
            )
        elif attrs.get("format") not in formats:
            problems.append(
                f"Image {found} has the format '{attrs.get('format', '')}', which is not one "
                f"of {', '.join(sorted(formats))}: remove it and insert the image again."
            )
        else:
            wanted["image"][found] = f"Image {found}"
    for kind, ids in wanted.items():
        if not ids:
            continue
        existing = set(
            _model(kind)._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
        )
        for missing in sorted(set(ids) - existing):
            problems.append(
                f"{ids[missing]} points to {kind} {missing}, which does not exist: "
                f"remove it or choose another {kind}."
            )
    return problems


def validate_rich_text(value: Any) -> None:
    """Form validator for rich text in stored format (RichTextField forms, rich text
    blocks): refuses references that would not resolve."""
    html = getattr(value, "source", value) or ""
    problems = rich_text_problems(str(html))
    if problems:
        raise ValidationError([ValidationError(p, code="invalid_reference") for p in problems])
