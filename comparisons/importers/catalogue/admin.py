"""Admin entry point for the catalogue: the import form.

The form starts the same code as `manage.py import_catalogue` as a background task
(`importers.catalogue.tasks`) and sends the editor to the run's page in the import log
(`comparisons.importers.import_log`), which shows its progress and then its report: a dry
run writes nothing but its report; a real run applies it in one transaction. A real run
publishes without review, so it needs `publish_catalogue_import` (the Data managers
group); anyone else who may import gets dry runs only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from comparisons.importers.catalogue import tasks
from comparisons.importers.catalogue.checker import MAX_FILE_BYTES, CatalogueError
from comparisons.importers.catalogue.parse import parse_canonical, parse_catalogue
from comparisons.importers.catalogue.run import default_canonical
from comparisons.importers.runs import ImportBusy, claim, current_run
from comparisons.models import ImportRun
from comparisons.review.setup import PUBLISH_IMPORT


class CatalogueImportForm(forms.Form):
    catalogue = forms.FileField(
        label="Catalogue file",
        help_text="models.dev's api.json (e.g. models-dev.json).",
    )
    canonical = forms.FileField(
        label="Canonical models file",
        required=False,
        help_text="Optional: models.dev's models.json, for canonical names, labs and dates. "
        "Without one, the copy kept with the site's snapshot is used.",
    )
    snapshot_date = forms.DateField(
        required=False,
        help_text="The snapshot's date. Empty: the newest 'last updated' date in the file.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    dry_run = forms.BooleanField(
        label="Dry run: show what would change, write nothing",
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, may_publish: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_publish:
            # A disabled field takes its initial value whatever is posted, so a crafted
            # POST without "dry_run" is a dry run too.
            field = self.fields["dry_run"]
            field.disabled = True
            field.help_text = (
                "A real import publishes its changes without review, so only members of "
                "Data managers may run one; you can run a dry run."
            )

    def clean_catalogue(self) -> Any:
        upload = self.cleaned_data["catalogue"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size:,} bytes; the limit is {MAX_FILE_BYTES:,}."
            )
        return upload


class CatalogueImportView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    permission_required = "comparisons.add_importrun"
    raise_exception = True
    form_class = CatalogueImportForm
    template_name = "comparisons/admin/catalogue_import.html"
    page_title = "Import catalogue"
    header_icon = "download"

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("comparisons_import_log:index"), "label": "Import log"},
            {"url": "", "label": self.page_title},
        ]

    def may_publish(self) -> bool:
        return self.request.user.has_perm(PUBLISH_IMPORT)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "may_publish": self.may_publish()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "current_run": current_run()}

    def form_valid(self, form: CatalogueImportForm) -> HttpResponse:
        if not form.cleaned_data["dry_run"] and not self.may_publish():
            raise PermissionDenied
        upload = form.cleaned_data["catalogue"]
        raw = upload.read()
        canonical = form.cleaned_data.get("canonical")
        bundled = default_canonical()
        canonical_raw = (
            canonical.read() if canonical else (bundled.read_bytes() if bundled else None)
        )
        snapshot = form.cleaned_data.get("snapshot_date")
        try:
            # Checked here too (a second or two) so a bad file is refused on the form,
            # before anything is queued; the worker reads it again with the same rules.
            parse_catalogue(raw, source=upload.name)
            if canonical_raw:
                parse_canonical(canonical_raw)
            run = claim(
                ImportRun.Kind.CATALOGUE,
                source=upload.name,
                user=self.request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except CatalogueError as exc:
            form.add_error("catalogue", "Nothing was imported. " + "; ".join(exc.problems[:10]))
            if len(exc.problems) > 10:
                form.add_error("catalogue", f"…and {len(exc.problems) - 10} more problems.")
            return self.form_invalid(form)
        except ImportBusy as exc:
            form.add_error(None, f"Nothing was started. {exc}")
            return self.form_invalid(form)
        # The run goes on in the worker; its log page shows the progress, then the report.
        tasks.import_catalogue_upload.enqueue(
            run.pk,
            tasks.encode(raw),
            tasks.encode(canonical_raw) if canonical_raw else None,
            snapshot.isoformat() if snapshot else None,
        )
        messages.success(
            self.request,
            f"{'Dry run' if run.dry_run else 'Import'} of {upload.name} started: this page "
            "shows its progress and then its report; you can leave it and come back "
            "(Import log).",
        )
        return redirect("comparisons_import_log:inspect", run.pk)
