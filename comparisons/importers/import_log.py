"""The import log in the admin: every real import run of either importer, with its report.

A record, read-only: nobody edits or deletes a run in the admin. The one action on it is
"Mark as failed", for a run whose worker stopped (Data managers only): it frees the
one-run lock (`importers.runs`) without waiting for the run to count as abandoned.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.timesince import timesince
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from comparisons.conf import import_stale_after
from comparisons.importers.legacy.page_report import pages_of
from comparisons.importers.report import Entry, ImportReport
from comparisons.importers.runs import mark_failed, progress_of
from comparisons.models import ImportRun
from comparisons.review.setup import PUBLISH_IMPORT

# How often the page of a queued or running run reloads itself.
REFRESH_SECONDS = 3
# A report section this short is shown unfolded.
SECTION_OPEN_LINES = 20


class ImportRunInspectView(InspectView):
    """A run's page: its state and progress while it runs, its report when it is done.
    The editor can leave it and come back; while the run goes on it reloads itself."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        run = self.object
        stored = ImportReport(
            source=run.source,
            describe=lambda report: run.summary,
            entries=[Entry(**entry) for entry in run.report],
        )
        legacy_pages = pages_of(run) if run.kind == ImportRun.Kind.LEGACY else []
        linked = [page.page_id for page in legacy_pages if page.page_id]
        context.update(
            notices=stored.notices,
            legacy_pages=legacy_pages,
            # Pages deleted since the run get no link to an editor that would not open.
            legacy_page_ids=set(Page.objects.filter(pk__in=linked).values_list("pk", flat=True)),
            may_mark_failed=run.in_progress and may_mark_failed(self.request.user),
            stale_after=timesince(timezone.now() - import_stale_after(), timezone.now()),
            sections=stored.sections(),
            section_open_lines=SECTION_OPEN_LINES,
            progress=progress_of(run) if run.state == ImportRun.State.RUNNING else None,
            refresh_seconds=REFRESH_SECONDS if run.in_progress else None,
        )
        return context


def may_mark_failed(user: Any) -> bool:
    """Who may start imports and publish one: the same as a real catalogue import."""
    return user.has_perm("comparisons.add_importrun") and user.has_perm(PUBLISH_IMPORT)


@require_POST
def mark_failed_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_mark_failed(request.user):
        return HttpResponseForbidden("Only Data managers may mark an import run as failed.")
    run = get_object_or_404(ImportRun, pk=pk)
    if run.in_progress:
        mark_failed(run, request.user)
        messages.success(request, f"{run} marked as failed: another import can start.")
    else:
        messages.warning(request, f"{run} had already ended ({run.get_state_display()}).")
    return redirect("comparisons_import_log:inspect", run.pk)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The log is a record: nobody edits or deletes it in the admin. Viewing needs the
    model's view (or add) permission."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action in ("add", "change", "delete"):
            return False
        if action == "view":
            return user.has_perm("comparisons.view_importrun") or user.has_perm(
                "comparisons.add_importrun"
            )
        return user.has_perm(f"comparisons.{action}_importrun")

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(ImportRun, ReadOnlyPolicy(ImportRun))


class ImportLogViewSet(ModelViewSet):
    model = ImportRun
    name = "comparisons_import_log"
    url_prefix = "import-log"
    menu_label = "Import log"
    icon = "history"
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "__str__", "kind", "state", "source", "snapshot_date", "added", "changed",
        "retired", "conflicts", "warnings", "user",
    ]  # fmt: skip
    list_filter = ["kind", "state", "dry_run"]
    ordering = ["-started_at", "-pk"]
    inspect_view_fields = [
        "state", "dry_run", "kind", "source", "source_name", "snapshot_date", "started_at",
        "finished_at", "user", "summary", "added", "changed", "retired", "conflicts", "warnings",
    ]  # fmt: skip
    inspect_template_name = "comparisons/admin/import_run_inspect.html"
    form_fields = ["summary"]  # required by ModelViewSet; the policy refuses every edit
    header_icon = "history"
    inspect_view_class = ImportRunInspectView

    def get_urlpatterns(self) -> list:
        return [
            *super().get_urlpatterns(),
            path("mark-failed/<int:pk>/", mark_failed_view, name="mark_failed"),
        ]


import_log_viewset = ImportLogViewSet()
