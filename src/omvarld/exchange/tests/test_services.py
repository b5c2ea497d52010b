"""The exchange services: who may write, and bad input refused with a message on the field."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from omvarld.exchange.constants import ActionStatus, CostKind, EventKind, ReportStatus
from omvarld.exchange.models import Event, TripReport
from omvarld.exchange.services import events as event_services
from omvarld.exchange.services import reports as report_services

from .factories import EventFactory, GuestFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TODAY = dt.date(2026, 12, 6)


def _create(user, bodies=(), **extra):
    values = {
        "title": "Nordiskt vänortsmöte",
        "kind": EventKind.NETWORK_MEETING,
        "starts_on": dt.date(2027, 5, 3),
        "ends_on": dt.date(2027, 5, 4),
        "bodies": bodies,
    }
    return event_services.event_create(user=user, **{**values, **extra})


def test_an_officer_registers_an_event_for_their_body_and_a_trip_needs_a_report(users, bodies):
    event = _create(users["officer"], bodies=[bodies["mn"]])
    assert list(event.bodies.all()) == [bodies["mn"]]
    assert event.report_required is True
    visit = _create(users["officer"], bodies=[bodies["mn"]], kind=EventKind.STUDY_VISIT_IN)
    assert visit.report_required is False


@pytest.mark.parametrize("who", ["reader", "other_officer"])
def test_readers_and_officers_of_other_bodies_cannot_register_for_mn(users, bodies, who):
    with pytest.raises((PermissionDenied, ValidationError)):
        _create(users[who], bodies=[bodies["mn"]])
    assert not Event.objects.exists()


def test_end_before_start_is_refused_on_the_last_day(users, bodies):
    with pytest.raises(ValidationError) as error:
        _create(users["officer"], bodies=[bodies["mn"]], ends_on=dt.date(2027, 5, 1))
    assert "ends_on" in error.value.message_dict
    assert not Event.objects.exists()


def test_an_event_needs_a_body_or_an_office(users):
    with pytest.raises(ValidationError) as error:
        _create(users["coordinator"])
    assert "bodies" in error.value.message_dict


def test_an_officer_cannot_edit_another_bodys_event(users, bodies):
    event = _create(users["coordinator"], bodies=[bodies["un"]])
    with pytest.raises(PermissionDenied):
        event_services.event_update(event=event, user=users["officer"], changes={"title": "X"})
    event_services.event_update(
        event=event, user=users["other_officer"], changes={"title": "Skolkonferens"}
    )
    assert Event.objects.get().title == "Skolkonferens"


def test_an_officer_cannot_move_an_event_away_from_their_own_bodies(users, bodies):
    event = _create(users["officer"], bodies=[bodies["mn"]])
    with pytest.raises(ValidationError):
        event_services.event_update(
            event=event, user=users["officer"], changes={"bodies": [bodies["un"]]}
        )
    assert list(Event.objects.get().bodies.all()) == [bodies["mn"]]


def test_a_negative_cost_is_refused(trip, users, bodies):
    with pytest.raises(ValidationError) as error:
        event_services.cost_add(
            participation=trip["going"],
            user=users["officer"],
            body=bodies["mn"],
            kind=CostKind.TRAVEL,
            amount=Decimal("-1"),
        )
    assert "amount" in error.value.message_dict
    assert trip["going"].costs.count() == 2


def test_a_cost_is_paid_by_one_of_the_events_bodies(trip, users, bodies):
    with pytest.raises(ValidationError) as error:
        event_services.cost_add(
            participation=trip["going"],
            user=users["coordinator"],
            body=bodies["un"],
            kind=CostKind.FEES,
            amount=Decimal("100"),
        )
    assert "body" in error.value.message_dict


def test_a_guest_needs_a_legal_basis_and_a_retention_date(trip, users):
    with pytest.raises(ValidationError) as error:
        event_services.participation_add(
            event=trip["event"], user=users["officer"], guest_name="Kerstin Kommunalråd"
        )
    assert {"legal_basis", "retention_until"} <= set(error.value.message_dict)


def test_nobody_approves_their_own_participation(trip, users):
    with pytest.raises(PermissionDenied):
        event_services.participation_approve(participation=trip["going"], user=users["officer"])
    approved = event_services.participation_approve(
        participation=trip["going"], user=users["coordinator"]
    )
    assert approved.approved_by == users["coordinator"]
    assert approved.approved_at is not None


def test_a_report_for_a_trip_that_has_not_happened_is_refused(users, bodies):
    event = EventFactory(
        bodies=[bodies["mn"]], starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 3, 2)
    )
    with pytest.raises(ValidationError) as error:
        report_services.report_start(event=event, user=users["officer"], today=TODAY)
    assert "2027-03-01" in error.value.message_dict["event"][0]
    assert not TripReport.objects.exists()


def test_participants_write_the_report_whatever_their_role_others_cannot(users, bodies):
    event = EventFactory(bodies=[bodies["un"]])
    ParticipationFactory(event=event, user=users["reader"])
    report = report_services.report_start(event=event, user=users["reader"], purpose="Lära")
    assert report.purpose == "Lära"
    for who in ("officer",):
        with pytest.raises(PermissionDenied):
            report_services.report_update(report=report, user=users[who], changes={"summary": "x"})
    report_services.report_update(
        report=report, user=users["other_officer"], changes={"summary": "Skolor samarbetar."}
    )


def test_submitting_needs_a_purpose_and_what_was_learned(users, bodies):
    event = EventFactory(bodies=[bodies["mn"]])
    report = report_services.report_start(event=event, user=users["officer"])
    with pytest.raises(ValidationError) as error:
        report_services.report_submit(report=report, user=users["officer"])
    assert {"purpose", "summary"} == set(error.value.message_dict)
    assert TripReport.objects.get().status == ReportStatus.DRAFT


def test_editing_a_submitted_report_keeps_every_version(trip, users):
    report = trip["report"]
    report_services.report_update(
        report=report, user=users["officer"], changes={"summary": "Andra versionen."}
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    summaries = list(report.history.order_by("history_date").values_list("summary", flat=True))
    assert summaries[-1] == "Andra versionen."
    assert "Tammerfors samordnar avfallsfrågor över förvaltningsgränser." in summaries


def test_an_attachment_of_a_type_not_allowed_is_refused_on_the_file_field(trip, users):
    upload = SimpleUploadedFile("program.exe", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError) as error:
        report_services.report_document_add(
            report=trip["report"], user=users["officer"], upload=upload
        )
    assert "file" in error.value.message_dict
    assert not trip["report"].documents.exists()


def test_an_attachment_over_the_size_limit_is_refused(trip, users, settings):
    upload = SimpleUploadedFile("bild.png", PNG)
    upload.size = 21 * 1024 * 1024
    with pytest.raises(ValidationError) as error:
        report_services.report_document_add(
            report=trip["report"], user=users["officer"], upload=upload
        )
    assert "20 MB" in error.value.message_dict["file"][0]


def test_a_picture_is_kept_with_its_checksum(trip, users):
    document = report_services.report_document_add(
        report=trip["report"],
        user=users["officer"],
        upload=SimpleUploadedFile("återbruk.png", PNG),
        caption="Återbruksnavet i Tammerfors",
    )
    assert document.kind == "png"
    assert len(document.sha256) == 64
    assert document.file.open("rb").read() == PNG


def test_an_idea_becomes_an_action_with_an_owner(trip, users, bodies):
    action = report_services.action_create(
        event=trip["event"],
        user=users["officer"],
        idea=trip["idea"],
        title="Pilot med återbruksnav",
        owner=users["officer"],
        body=bodies["mn"],
        due_on=dt.date(2027, 6, 30),
    )
    assert action.status == ActionStatus.PROPOSED
    assert trip["idea"].actions.count() == 2


def test_a_done_action_needs_its_outcome_and_a_reader_cannot_change_it(trip, users):
    action = trip["action"]
    with pytest.raises(ValidationError) as error:
        report_services.action_update(
            action=action, user=users["officer"], changes={"status": ActionStatus.DONE}
        )
    assert "outcome" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        report_services.action_update(
            action=action, user=users["reader"], changes={"status": ActionStatus.ACCEPTED}
        )
    report_services.action_update(
        action=action,
        user=users["officer"],
        changes={"status": ActionStatus.DONE, "outcome": "Navet öppnade i november."},
    )


def test_an_action_links_only_to_an_agenda_item_and_initiative_that_exist(trip, users):
    with pytest.raises(ValidationError) as error:
        report_services.action_update(
            action=trip["action"],
            user=users["officer"],
            changes={"agenda_item_id": 999999, "eu_initiative_id": 888888},
        )
    assert {"agenda_item_id", "eu_initiative_id"} == set(error.value.message_dict)


def test_an_officer_of_another_body_cannot_add_participants_or_costs(trip, users, bodies):
    with pytest.raises(PermissionDenied):
        event_services.participation_add(
            event=trip["event"], user=users["other_officer"], participant=users["reader"]
        )
    with pytest.raises(PermissionDenied):
        event_services.cost_add(
            participation=trip["going"],
            user=users["other_officer"],
            body=bodies["mn"],
            kind=CostKind.OTHER,
            amount=Decimal(1),
        )


def test_only_coordinators_delete_an_event(trip, users):
    with pytest.raises(PermissionDenied):
        event_services.event_delete(event=trip["event"], user=users["officer"])
    event_services.event_delete(event=trip["event"], user=users["coordinator"])
    assert not Event.objects.exists()


def test_a_guest_cannot_also_be_a_user(trip, users):
    with pytest.raises(ValidationError):
        event_services.participation_add(
            event=trip["event"],
            user=users["officer"],
            participant=users["reader"],
            guest_name="Någon",
        )
    GuestFactory(event=trip["event"])
    assert trip["event"].participations.count() == 2


def test_presentation_files_are_checked(trip, users):
    with pytest.raises(ValidationError) as error:
        event_services.presentation_create(
            event=trip["event"],
            user=users["officer"],
            kind="talk",
            title="Norrköpings klimatarbete",
            files=[SimpleUploadedFile("slides.txt", b"just text")],
        )
    assert "file" in error.value.message_dict
    assert not trip["event"].presentations.exists()
    presentation = event_services.presentation_create(
        event=trip["event"],
        user=users["officer"],
        kind="poster",
        title="Affisch",
        files=[SimpleUploadedFile("affisch.pdf", io.BytesIO(b"%PDF-1.4\n%%EOF\n").read())],
    )
    assert presentation.documents.get().kind == "pdf"


def test_only_active_goals_are_chosen_and_an_event_keeps_an_inactive_one(users, bodies, goals):
    from omvarld.exchange.forms import EventForm
    from omvarld.organisation.models import Body, Office

    officer, eu, relations = users["officer"], goals["eu"], goals["relations"]
    event = _create(officer, bodies=[bodies["mn"]], goals=[eu, goals["profiling"]])
    eu.active = relations.active = False
    eu.save()
    relations.save()
    event_services.event_update(event=event, user=officer, changes={"goals": [eu]})
    assert list(event.goals.all()) == [eu]
    with pytest.raises(ValidationError) as error:
        event_services.event_update(event=event, user=officer, changes={"goals": [eu, relations]})
    assert "goals" in error.value.message_dict
    with pytest.raises(ValidationError):
        _create(officer, bodies=[bodies["mn"]], goals=[eu])
    form = EventForm(bodies=Body.objects.all(), offices=Office.objects.all(), event=event)
    offered = {goal.code for goal in form.fields["goals"].queryset}
    # Eight goals in the organisation's file, two of them made inactive; the event keeps "eu".
    assert len(offered) == 7
    assert "eu" in offered
    assert "relations" not in offered
    assert (
        len(
            EventForm(bodies=Body.objects.all(), offices=Office.objects.all())
            .fields["goals"]
            .queryset
        )
        == 6
    )
