"""Roles and the "Editorial review" workflow, set up idempotently.

Editors create and edit model and comparison pages and submit them for review; they
cannot publish. Reviewers approve or reject through the workflow's two tasks: Fact check
and Final approval. The workflow applies to the /models/ and /compare/ sections.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

EDITORS = "Editors"
REVIEWERS = "Reviewers"
WORKFLOW = "Editorial review"


def _group(name: str) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(access)
    return group


def ensure_editorial_setup(sections: list[Page]) -> Workflow:
    from comparisons.models import FactCheckTask, FinalApprovalTask

    editors, reviewers = _group(EDITORS), _group(REVIEWERS)
    add = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    for section in sections:
        # Editors may add and edit, never publish: publishing happens when review approves.
        for permission in (add, change):
            GroupPagePermission.objects.get_or_create(
                group=editors, page=section, permission=permission
            )

    # The import log is for both roles to read; editors may also run imports (catalogue
    # data carries its source's provenance, and legacy pages come in as drafts).
    view_log, run_import = (
        Permission.objects.get(content_type__app_label="comparisons", codename=codename)
        for codename in ("view_importrun", "add_importrun")
    )
    editors.permissions.add(view_log, run_import)
    reviewers.permissions.add(view_log)

    fact_check = FactCheckTask.objects.filter(name="Fact check").first()
    if fact_check is None:
        fact_check = FactCheckTask.objects.create(name="Fact check")
    final = FinalApprovalTask.objects.filter(name="Final approval").first()
    if final is None:
        final = FinalApprovalTask.objects.create(name="Final approval")
    for task in (fact_check, final):
        task.groups.add(reviewers)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    for order, task in enumerate((fact_check, final)):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    for section in sections:
        WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    return workflow
