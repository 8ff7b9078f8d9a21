"""This site's settings as the comparisons plugin checks them (the checks themselves:
tests/plugin/test_plugin_checks.py)."""

from django.core.checks import run_checks

from comparisons.models import ComparisonIndexPage, ModelIndexPage
from home.models import HomePage


def test_the_sites_settings_pass_the_plugins_checks():
    found = [
        m.id for m in run_checks(include_deployment_checks=False) if m.id.startswith("comparisons.")
    ]
    assert found == []


def test_the_site_puts_the_index_pages_under_its_home_page():
    # The admin offers the two index pages nowhere else.
    assert ModelIndexPage.allowed_parent_page_models() == [HomePage]
    assert ComparisonIndexPage.allowed_parent_page_models() == [HomePage]
