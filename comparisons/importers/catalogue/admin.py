"""Admin entry point for the catalogue: the import form.

The form runs the same code as `manage.py import_catalogue`: a dry run shows the change
report and writes nothing; a real run applies it in one transaction and records it in
the import log (`comparisons.importers.import_log`). A real run publishes without
review, so it needs `publish_catalogue_import` (the Data managers group); anyone else
who may import gets dry runs only.
"""

from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from comparisons.importers.catalogue.checker import MAX_FILE_BYTES, CatalogueError
from comparisons.importers.catalogue.run import default_canonical, import_catalogue_bytes
from comparisons.review.setup import PUBLISH_IMPORT

# A report section this short is shown unfolded.
SECTION_OPEN_LINES = 20
logger = logging.getLogger(__name__)


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

    def form_valid(self, form: CatalogueImportForm) -> HttpResponse:
        if not form.cleaned_data["dry_run"] and not self.may_publish():
            raise PermissionDenied
        upload = form.cleaned_data["catalogue"]
        canonical = form.cleaned_data.get("canonical")
        bundled = default_canonical()
        try:
            report = import_catalogue_bytes(
                upload.read(),
                source=upload.name,
                canonical_raw=canonical.read()
                if canonical
                else (bundled.read_bytes() if bundled else None),
                snapshot=form.cleaned_data.get("snapshot_date"),
                dry_run=form.cleaned_data["dry_run"],
                user=self.request.user,
            )
        except CatalogueError as exc:
            form.add_error("catalogue", "Nothing was imported. " + "; ".join(exc.problems[:10]))
            if len(exc.problems) > 10:
                form.add_error("catalogue", f"…and {len(exc.problems) - 10} more problems.")
            return self.form_invalid(form)
        except DatabaseError as exc:
            # The run is one transaction: a value the database refuses leaves nothing behind.
            logger.exception("Catalogue import failed")
            form.add_error(
                "catalogue", f"Nothing was imported: the database refused a value ({exc})."
            )
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(initial={"dry_run": True}, may_publish=self.may_publish()),
                report=report,
                sections=report.sections(),
                section_open_lines=SECTION_OPEN_LINES,
                run_url=reverse("comparisons_import_log:inspect", args=[report.run_id])
                if report.run_id
                else "",
            )
        )
