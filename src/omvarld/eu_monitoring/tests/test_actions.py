from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring import services
from omvarld.eu_monitoring.constants import Channel, InboxStatus, Relevance, WindowKind
from omvarld.eu_monitoring.models import FeedbackWindow, InfluenceAction, Initiative, Routing
from omvarld.eu_monitoring.services import MAX_DOCUMENT_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def va(make_body):
    return make_body("VA", "VA-nämnden")


@pytest.fixture
def initiative(va):
    made = Initiative.objects.create(title_sv="Översyn av avloppsdirektivet")
    Routing.objects.create(initiative=made, body=va, score=1.0)
    return made


@pytest.fixture
def window(initiative):
    return FeedbackWindow.objects.create(
        initiative=initiative,
        kind=WindowKind.FEEDBACK_ON_PROPOSAL,
        opens=dt.date(2026, 1, 10),
        closes=dt.date(2026, 3, 10),
    )


def post_action(client, initiative, **fields):
    data = {
        "date": "2026-03-01",
        "channel": Channel.OWN_RESPONSE,
        "description": "Remissvar om reningskrav.",
        "stance": "support_with_changes",
        "outcome": "",
        "document_url": "",
        **fields,
    }
    return client.post(f"/eu-bevakning/initiativ/{initiative.pk}/atgard/ny/", data)


def test_an_officer_records_an_answer_with_its_document(client_as, initiative, window, va):
    client = client_as(Role.OFFICER, bodies=[va])
    services.assessment_save(
        routing=Routing.objects.get(body=va), user=client.user, relevance=Relevance.HIGH
    )
    document = SimpleUploadedFile("remissvar.pdf", b"%PDF-1.4 svar", "application/pdf")
    response = post_action(client, initiative, body=va.pk, window=window.pk, document=document)
    assert response.status_code == 302, response.context["form"].errors
    action = InfluenceAction.objects.get()
    assert action.body == va
    assert action.window == window
    assert action.created_by == client.user
    assert action.document.read() == b"%PDF-1.4 svar"
    # The assessed initiative moves on to acting.
    assert Routing.objects.get(body=va).status == InboxStatus.ACTING
    html = client.get(f"/eu-bevakning/initiativ/{initiative.pk}/").content.decode()
    assert "Remissvar om reningskrav." in html
    assert f'href="/eu-bevakning/atgard/{action.pk}/dokument/"' in html
    assert action.document.url not in html, "nothing serves /media/"


def test_a_coordinator_records_for_the_whole_municipality(client_as, initiative):
    client = client_as(Role.COORDINATOR)
    response = post_action(
        client, initiative, channel=Channel.SKR, document_url="https://skr.se/svar.pdf"
    )
    assert response.status_code == 302
    action = InfluenceAction.objects.get()
    assert action.body is None
    assert action.document_url == "https://skr.se/svar.pdf"


def test_a_window_of_another_initiative_is_refused(initiative, va, make_user):
    other = Initiative.objects.create(title_sv="Annat")
    foreign = FeedbackWindow.objects.create(initiative=other, kind=WindowKind.OTHER)
    with pytest.raises(ValidationError) as error:
        services.action_create(
            initiative=initiative,
            user=make_user(Role.COORDINATOR),
            body=va,
            date=dt.date(2026, 3, 1),
            channel=Channel.MEP,
            description="Samtal",
            window=foreign,
        )
    assert "window" in error.value.message_dict
    assert not InfluenceAction.objects.exists()


def test_a_reader_cannot_record_an_action(client_as, initiative, va):
    client = client_as(Role.READER, bodies=[va])
    assert client.get(f"/eu-bevakning/initiativ/{initiative.pk}/atgard/ny/").status_code == 403
    assert post_action(client, initiative, body=va.pk).status_code == 403
    assert not InfluenceAction.objects.exists()


def test_an_officer_of_another_body_cannot_act_for_this_one(
    client_as, initiative, va, make_body, make_user
):
    other = make_body("ANNAN")
    client = client_as(Role.OFFICER, bodies=[other])
    response = post_action(client, initiative, body=va.pk)
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    with pytest.raises(PermissionDenied):
        services.action_create(
            initiative=initiative,
            user=client.user,
            body=va,
            date=dt.date(2026, 3, 1),
            channel=Channel.MEP,
            description="Samtal",
        )
    # Nor may an officer record on behalf of the whole municipality.
    with pytest.raises(PermissionDenied):
        services.action_create(
            initiative=initiative,
            user=client.user,
            body=None,
            date=dt.date(2026, 3, 1),
            channel=Channel.MEP,
            description="Samtal",
        )
    assert not InfluenceAction.objects.exists()


