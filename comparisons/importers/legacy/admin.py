"""Admin entry point for editors: "Import legacy pages".

Upload one or more .txt/.html legacy pages, optionally as a dry run. The files are read
and checked here (fast, no database), so a bad file is refused on the form; the import
itself runs as a background task (`importers.legacy.tasks`), one run at a time with the
catalogue's, and the editor is sent to the run's page in the import log, which shows the
report of each page when it has finished. Only users who may run imports
(`comparisons.add_importrun`, as for the catalogue import) and add comparison pages
(under /compare/) can open it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from comparisons.engine.formatting import plural
from comparisons.importers.legacy import tasks
from comparisons.importers.legacy.importer import LegacyImportError, Source, read_sources
from comparisons.importers.legacy.parse import MAX_FILE_BYTES, SUFFIXES, too_large
from comparisons.importers.runs import ImportBusy, claim, current_run
from comparisons.models import ComparisonIndexPage, ImportRun

MAX_FILES = 50


def can_import_legacy_pages(user: Any) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if not user.has_perm("comparisons.add_importrun"):
        return False
    index = ComparisonIndexPage.objects.first()
    return bool(index and index.permissions_for_user(user).can_add_subpage())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list:
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise forms.ValidationError("Choose at least one legacy page.", code="required")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Import at most {MAX_FILES} files at a time.")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class LegacyImportForm(forms.Form):
    files = MultipleFileField(
        label="Legacy pages",
        help_text="Old “Model A vs Model B” pages saved as .txt, .html or .htm. Each becomes "
        "a draft comparison page (or a new draft revision of the existing one).",
        widget=MultipleFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )
    dry_run = forms.BooleanField(
        label="Dry run",
        required=False,
        help_text="Show the report without saving anything (the run is kept in the import log).",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.has_error("files") and self.files:
            self.add_error(None, "Nothing was imported: see the problem with the files below.")
        return cleaned

    def clean_files(self) -> list[Source]:
        sources = []
        for upload in self.cleaned_data["files"]:
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(f"{upload.name}: {too_large()}.")
            sources.append(Source(upload.name, upload.read()))
        return sources


class LegacyImportView(WagtailAdminTemplateMixin, FormView):
    form_class = LegacyImportForm
    template_name = "comparisons/importers/legacy_import.html"
    page_title = "Import legacy pages"
    header_icon = "upload"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_import_legacy_pages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("comparisons_legacy_import"),
            submit_button_label="Import",
            submit_button_active_label="Importing…",
            current_run=current_run(),
        )
        return context

    def form_valid(self, form: LegacyImportForm) -> HttpResponse:
        sources = form.cleaned_data["files"]
        try:
            # Every file is read here too, so a bad one is refused on the form before
            # anything is queued; the worker reads them again with the same rules.
            read_sources(sources)
            run = claim(
                ImportRun.Kind.LEGACY,
                source=", ".join(source.name for source in sources),
                user=self.request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except LegacyImportError as exc:
            # All or nothing, said first at form level; then each file's problem.
            if len(exc.problems) == 1:
                form.add_error(None, f"Nothing was imported: {exc.problems[0]}")
            else:
                form.add_error(
                    None, f"Nothing was imported ({len(exc.problems)} problems, listed below)."
                )
                for problem in exc.problems:
                    form.add_error(None, problem)
            return self.form_invalid(form)
        except ImportBusy as exc:
            form.add_error(None, f"Nothing was started. {exc}")
            return self.form_invalid(form)
        tasks.import_legacy_upload.enqueue(run.pk, tasks.encode_sources(sources))
        what = "Dry run" if run.dry_run else "Import"
        messages.success(
            self.request,
            f"{what} of {plural(len(sources), 'legacy page')} started: "
            "this page shows the report of each page when it has finished; you can leave it "
            "and come back (Import log).",
        )
        return redirect("comparisons_import_log:inspect", run.pk)


def urlpatterns() -> list:
    return [
        path("import-legacy-pages/", LegacyImportView.as_view(), name="comparisons_legacy_import")
    ]


class LegacyImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_import_legacy_pages(request.user)


def menu_item() -> MenuItem:
    return LegacyImportMenuItem(
        "Import legacy pages", reverse("comparisons_legacy_import"), icon_name="upload", order=20
    )
