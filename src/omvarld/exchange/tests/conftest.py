"""Fixtures of the exchange tests: two bodies, a user of each role, and a trip with costs, a
submitted report and a follow-up action."""

from __future__ import annotations

from decimal import Decimal

import pytest

from omvarld.accounts.constants import Role
from omvarld.exchange.constants import CostKind
from omvarld.organisation.selectors import programme_goal_list
from omvarld.organisation.services_goals import goal_load_file

from .factories import (
    ActionFactory,
    CostFactory,
    EventFactory,
    IdeaFactory,
    LessonFactory,
    ParticipationFactory,
    SubmittedReportFactory,
)


@pytest.fixture
def goals(db):
    """The organisation's programme goals from its shipped file, by code."""
    goal_load_file(force=True)
    return {goal.code: goal for goal in programme_goal_list(include_inactive=True)}


@pytest.fixture
def bodies(make_body):
    return {"mn": make_body("MN", "Miljönämnden"), "un": make_body("UN", "Utbildningsnämnden")}


@pytest.fixture
def users(make_user, bodies):
    return {
        "admin": make_user(Role.ADMINISTRATOR, username="admin"),
        "coordinator": make_user(Role.COORDINATOR, username="samordnare"),
        "officer": make_user(
            Role.OFFICER,
            username="miljo",
            first_name="Maja",
            last_name="Miljö",
            bodies=[bodies["mn"]],
        ),
        "other_officer": make_user(Role.OFFICER, username="skola", bodies=[bodies["un"]]),
        "reader": make_user(Role.READER, username="lasare"),
    }


@pytest.fixture
def trip(bodies, users):
    """A conference of MN in October 2026 (over by 2026-12-06): the officer went and paid
    4 200 kr; its submitted report has one lesson and one idea that became an action."""
    event = EventFactory(title="Eurocities miljöforum", bodies=[bodies["mn"]])
    going = ParticipationFactory(event=event, user=users["officer"])
    CostFactory(
        participation=going, body=bodies["mn"], kind=CostKind.TRAVEL, amount=Decimal("3200.00")
    )
    CostFactory(
        participation=going, body=bodies["mn"], kind=CostKind.FEES, amount=Decimal("1000.00")
    )
    report = SubmittedReportFactory(event=event)
    lesson = LessonFactory(report=report)
    idea = IdeaFactory(report=report)
    action = ActionFactory(event=event, idea=idea, owner=users["officer"], body=bodies["mn"])
    return {
        "event": event,
        "going": going,
        "report": report,
        "lesson": lesson,
        "idea": idea,
        "action": action,
    }
