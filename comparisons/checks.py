"""System checks for the settings the plugin relies on (`manage.py check` runs them).

Each message names the setting and says what to add, so a site that installs the plugin
learns what is missing at start-up rather than from a broken page or a failed approval."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.template import Context, TemplateDoesNotExist, engines
from django.template.backends.django import DjangoTemplates
from django.template.loader_tags import BlockNode, ExtendsNode
from django.urls import NoReverseMatch, reverse

from comparisons import conf

# Apps whose models or template tags the plugin uses.
REQUIRED_APPS = {
    "wagtail": "pages",
    "wagtail.snippets": "the reference data (labs, providers, capabilities) are snippets",
    "wagtail.contrib.settings": "ReferenceSettings is a site setting",
    "modelcluster": "a model page's routes, capabilities and scores are cluster children",
    "taggit": "Wagtail's page tags need it",
}
FINISH_ACTION = "comparisons.review.stamps.publish_approved"
REQUEST_PROCESSOR = "django.template.context_processors.request"
BASE_TEMPLATE_PROCESSOR = "comparisons.context_processors.base_template"
# Blocks of `wagtail start`'s base.html that the plugin's pages fill.
CONTENT_BLOCK = "content"
ASSET_BLOCKS = ("extra_css", "extra_js")


@register()
def check_installed_apps(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    return [
        Error(
            f"'{name}' is not in INSTALLED_APPS; the comparisons plugin needs it ({why}).",
            hint=f"Add '{name}' to INSTALLED_APPS.",
            id="comparisons.E001",
        )
        for name, why in REQUIRED_APPS.items()
        if not apps.is_installed(name)
    ]


@register()
def check_workflow_action(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    action = getattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION", None)
    if action == FINISH_ACTION:
        return []
    found = "is not set" if action is None else f"is {action!r}"
    return [
        Error(
            f"WAGTAIL_FINISH_WORKFLOW_ACTION {found}; approving a review must publish the "
            "reviewed revision, and the plugin's reviewers hold no publish right of their own.",
            hint=f'Set WAGTAIL_FINISH_WORKFLOW_ACTION = "{FINISH_ACTION}".',
            id="comparisons.E002",
        )
    ]


def _django_engines() -> list[DjangoTemplates]:
    return [e for e in engines.all() if isinstance(e, DjangoTemplates)]


@register(Tags.templates)
def check_context_processors(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    for backend in _django_engines():
        processors = backend.engine.context_processors
        if REQUEST_PROCESSOR not in processors:
            errors.append(
                Error(
                    f"TEMPLATES['{backend.name}'] has no '{REQUEST_PROCESSOR}' context "
                    "processor; the plugin's pages read the request (the picker, filters, "
                    "links to the index pages).",
                    hint=f"Add '{REQUEST_PROCESSOR}' to OPTIONS['context_processors'].",
                    id="comparisons.E003",
                )
            )
        if (
            hasattr(settings, "COMPARISONS_BASE_TEMPLATE")
            and BASE_TEMPLATE_PROCESSOR not in processors
        ):
            errors.append(
                Error(
                    f"COMPARISONS_BASE_TEMPLATE is set but TEMPLATES['{backend.name}'] has no "
                    f"'{BASE_TEMPLATE_PROCESSOR}' context processor, so the plugin's pages "
                    'would extend "base.html" instead.',
                    hint=f"Add '{BASE_TEMPLATE_PROCESSOR}' to OPTIONS['context_processors'].",
                    id="comparisons.E004",
                )
            )
    return errors


def _blocks(engine: Any, template: Any) -> set[str]:
    """Every block a template defines, its parents' included (a parent named by a
    variable is not followed)."""
    names: set[str] = set()
    for _ in range(10):  # an extends chain deeper than this is not worth following
        names |= {node.name for node in template.nodelist.get_nodes_by_type(BlockNode)}
        extends = template.nodelist.get_nodes_by_type(ExtendsNode)
        if not extends:
            break
        parent = extends[0].parent_name.resolve(Context())
        if not isinstance(parent, str) or not parent:
            break
        template = engine.get_template(parent)
    return names


@register(Tags.templates)
def check_base_template(app_configs: Any = None, **kwargs: Any) -> list[Error | Warning]:
    name = conf.base_template()
    backends = _django_engines()
    if not backends:
        return []
    try:
        template = backends[0].engine.get_template(name)
    except TemplateDoesNotExist:
        return [
            Error(
                f"The base template {name!r} (COMPARISONS_BASE_TEMPLATE) does not exist; every "
                "page of the comparisons plugin extends it.",
                hint="Create it (`wagtail start` makes templates/base.html) or set "
                "COMPARISONS_BASE_TEMPLATE to the site's base template.",
                id="comparisons.E005",
            )
        ]
    try:
        blocks = _blocks(backends[0].engine, template)
    except TemplateDoesNotExist:
        return []  # its parent is missing: Django's own template error says so
    problems: list[Error | Warning] = []
    if CONTENT_BLOCK not in blocks:
        problems.append(
            Error(
                f"The base template {name!r} has no {{% block {CONTENT_BLOCK} %}}; the plugin's "
                "pages put everything they show in it.",
                hint=f"Add {{% block {CONTENT_BLOCK} %}}{{% endblock %}} inside <body>.",
                id="comparisons.E006",
            )
        )
    for block in ASSET_BLOCKS:
        if block not in blocks:
            problems.append(
                Warning(
                    f"The base template {name!r} has no {{% block {block} %}}, so the plugin's "
                    f"{'stylesheet' if block == 'extra_css' else 'script (the picker)'} "
                    "is not loaded.",
                    hint=f"Add {{% block {block} %}}{{% endblock %}} as `wagtail start` does.",
                    id="comparisons.W001",
                )
            )
    return problems


@register()
def check_index_parent_page_types(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    value = conf.index_parent_page_types()
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, list | tuple):
        return [
            Error(
                f"COMPARISONS_INDEX_PARENT_PAGE_TYPES is {value!r}; it must be a list of page "
                'models such as ["home.HomePage"], or left unset for any page.',
                id="comparisons.E007",
            )
        ]
    errors = []
    for label in value:
        try:
            apps.get_model(label)
        except (LookupError, ValueError, TypeError):
            errors.append(
                Error(
                    f"COMPARISONS_INDEX_PARENT_PAGE_TYPES names {label!r}, which is not an "
                    "installed model ('app_label.ModelName').",
                    id="comparisons.E007",
                )
            )
    return errors


@register(Tags.urls)
def check_urls(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    for name, include in (
        ("comparisons:search", 'path("", include("comparisons.urls"))'),
        ("api:suggest_models", 'path("api/v1/", comparisons.api.api.urls)'),
    ):
        try:
            reverse(name)
        except NoReverseMatch:
            errors.append(
                Error(
                    f"The URL {name!r} is not in the site's URLconf; the plugin's pages link "
                    "to it.",
                    hint=f"Add {include} to the site's urlpatterns, before Wagtail's own.",
                    id="comparisons.E008",
                )
            )
    return errors
