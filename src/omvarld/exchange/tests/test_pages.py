"""The exchange pages as each role sees them, and what each role cannot do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_answers_a_reader(client, users, trip, bodies):
    client.force_login(users["reader"])
    event = trip["event"]
    for url in (
        reverse("exchange:calendar"),
        reverse("exchange:event_list"),
        reverse("exchange:event_detail", kwargs={"pk": event.pk}),
        reverse("exchange:report_detail", kwargs={"pk": event.pk}),
        reverse("exchange:report_history", kwargs={"pk": event.pk}),
        reverse("exchange:action_list"),
        reverse("exchange:action_detail", kwargs={"pk": trip["action"].pk}),
        reverse("exchange:knowledge"),
        reverse("exchange:costs"),
        reverse("exchange:body_page", kwargs={"body_id": bodies["mn"].pk}),
        reverse("exchange:my_page"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_a_reader_sees_the_report_but_not_the_costs_per_person(client, users, trip):
    client.force_login(users["reader"])
    event_page = client.get(reverse("exchange:event_detail", kwargs={"pk": trip["event"].pk}))
    text = event_page.content.decode()
    assert "Maja Miljö" in text
    assert "3200" not in text
    assert "4200" not in text
    report = client.get(reverse("exchange:report_detail", kwargs={"pk": trip["event"].pk}))
    assert "Tammerfors samordnar avfallsfrågor" in report.content.decode()


def test_the_bodys_officer_sees_the_costs_per_person(client, users, trip):
    client.force_login(users["officer"])
    text = client.get(reverse("exchange:event_detail", kwargs={"pk": trip["event"].pk})).content
    assert b"3200,00 kr" in text
    assert b"4200,00 kr" in text


def test_an_officer_of_another_body_sees_no_costs_per_person(client, users, trip):
    client.force_login(users["other_officer"])
    text = client.get(reverse("exchange:event_detail", kwargs={"pk": trip["event"].pk})).content
    assert b"3200" not in text


@pytest.mark.parametrize("who", ["reader", "other_officer"])
def test_who_cannot_edit_the_event_report_or_participants(client, users, trip, who):
    client.force_login(users[who])
    event = trip["event"]
    for name, kwargs in (
        ("exchange:event_edit", {"pk": event.pk}),
        ("exchange:participation_add", {"pk": event.pk}),
        ("exchange:cost_add", {"pk": trip["going"].pk}),
        ("exchange:report_edit", {"pk": event.pk}),
        ("exchange:presentation_create", {"pk": event.pk}),
        ("exchange:action_edit", {"pk": trip["action"].pk}),
    ):
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403, name
    for name, kwargs in (
        ("exchange:participation_remove", {"pk": trip["going"].pk}),
        ("exchange:lesson_add", {"pk": event.pk}),
        ("exchange:event_delete", {"pk": event.pk}),
    ):
        assert client.post(reverse(name, kwargs=kwargs), {"lesson-text": "x"}).status_code == 403
    assert trip["event"].participations.count() == 1


def test_a_reader_cannot_register_events_or_see_guests_data(client, users):
    client.force_login(users["reader"])
    assert client.get(reverse("exchange:event_create")).status_code == 403
    assert client.get(reverse("exchange:guests")).status_code == 403


def test_an_officer_cannot_delete_events_or_see_guests_data(client, users, trip):
    client.force_login(users["officer"])
    assert (
        client.post(reverse("exchange:event_delete", kwargs={"pk": trip["event"].pk})).status_code
        == 403
    )
    assert client.get(reverse("exchange:guests")).status_code == 403


def test_the_administrator_and_coordinator_edit_everything(client, users, trip):
    for who in ("admin", "coordinator"):
        client.force_login(users[who])
        assert (
            client.get(reverse("exchange:event_edit", kwargs={"pk": trip["event"].pk})).status_code
            == 200
        )
        assert (
            client.get(reverse("exchange:report_edit", kwargs={"pk": trip["event"].pk})).status_code
            == 200
        )
        assert client.get(reverse("exchange:guests")).status_code == 200


def test_bad_input_keeps_the_form(client, users, bodies):
    client.force_login(users["officer"])
    response = client.post(
        reverse("exchange:event_create"),
        {
            "title": "Konferens om vatten",
            "kind": "conference",
            "place": "Odense",
            "starts_on": "2027-04-10",
            "ends_on": "2027-04-08",
            "bodies": [bodies["mn"].pk],
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="Konferens om vatten"' in text
    assert 'value="Odense"' in text
    assert "id_ends_on_errors" in text


def test_a_bad_filter_shows_the_unfiltered_list_with_a_message(client, users, trip):
    client.force_login(users["reader"])
    response = client.get(reverse("exchange:event_list"), {"year": "tjugo", "kind": "party"})
    assert response.status_code == 200
    assert "Eurocities miljöforum" in response.content.decode()
    assert response.context["form"].errors


def _list_queries(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # the first visit may create the user's feed key
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "name",
    [
        "exchange:calendar",
        "exchange:event_list",
        "exchange:action_list",
        "exchange:knowledge",
        "exchange:costs",
        "exchange:my_page",
    ],
)
def test_list_pages_do_not_grow_with_rows(
    client, users, bodies, name, django_assert_max_num_queries
):
    from .factories import (
        ActionFactory,
        EventFactory,
        LessonFactory,
        ParticipationFactory,
        SubmittedReportFactory,
    )

    client.force_login(users["officer"])
    url = reverse(name)

    def add(n):
        for i in range(n):
            event = EventFactory(
                bodies=[bodies["mn"]],
                starts_on=dt.date(2027, 1, 1 + i),
                ends_on=dt.date(2027, 1, 2 + i),
            )
            ParticipationFactory(event=event, user=users["officer"])
            report = SubmittedReportFactory(event=event)
            LessonFactory(report=report)
            ActionFactory(event=event, owner=users["officer"], body=bodies["mn"])

    add(2)
    few = _list_queries(client, url, django_assert_max_num_queries, 40)
    add(6)
    many = _list_queries(client, url, django_assert_max_num_queries, 40)
    assert many == few


def test_the_body_page_does_not_grow_with_rows(
    client, users, bodies, trip, django_assert_max_num_queries
):
    from .factories import ActionFactory, EventFactory, ParticipationFactory

    client.force_login(users["reader"])
    url = reverse("exchange:body_page", kwargs={"body_id": bodies["mn"].pk})
    # One of each row first, so that no prefetch is skipped for an empty list.
    due = EventFactory(
        bodies=[bodies["mn"]], ends_on=dt.date(2026, 10, 1), starts_on=dt.date(2026, 9, 30)
    )
    ParticipationFactory(event=due, user=users["officer"])
    few = _list_queries(client, url, django_assert_max_num_queries, 40)
    for i in range(5):
        event = EventFactory(
            bodies=[bodies["mn"]], ends_on=dt.date(2026, 11, 1 + i), starts_on=dt.date(2026, 10, 30)
        )
        ParticipationFactory(event=event, user=users["officer"])
        ActionFactory(event=event, owner=users["officer"], body=bodies["mn"])
    assert _list_queries(client, url, django_assert_max_num_queries, 40) == few
