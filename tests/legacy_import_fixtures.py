"""The legacy importer tests' fixtures, which their modules name in `pytest_plugins`."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from comparisons.models import ComparisonPage


@pytest.fixture
def no_comparisons():
    """The demo site without its five comparison pages: the seeds come in as new drafts."""
    for page in ComparisonPage.objects.all():
        page.delete()


@pytest.fixture
def user_in(django_user_model, client):
    def login(*groups: str):
        user = django_user_model.objects.create_user("u-" + "-".join(groups), password="pw-123456")
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        client.force_login(user)
        return user

    return login
