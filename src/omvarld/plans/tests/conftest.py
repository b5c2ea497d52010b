"""Fixtures of the plans tests: Norrköping's organisation, the programme goals, and users."""

from __future__ import annotations

import pytest
from django.conf import settings

from omvarld.knowledge.services import knowledge_load_areas
from omvarld.organisation.models import Body
from omvarld.organisation.services import organisation_load_file
from omvarld.plans.services import goal_load_file


@pytest.fixture
def norrkoping(db):
    knowledge_load_areas()
    organisation_load_file(path=settings.ORGANISATION_FILE)


@pytest.fixture
def goals(norrkoping):
    goal_load_file()
    from omvarld.plans.models import Goal

    return {g.code: g for g in Goal.objects.all()}


@pytest.fixture
def kfn(norrkoping):
    return Body.objects.get(short_name="KFN")


@pytest.fixture
def un(norrkoping):
    return Body.objects.get(short_name="UN")


@pytest.fixture
def users(make_user, kfn, un):
    return {
        "admin": make_user("administrator", username="admin"),
        "coordinator": make_user("coordinator", username="samordnare"),
        "officer": make_user("officer", username="kultur", bodies=[kfn]),
        "other": make_user("officer", username="skola", bodies=[un]),
        "reader": make_user("reader", username="lasare"),
    }