def test_an_officer_without_bodies_cannot_open_the_form(client_as, initiative):
    client = client_as(Role.OFFICER)
    assert client.get(f"/eu-bevakning/initiativ/{initiative.pk}/atgard/ny/").status_code == 403


def test_updating_an_action_checks_both_bodies(initiative, va, make_body, make_user):
    other = make_body("ANNAN")
    officer = make_user(Role.OFFICER, bodies=[va])
    action = services.action_create(
        initiative=initiative,
        user=officer,
        body=va,
        date=dt.date(2026, 3, 1),
        channel=Channel.MEP,
        description="Samtal",
    )
    services.action_update(action=action, user=officer, changes={"outcome": "Lyssnade"})
    assert InfluenceAction.objects.get().outcome == "Lyssnade"
    with pytest.raises(PermissionDenied):
        services.action_update(action=action, user=officer, changes={"body": other})
    with pytest.raises(ValueError, match="initiative"):
        services.action_update(action=action, user=officer, changes={"initiative": initiative})


def record(initiative, user, **extra):
    return services.action_create(
        initiative=initiative,
        user=user,
        body=None,
        date=dt.date(2026, 3, 1),
        channel=Channel.SKR,
        description="Remissvar",
        **extra,
    )


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER, Role.COORDINATOR])
def test_every_signed_in_user_downloads_an_action_document(client_as, initiative, make_user, role):
    coordinator = make_user(Role.COORDINATOR)
    # Two documents of the same name each keep it (no random suffix from the storage).
    for content in (b"%PDF-1.4 annat", b"%PDF-1.4 svar"):
        document = SimpleUploadedFile("remissvar-åäö.pdf", content, "application/pdf")
        action = record(initiative, coordinator, document=document)
    client = client_as(role)
    response = client.get(f"/eu-bevakning/atgard/{action.pk}/dokument/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 svar"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''remissvar-%C3%A5%C3%A4%C3%B6.pdf"
    )
    assert response["Content-Type"] == "application/pdf"


def test_an_action_document_needs_a_login(client, initiative, make_user):
    document = SimpleUploadedFile("svar.pdf", b"%PDF-1.4", "application/pdf")
    action = record(initiative, make_user(Role.COORDINATOR), document=document)
    response = client.get(f"/eu-bevakning/atgard/{action.pk}/dokument/")
    assert response.status_code == 302
    assert "/login" in response["Location"] or "next=" in response["Location"]


def test_no_document_is_not_found(client_as, initiative, make_user):
    action = record(initiative, make_user(Role.COORDINATOR))
    client = client_as(Role.READER)
    assert client.get(f"/eu-bevakning/atgard/{action.pk}/dokument/").status_code == 404
    assert client.get(f"/eu-bevakning/atgard/{action.pk + 1}/dokument/").status_code == 404
    # A document whose file is gone from the storage is not found either.
    document = SimpleUploadedFile("svar.pdf", b"%PDF-1.4", "application/pdf")
    gone = record(initiative, make_user(Role.COORDINATOR), document=document)
    gone.document.storage.delete(gone.document.name)
    assert client.get(f"/eu-bevakning/atgard/{gone.pk}/dokument/").status_code == 404


def too_large() -> SimpleUploadedFile:
    return SimpleUploadedFile("stor.pdf", b"%" * (MAX_DOCUMENT_BYTES + 1), "application/pdf")


def test_the_service_refuses_a_document_over_20_mb(initiative, make_user):
    coordinator = make_user(Role.COORDINATOR)
    with pytest.raises(ValidationError) as error:
        record(initiative, coordinator, document=too_large())
    assert error.value.message_dict == {"document": ["Filen är för stor (högst 20 MB)."]}
    assert not InfluenceAction.objects.exists()
    action = record(initiative, coordinator)
    with pytest.raises(ValidationError) as error:
        services.action_update(action=action, user=coordinator, changes={"document": too_large()})
    assert "document" in error.value.message_dict
    action.refresh_from_db()
    assert not action.document
    # Exactly 20 MB is allowed.
    exact = SimpleUploadedFile("exakt.pdf", b"%" * MAX_DOCUMENT_BYTES, "application/pdf")
    services.action_update(action=action, user=coordinator, changes={"document": exact})
    assert InfluenceAction.objects.get().document.size == MAX_DOCUMENT_BYTES


def test_the_form_shows_the_size_error_on_the_document(client_as, initiative):
    client = client_as(Role.COORDINATOR)
    response = post_action(client, initiative, document=too_large())
    assert response.status_code == 200
    assert response.context["form"].errors["document"] == ["Filen är för stor (högst 20 MB)."]
    assert not InfluenceAction.objects.exists()
