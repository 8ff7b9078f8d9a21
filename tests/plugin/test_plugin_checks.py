"""`manage.py check` names each setting the comparisons plugin relies on when it is missing."""

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings


def problems(**kwargs) -> dict[str, list[str]]:
    """Check id -> messages, for the plugin's checks only."""
    found: dict[str, list[str]] = {}
    for message in run_checks(include_deployment_checks=False, **kwargs):
        if message.id.startswith("comparisons."):
            found.setdefault(message.id, []).append(message.msg)
    return found


def templates_with(**options):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"].update(options)
    return templates


def test_the_minimal_sites_settings_pass():
    assert problems() == {}


def test_a_missing_workflow_action_is_an_error_naming_the_setting_and_its_value():
    with override_settings():
        del settings.WAGTAIL_FINISH_WORKFLOW_ACTION
        found = problems()
    assert found == {
        "comparisons.E002": [
            "WAGTAIL_FINISH_WORKFLOW_ACTION is not set; approving a review must publish the "
            "reviewed revision, and the plugin's reviewers hold no publish right of their own."
        ]
    }
    with override_settings(
        WAGTAIL_FINISH_WORKFLOW_ACTION="wagtail.workflows.publish_workflow_state"
    ):
        assert "is 'wagtail.workflows.publish_workflow_state'" in problems()["comparisons.E002"][0]


def test_manage_py_check_fails_on_the_missing_setting():
    with override_settings():
        del settings.WAGTAIL_FINISH_WORKFLOW_ACTION
        with pytest.raises(SystemCheckError, match=r"comparisons\.E002"):
            call_command("check")


def test_a_missing_required_app_is_named(tmp_path):
    # In a process of its own: a smaller INSTALLED_APPS cannot be set up again in this one
    # (apps' ready() would import the URLconf twice).
    (tmp_path / "without_settings_app.py").write_text(
        "from tests.plugin.minimal_site.settings import *  # noqa: F403\n"
        'INSTALLED_APPS = [a for a in INSTALLED_APPS if a != "wagtail.contrib.settings"]\n'
    )
    root = Path(__file__).resolve().parents[2]  # the checkout
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(root)])}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--settings=without_settings_app"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert (
        "(comparisons.E001) 'wagtail.contrib.settings' is not in INSTALLED_APPS; the "
        "comparisons plugin needs it (ReferenceSettings is a site setting)." in result.stderr
    )
    assert "HINT: Add 'wagtail.contrib.settings' to INSTALLED_APPS." in result.stderr


def test_context_processors_the_pages_need():
    processors = [
        p
        for p in settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
        if p
        not in (
            "django.template.context_processors.request",
            "comparisons.context_processors.base_template",
        )
    ]
    with override_settings(TEMPLATES=templates_with(context_processors=processors)):
        assert set(problems()) == {"comparisons.E003"}
        with override_settings(COMPARISONS_BASE_TEMPLATE="base.html"):
            found = problems()
    assert set(found) == {"comparisons.E003", "comparisons.E004"}
    assert "'comparisons.context_processors.base_template'" in found["comparisons.E004"][0]


def test_the_base_template_must_exist_and_have_a_content_block(tmp_path):
    with override_settings(COMPARISONS_BASE_TEMPLATE="nowhere/base.html"):
        assert problems()["comparisons.E005"] == [
            "The base template 'nowhere/base.html' (COMPARISONS_BASE_TEMPLATE) does not exist; "
            "every page of the comparisons plugin extends it."
        ]
    (tmp_path / "bare.html").write_text("<body>{% block main %}{% endblock %}</body>")
    (tmp_path / "child.html").write_text('{% extends "base.html" %}{% block main %}{% endblock %}')
    # Choosing another base template needs the processor that hands it to the pages.
    templates = templates_with(
        context_processors=[
            *settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
            "comparisons.context_processors.base_template",
        ]
    )
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    with override_settings(TEMPLATES=templates, COMPARISONS_BASE_TEMPLATE="bare.html"):
        found = problems()
    assert set(found) == {"comparisons.E006", "comparisons.W001"}
    assert found["comparisons.E006"][0].startswith(
        "The base template 'bare.html' has no {% block content %}"
    )
    assert len(found["comparisons.W001"]) == 2  # neither extra_css nor extra_js
    # Blocks inherited from the template it extends count.
    with override_settings(TEMPLATES=templates, COMPARISONS_BASE_TEMPLATE="child.html"):
        assert problems() == {}


def test_index_parent_page_types_must_name_models():
    with override_settings(COMPARISONS_INDEX_PARENT_PAGE_TYPES="wagtailcore.Page"):
        assert "must be a list" in problems()["comparisons.E007"][0]
    with override_settings(COMPARISONS_INDEX_PARENT_PAGE_TYPES=["wagtailcore.Page", "home.Nope"]):
        assert problems()["comparisons.E007"] == [
            "COMPARISONS_INDEX_PARENT_PAGE_TYPES names 'home.Nope', which is not an installed "
            "model ('app_label.ModelName')."
        ]


def test_urls_not_mounted(tmp_path, monkeypatch):
    (tmp_path / "bare_urls.py").write_text("urlpatterns = []\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with override_settings(ROOT_URLCONF="bare_urls"):
        found = problems()
    assert [m.split(" is not")[0] for m in found["comparisons.E008"]] == [
        "The URL 'comparisons:search'",
        "The URL 'api:suggest_models'",
    ]


def test_the_site_chooses_where_the_index_pages_go():
    from wagtail.models import Page

    from comparisons.models import ComparisonIndexPage, ModelIndexPage, ModelPage

    # The minimal site chooses nothing: any page that takes children may hold them.
    assert ModelIndexPage.parent_page_types is None  # Wagtail: any page
    assert Page in ComparisonIndexPage.allowed_parent_page_models()
    assert ModelPage not in ModelIndexPage.allowed_parent_page_models()  # it has no children
    with override_settings(COMPARISONS_INDEX_PARENT_PAGE_TYPES=["wagtailcore.Page"]):
        assert ModelIndexPage.parent_page_types == ["wagtailcore.Page"]
        assert ComparisonIndexPage.parent_page_types == ["wagtailcore.Page"]
