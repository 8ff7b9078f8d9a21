"""Admin forms: the checks an editor's input must pass before it becomes a fact."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from comparisons.engine.routes import RouteKey, duplicates
from comparisons.pair_slugs import pair_slug

_YEAR_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-\d{1,2})?\s*$")


class YearMonthField(forms.CharField):
    """A month such as "2025-08", stored as the first day of that month."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "Year and month, e.g. 2025-08.")
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "YYYY-MM"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, date):
            return f"{value.year:04d}-{value.month:02d}"
        return value

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date):
            return value.replace(day=1)
        text = super().to_python(value)
        if not text:
            return None
        match = _YEAR_MONTH.match(text)
        if not match:
            raise ValidationError(
                "Enter a year and month as YYYY-MM, e.g. 2025-08.", code="invalid"
            )
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValidationError("The month must be between 01 and 12.", code="invalid")
        return date(year, month, 1)


def _live_forms(formset: forms.BaseFormSet) -> Iterable[forms.BaseForm]:
    """The inline forms that will be saved: valid so far and not marked for deletion."""
    for form in formset.forms:
        if not form.is_valid():
            continue
        if formset.can_delete and form.cleaned_data.get("DELETE"):
            continue
        if not form.has_changed() and form.instance.pk is None:
            continue
        yield form


def flag_duplicates(
    formset: forms.BaseFormSet, field: str, message: str, also: tuple[str, ...] = ()
) -> None:
    """Attach an error to every inline row that repeats an earlier row's `field` (and the
    `also` fields that complete its identity)."""
    seen: set[Any] = set()
    for form in _live_forms(formset):
        value = form.cleaned_data.get(field)
        if value is None:
            continue
        key = (value, *(form.cleaned_data.get(name) for name in also))
        if key in seen:
            form.add_error(field, message % {"value": value})
        seen.add(key)


def flag_duplicate_routes(formset: forms.BaseFormSet) -> None:
    """A route is its provider + the provider's model id + variant (RouteKey): a row that
    repeats an earlier row's identity is refused, and nothing else is, so one provider may
    serve a model several ways (regions, tiers, deployments)."""
    rows = [f for f in _live_forms(formset) if f.cleaned_data.get("provider") is not None]
    keys = [
        RouteKey.of(
            f.cleaned_data["provider"].slug,
            f.cleaned_data.get("provider_model_id") or "",
            f.cleaned_data.get("variant") or "",
        )
        for f in rows
    ]
    for index in duplicates(keys):
        form = rows[index]
        data = form.cleaned_data
        model_id = (data.get("provider_model_id") or "").strip()
        what = f"model id “{model_id}”" if model_id else "no model id"
        if (data.get("variant") or "").strip():
            what += f" and variant “{data['variant'].strip()}”"
        form.add_error(
            "provider_model_id",
            f"{data['provider']} already has a route on this model with {what}; edit that row, "
            "or tell the routes apart by their model id or variant.",
        )


class ModelPageForm(WagtailAdminPageForm):
    knowledge_cutoff = YearMonthField(required=False, label="Knowledge cutoff")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Inline rows are validated by their formsets; duplicates across rows can only be
        # seen from the page form, which holds all of them.
        routes = self.formsets.get("routes")
        if routes is not None:
            flag_duplicate_routes(routes)
        checks = {
            "capability_support": ("capability", "%(value)s is already listed for this model.", ()),
            "benchmark_scores": ("benchmark", "%(value)s already has a score on this model.", ()),
        }
        for relation, (field, message, also) in checks.items():
            formset = self.formsets.get(relation)
            if formset is not None:
                flag_duplicates(formset, field, message, also)
        return cleaned


class ProviderRouteForm(WagtailAdminModelForm):
    """One route row of the model editor; its provider is typed by name (NameInput)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "provider" in self.fields:
            self.fields["provider"].error_messages["invalid_choice"] = (
                "No provider is called “%(value)s”: pick a name from the suggestions, "
                "or add the provider under Reference data → Providers first."
            )


class ComparisonPageForm(WagtailAdminPageForm):
    """Title and URL follow from the two models (see ComparisonPage.fill_identity)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].required = False
            self.fields["title"].help_text = 'Leave blank for "Model A vs Model B".'

    def clean_title(self) -> str:
        title = self.cleaned_data.get("title") or ""
        # Wagtail's preview views stand this text in for an empty title so that a page
        # without one can be previewed. An empty title here means "Model A vs Model B",
        # which the page fills in itself, so the stand-in must not become the title.
        if title == gettext("Placeholder title"):
            return ""
        return title

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        a, b = cleaned.get("model_a"), cleaned.get("model_b")
        # A model compared with itself is refused by the page (ComparisonPage.clean_pair),
        # on the model_b field, like a second page for the same pair.
        if a is not None and b is not None and a != b and self.parent_page is not None:
            self.check_pair_url_is_free(a, b)
        return cleaned

    def check_pair_url_is_free(self, a: Any, b: Any) -> None:
        """The page's URL is the pair's; another page may hold it already. (A page not yet
        in the tree cannot check this itself: it does not know its parent.) A comparison of
        these same two models is named by the page's own check instead."""
        slug = pair_slug(a.slug, b.slug)
        taken = (
            self.parent_page.get_children()
            .filter(slug=slug)
            .exclude(pk=self.instance.pk)
            .specific()
            .first()
        )
        if taken is None or {
            getattr(taken, "model_a_id", None),
            getattr(taken, "model_b_id", None),
        } == {a.pk, b.pk}:
            return
        self.add_error(
            "model_b",
            f"The URL {self.parent_page.url}{slug}/ belongs to another page, “{taken.title}”, "
            "which compares other models. Change that page's models first.",
        )
