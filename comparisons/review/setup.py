"""Roles and the "Editorial review" workflow, set up idempotently.

- Editors create and edit model and comparison pages and reference data (snippets) and
  submit them for review; they cannot publish. They may run imports that publish nothing:
  catalogue dry runs and legacy pages (which come in as drafts).
- Reviewers approve or reject through the workflow's two tasks, Fact check and Final
  approval; approving the last task publishes. They can find and open every page and
  snippet (read-only unless it is at their task), but edit nothing outside review.
- Data managers run real catalogue imports, which write published prices and pages.

The workflow applies to the /models/ and /compare/ sections and to every reference-data
snippet. Running it again changes nothing; it only adds what is missing.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from comparisons.models import (
    Benchmark,
    Capability,
    DecisionTag,
    FactCheckTask,
    FinalApprovalTask,
    Lab,
    Licence,
    ProductType,
    Provider,
    TrafficProfile,
)

EDITORS = "Editors"
REVIEWERS = "Reviewers"
DATA_MANAGERS = "Data managers"
WORKFLOW = "Editorial review"

# The permission a real (publishing) catalogue import needs; editors do not hold it.
PUBLISH_IMPORT = "comparisons.publish_catalogue_import"


def _group(name: str) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(access)
    return group


def reference_models() -> list[type]:
    """The snippet models that go through review (every kind of reference data)."""
    return [Lab, Provider, Capability, Licence, DecisionTag, ProductType, Benchmark, TrafficProfile]


def _model_permissions(model: type, actions: tuple[str, ...]) -> list[Permission]:
    content_type = ContentType.objects.get_for_model(model)
    name = model._meta.model_name
    return list(
        Permission.objects.filter(
            content_type=content_type, codename__in=[f"{action}_{name}" for action in actions]
        )
    )


def ensure_editorial_setup(sections: list[Page]) -> Workflow:
    editors, reviewers = _group(EDITORS), _group(REVIEWERS)
    data_managers = _group(DATA_MANAGERS)
    page_permission = {
        codename: Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        for codename in ("add_page", "change_page", "lock_page")
    }
    for section in sections:
        # Editors may add and edit, never publish: publishing happens when review approves.
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.get_or_create(
                group=editors, page=section, permission=page_permission[codename]
            )
        # Wagtail's explorer and page search open only to holders of a page permission;
        # "lock" is the one that changes no content, so reviewers can find every page
        # (editing one stays possible only while it is at their task).
        GroupPagePermission.objects.get_or_create(
            group=reviewers, page=section, permission=page_permission["lock_page"]
        )

    # Reference data: editors draft changes (no publish permission, no delete: a deletion
    # would bypass review), reviewers read it.
    for model in reference_models():
        editors.permissions.add(*_model_permissions(model, ("add", "change", "view")))
        reviewers.permissions.add(*_model_permissions(model, ("view",)))

    # The import log is for every role to read. Editors may run imports that publish
    # nothing (catalogue dry runs, legacy pages as drafts); a real catalogue import
    # publishes without review, so only data managers may run one.
    view_log, run_import, publish_import = (
        Permission.objects.get(content_type__app_label="comparisons", codename=codename)
        for codename in ("view_importrun", "add_importrun", "publish_catalogue_import")
    )
    editors.permissions.add(view_log, run_import)
    editors.permissions.remove(publish_import)
    reviewers.permissions.add(view_log)
    data_managers.permissions.add(view_log, run_import, publish_import)

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
    for model in reference_models():
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model),
            defaults={"workflow": workflow},
        )
    return workflow
