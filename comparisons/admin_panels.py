"""Light editor furniture for models with many inline rows (a model page has up to ~50
routes after a catalogue import).

Wagtail renders every field of every InlinePanel row inside a full field panel (label,
help and error boxes, a comment button, link anchors), about 1.3 KB per field: a 50-route
model was 1.9 MB of HTML and took seconds to open in a browser. `CompactInlinePanel` keeps
Wagtail's InlinePanel (its formset, its add, delete and reorder script) and renders each
row as one grid of labelled inputs; `NameInput` replaces a chooser or a 150-option select
per row with a text box typed by name, suggested from one <datalist> per page.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.apps import apps
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.panels import InlinePanel, MultiFieldPanel
from wagtail.admin.panels.base import get_form_for_model

from comparisons.engine.formatting import plain_decimal


class NormalisedDecimalInput(forms.NumberInput):
    """A number box showing a stored decimal as entered: 3 and 0.039, not 3.000000 and
    0.039000 (the column's scale)."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal) and value.is_finite():
            return plain_decimal(value)
        return super().format_value(value)


# Every decimal in the admin's model forms (prices, parameters, scores).
register_form_field_override(models.DecimalField, override={"widget": NormalisedDecimalInput})


class NameInput(forms.TextInput):
    """A foreign key typed by the target's name, with the browser's suggestions from a
    <datalist> of every name. The form field stays a ModelChoiceField: the name posted is
    turned back into the primary key here, so an unknown name is refused by the field
    with its own error. A primary key is accepted as posted (scripts and tests send one).

    `names` ({pk: name}) is filled once per page by CompactInlinePanel and shared by
    every row; without it the widget reads the names itself."""

    def __init__(self, model: str, list_id: str, attrs: dict | None = None):
        """`model` is "app_label.ModelName" (models declare panels before all are loaded)."""
        super().__init__(attrs={"list": list_id, "autocomplete": "off", **(attrs or {})})
        self.model_name = model
        self.list_id = list_id
        self.names: dict[int, str] | None = None

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_name)

    def __deepcopy__(self, memo: dict) -> NameInput:
        copied = super().__deepcopy__(memo)
        copied.__dict__.pop("_looked_up", None)  # each form looks names up afresh
        return copied

    def load_names(self) -> dict[int, str]:
        return dict(self.model._default_manager.order_by("name").values_list("pk", "name"))

    def format_value(self, value: Any) -> str | None:
        if value in (None, ""):
            return None
        names = self.names if self.names is not None else self.load_names()
        try:
            return names.get(int(value), str(value))
        except (TypeError, ValueError):
            return str(value)  # text that named no one, shown back as typed

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        text = " ".join(str(data.get(name) or "").split())
        if not text:
            return ""
        # The form asks more than once (cleaning, has_changed); look the name up once.
        # The memo lives on this form's copy of the widget, so it lasts one request.
        memo = self.__dict__.setdefault("_looked_up", {})
        if text not in memo:
            pk = (
                self.model._default_manager.filter(name__iexact=text)
                .values_list("pk", flat=True)
                .first()
            )
            memo[text] = str(pk) if pk is not None else text
        return memo[text]


class CompactRow(MultiFieldPanel):
    """The fields of one inline row as a grid of labelled inputs."""

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "comparisons/panels/compact_row.html"


class CompactInlinePanel(InlinePanel):
    """An InlinePanel with light rows (see the module docstring). `form_class` is the base
    form of each row, for messages the default form cannot give."""

    def __init__(self, *args: Any, form_class: type[forms.ModelForm] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_class = form_class

    def clone_kwargs(self) -> dict[str, Any]:
        return {**super().clone_kwargs(), "form_class": self.form_class}

    @cached_property
    def child_edit_handler(self) -> Any:
        child = CompactRow(self.panel_definitions, heading=self.heading)
        return child.bind_to_model(self.db_field.related_model)

    def get_form_options(self) -> dict[str, Any]:
        options = super().get_form_options()
        if self.form_class is not None:
            formset = options["formsets"][self.relation_name]
            deferred = self.child_edit_handler.get_form_options().get("defer_required_on_fields")
            extra = {"defer_required_on_fields": deferred} if deferred else {}
            formset["form"] = get_form_for_model(
                self.db_field.related_model, form_class=self.form_class, **extra
            )
        return options

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "comparisons/panels/compact_inline_panel.html"

        class Media:
            css = {"all": ["comparisons/admin-editor.css"]}

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.datalists: list[tuple[str, list[str]]] = []
            self.field_help: list[tuple[str, str, str]] = []
            if self.form is None:
                return
            forms_ = [*(child.form for child in self.children), self.empty_child.form]
            # Help texts are listed once above the rows; each row's input points to its
            # field's entry.
            for field_panel in self.empty_child.visible_children:
                if field_panel.help_text:
                    help_id = f"{self.formset.prefix}-help-{field_panel.field_name}"
                    self.field_help.append((help_id, field_panel.heading, field_panel.help_text))
                    for form in forms_:
                        widget = form.fields[field_panel.field_name].widget
                        widget.attrs["aria-describedby"] = help_id
            self.datalists = self._share_related(forms_)

        def _share_related(self, forms_: list[forms.BaseForm]) -> list[tuple[str, list[str]]]:
            """Read each related table once for the whole panel, however many rows: the
            options of its selects or name boxes, and the object each row's heading names
            (otherwise one query per row and per field)."""
            model = self.formset.model
            datalists = []
            for name, field in self.empty_child.form.fields.items():
                if not isinstance(field, forms.ModelChoiceField) or field.widget.is_hidden:
                    continue  # the row's own id is a hidden ModelChoiceField too
                db_field = model._meta.get_field(name)
                if not db_field.many_to_one:
                    continue
                objects = {obj.pk: obj for obj in field.queryset}
                if isinstance(field.widget, NameInput):
                    names = {pk: obj.name for pk, obj in objects.items()}
                    datalists.append((field.widget.list_id, list(names.values())))
                else:
                    empty = [("", field.empty_label)] if field.empty_label is not None else []
                    choices = [*empty, *((pk, str(obj)) for pk, obj in objects.items())]
                for form in forms_:
                    if isinstance(field.widget, NameInput):
                        form.fields[name].widget.names = names
                    else:
                        form.fields[name].choices = choices
                    related_id = getattr(form.instance, db_field.attname, None)
                    if related_id in objects and not db_field.is_cached(form.instance):
                        db_field.set_cached_value(form.instance, objects[related_id])
            return datalists
