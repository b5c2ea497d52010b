"""The API's lists and the guests' personal-data page answer in a number of queries that does not
grow with the rows: events with goals, areas and partners, participants (users and guests) with
costs, reports with lessons and ideas, actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from omvarld.exchange.constants import CostKind

from .factories import (
    ActionFactory,
    CostFactory,
    EventFactory,
    GuestFactory,
    IdeaFactory,
    LessonFactory,
    ParticipationFactory,
    SubmittedReportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_trips(bodies, users, goals):
    made = [0]

    def add(n):
        for _ in range(n):
            i = made[0] = made[0] + 1
            event = EventFactory(
                bodies=[bodies["mn"]],
                goals=[goals["profiling"], goals["exchange"]],
                starts_on=dt.date(2026, 1, i),
                ends_on=dt.date(2026, 1, i + 1),
            )
            going = ParticipationFactory(event=event, user=users["officer"])
            guest = GuestFactory(event=event)
            for participation in (going, guest):
                CostFactory(
                    participation=participation,
                    body=bodies["mn"],
                    kind=CostKind.TRAVEL,
                    amount=Decimal("100"),
                )
            report = SubmittedReportFactory(event=event)
            LessonFactory(report=report)
            IdeaFactory(report=report)
            ActionFactory(event=event, owner=users["officer"], body=bodies["mn"])

    return add


def _queries(client, url):
    client.get(url)  # the user's bodies and offices, read once and kept on the user, aside
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "resource", ["events", "participations", "costs", "reports", "lessons", "ideas", "actions"]
)
def test_the_api_lists_do_not_grow_with_rows(add_trips, users, resource):
    client = APIClient()
    client.force_authenticate(users["officer"])
    url = f"/api/v1/exchange-{resource}/"
    add_trips(2)
    few = _queries(client, url)
    add_trips(5)
    assert _queries(client, url) == few
    assert client.get(url).json()["count"] >= 7


def test_the_guests_page_does_not_grow_with_rows(client, add_trips, users):
    client.force_login(users["coordinator"])
    url = reverse("exchange:guests")
    add_trips(2)
    few = _queries(client, url)
    add_trips(5)
    assert _queries(client, url) == few


def test_the_costs_page_with_goals_does_not_grow_with_rows(client, add_trips, users):
    client.force_login(users["reader"])
    url = reverse("exchange:costs")
    add_trips(2)
    few = _queries(client, url)
    add_trips(5)
    assert _queries(client, url) == few
