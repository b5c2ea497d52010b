"""The exchange API per resource and verb, with who cannot write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from omvarld.exchange.constants import ReportStatus
from omvarld.exchange.models import Cost, Event, FollowUpAction, Idea, TripReport

from .factories import EventFactory, GuestFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/"


@pytest.fixture
def api():
    def as_user(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return as_user


def test_the_schema_names_the_exchange_endpoints(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))
    schema = (tmp_path / "s.yaml").read_text()
    for name in ("events", "participations", "costs", "reports", "lessons", "ideas", "actions"):
        assert f"/api/v1/exchange-{name}/" in schema


def test_events_list_and_filter(api, users, trip, bodies):
    EventFactory(title="Skolresa", kind="study_visit_out", bodies=[bodies["un"]])
    client = api(users["reader"])
    rows = client.get(f"{API}exchange-events/").json()["results"]
    assert {r["title"] for r in rows} == {"Eurocities miljöforum", "Skolresa"}
    only = client.get(f"{API}exchange-events/", {"body": "UN"}).json()["results"]
    assert [r["title"] for r in only] == ["Skolresa"]
    assert only[0]["bodies"] == ["UN"]
    assert client.get(f"{API}exchange-events/", {"kind": "party"}).status_code == 400
    mn = client.get(f"{API}exchange-events/{trip['event'].pk}/").json()
    assert mn["report_status"] == ReportStatus.SUBMITTED
    assert mn["country"] == "FI"


def _event_payload(**extra):
    return {
        "title": "Vänortsmöte i Odense",
        "kind": "network_meeting",
        "starts_on": "2027-05-03",
        "ends_on": "2027-05-04",
        "country": "DK",
        "bodies": ["MN"],
        **extra,
    }


def test_an_officer_creates_an_event_for_their_body(api, users):
    response = api(users["officer"]).post(f"{API}exchange-events/", _event_payload(), format="json")
    assert response.status_code == 201, response.json()
    assert Event.objects.get().bodies.get().short_name == "MN"


@pytest.mark.parametrize(("who", "status"), [("reader", 403), ("other_officer", 400)])
def test_who_cannot_create_an_event_for_mn(api, users, who, status):
    response = api(users[who]).post(f"{API}exchange-events/", _event_payload(), format="json")
    assert response.status_code == status
    assert not Event.objects.exists()


def test_end_before_start_is_a_field_error(api, users):
    response = api(users["officer"]).post(
        f"{API}exchange-events/", _event_payload(ends_on="2027-05-01"), format="json"
    )
    assert response.status_code == 400
    assert "ends_on" in response.json()


def test_changing_and_deleting_events(api, users, trip):
    url = f"{API}exchange-events/{trip['event'].pk}/"
    assert api(users["other_officer"]).patch(url, {"title": "X"}, format="json").status_code == 403
    assert (
        api(users["officer"]).patch(url, {"title": "Miljöforum"}, format="json").status_code == 200
    )
    assert api(users["officer"]).delete(url).status_code == 403
    assert api(users["coordinator"]).delete(url).status_code == 204
    assert not Event.objects.exists()


def test_participations_hide_costs_and_guest_data_from_readers(api, users, trip):
    GuestFactory(event=trip["event"], guest_email="gast@example.org")
    url = f"{API}exchange-participations/?event={trip['event'].pk}"
    reader_rows = api(users["reader"]).get(url).json()["results"]
    assert all("costs" not in r and "guest_email" not in r for r in reader_rows)
    officer_rows = api(users["officer"]).get(url).json()["results"]
    assert [len(r["costs"]) for r in officer_rows] == [2, 0]
    assert officer_rows[1]["guest_email"] == "gast@example.org"


def test_adding_and_approving_participants(api, users, trip):
    url = f"{API}exchange-participations/"
    payload = {"event": trip["event"].pk, "user": "lasare", "role": "speaker"}
    assert api(users["other_officer"]).post(url, payload, format="json").status_code == 403
    created = api(users["officer"]).post(url, payload, format="json")
    assert created.status_code == 201
    approve = f"{url}{created.json()['id']}/approve/"
    assert api(users["reader"]).post(approve).status_code == 403
    assert api(users["officer"]).post(approve).json()["approved_by"] == "miljo"
    own = f"{url}{trip['going'].pk}/approve/"
    assert api(users["officer"]).post(own).status_code == 403


def test_costs_are_not_for_readers(api, users, trip):
    assert api(users["reader"]).get(f"{API}exchange-costs/").status_code == 403
    assert api(users["other_officer"]).get(f"{API}exchange-costs/").json()["count"] == 0
    assert api(users["officer"]).get(f"{API}exchange-costs/").json()["count"] == 2


def test_writing_costs(api, users, trip):
    url = f"{API}exchange-costs/"
    payload = {
        "participation": trip["going"].pk,
        "body": "MN",
        "kind": "subsistence",
        "amount": "-5",
    }
    bad = api(users["officer"]).post(url, payload, format="json")
    assert bad.status_code == 400
    assert "amount" in bad.json()
    payload["amount"] = "450.00"
    assert api(users["coordinator"]).post(url, payload, format="json").status_code == 201
    assert Cost.objects.count() == 3
    cost = Cost.objects.get(kind="subsistence")
    assert api(users["officer"]).delete(f"{url}{cost.pk}/").status_code == 204


def test_reports_drafts_are_for_their_writers(api, users, bodies):
    event = EventFactory(bodies=[bodies["un"]])
    ParticipationFactory(event=event, user=users["reader"])
    url = f"{API}exchange-reports/"
    created = api(users["reader"]).post(url, {"event": event.pk, "purpose": "Lära"}, format="json")
    assert created.status_code == 201
    report_url = f"{url}{created.json()['id']}/"
    assert api(users["officer"]).get(report_url).status_code == 404
    assert api(users["other_officer"]).get(report_url).status_code == 200
    submit = api(users["reader"]).post(f"{report_url}submit/")
    assert submit.status_code == 400
    assert "summary" in submit.json()
    api(users["reader"]).patch(report_url, {"summary": "Skolor delar lärare."}, format="json")
    assert api(users["reader"]).post(f"{report_url}submit/").json()["status"] == "submitted"
    assert api(users["officer"]).get(report_url).status_code == 200


def test_a_report_for_a_future_trip_is_refused(api, users, bodies):
    event = EventFactory(
        bodies=[bodies["mn"]], starts_on=dt.date(2027, 1, 10), ends_on=dt.date(2027, 1, 11)
    )
    response = api(users["officer"]).post(
        f"{API}exchange-reports/", {"event": event.pk}, format="json"
    )
    assert response.status_code == 400
    assert not TripReport.objects.exists()


def test_lessons_and_ideas(api, users, trip):
    report = trip["report"].pk
    payload = {"report": report, "title": "Lånecyklar för personal"}
    assert (
        api(users["reader"]).post(f"{API}exchange-ideas/", payload, format="json").status_code
        == 403
    )
    assert (
        api(users["officer"]).post(f"{API}exchange-ideas/", payload, format="json").status_code
        == 201
    )
    assert Idea.objects.filter(report=report).count() == 2
    lessons = api(users["reader"]).get(f"{API}exchange-lessons/", {"report": report}).json()
    assert lessons["count"] == 1


def test_follow_up_actions(api, users, trip, bodies):
    url = f"{API}exchange-actions/"
    payload = {
        "event": trip["event"].pk,
        "idea": trip["idea"].pk,
        "title": "Pilot",
        "owner": "miljo",
        "body": "MN",
        "due_on": "2027-03-31",
    }
    assert api(users["reader"]).post(url, payload, format="json").status_code == 403
    created = api(users["officer"]).post(url, payload, format="json")
    assert created.status_code == 201
    action_url = f"{url}{created.json()['id']}/"
    done = api(users["officer"]).patch(action_url, {"status": "done"}, format="json")
    assert done.status_code == 400
    assert "outcome" in done.json()
    assert (
        api(users["other_officer"])
        .patch(action_url, {"status": "accepted"}, format="json")
        .status_code
        == 403
    )
    assert api(users["reader"]).get(url, {"body": "MN"}).json()["count"] == 2
    assert api(users["reader"]).delete(action_url).status_code == 403
    assert api(users["coordinator"]).delete(action_url).status_code == 204
    assert FollowUpAction.objects.count() == 1
