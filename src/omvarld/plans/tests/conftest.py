"""Fixtures of the plans tests: Norrköping's organisation with the goals of its programme (the
root conftest's ``organisation``), two of its committees, and a user of each role."""

from __future__ import annotations

import pytest

from omvarld.organisation.models import Body, ProgrammeGoal


@pytest.fixture
def norrkoping(organisation):
    """The organisation, its policy areas and its programme goals."""


@pytest.fixture
def goals(norrkoping):
    return {g.code: g for g in ProgrammeGoal.objects.all()}


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
