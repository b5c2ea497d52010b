"""Writes: the duplicate check, clear Swedish errors on the field, and who may write what."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from omvarld.accounts.constants import Role
from omvarld.relations import services
from omvarld.relations.constants import ActivityKind, AgreementKind, PartnerKind
from omvarld.relations.models import AgreementDocument, Partner

from .factories import ContactFactory, PartnerFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _partner(user, **extra):
    values = {"name": "Tampere", "kind": PartnerKind.MUNICIPALITY, "country": "FI", **extra}
    return services.partner_create(user=user, **values)


@pytest.mark.parametrize(
    ("name", "country", "website"),
    [
        ("TAMPERE", "fi", ""),  # the same name in other case, the code in lower case
        ("Tammerfors", "FI", ""),  # the Swedish name of the registered one
        ("Tampereen kaupunki", "FI", "http://tampere.fi/"),  # the same website
    ],
)
def test_the_same_partner_twice_is_caught_and_named(make_user, name, country, website):
    coordinator = make_user(Role.COORDINATOR)
    first = _partner(coordinator, name_sv="Tammerfors", website="https://www.tampere.fi")
    with pytest.raises(services.DuplicatePartnerError) as raised:
        _partner(coordinator, name=name, country=country, website=website)
    assert raised.value.existing == first
    assert "Tammerfors (Tampere)" in raised.value.messages[0]
    assert Partner.objects.count() == 1


def test_the_same_name_in_another_country_is_another_partner(make_user):
    coordinator = make_user(Role.COORDINATOR)
    _partner(coordinator, name="Linz", country="AT")
    _partner(coordinator, name="Linz", country="DE")
    assert Partner.objects.count() == 2


def test_a_change_that_makes_a_duplicate_is_caught(make_user):
    coordinator = make_user(Role.COORDINATOR)
    _partner(coordinator)
    other = _partner(coordinator, name="Odense", country="DK")
    with pytest.raises(services.DuplicatePartnerError):
        services.partner_update(
            partner=other, user=coordinator, changes={"name": "Tampere", "country": "FI"}
        )
    other.refresh_from_db()
    assert other.name == "Odense"


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"country": "XX"}, "country", "Okänd landskod XX"),
        (
            {"since": datetime.date(2020, 1, 1), "until": datetime.date(2019, 1, 1)},
            "until",
            "Slutet kan inte komma före början.",
        ),
        ({"latitude": Decimal("61.5")}, "longitude", "Ange både latitud och longitud"),
        (
            {"latitude": Decimal("91"), "longitude": Decimal("0")},
            "latitude",
            "mindre än eller lika med 90",
        ),
    ],
)
def test_bad_input_is_an_error_on_its_field(make_user, extra, field, message):
    with pytest.raises(ValidationError) as raised:
        _partner(make_user(Role.COORDINATOR), **extra)
    assert field in raised.value.message_dict
    assert message in " ".join(raised.value.message_dict[field])


def test_a_fee_without_a_currency_is_an_error_on_the_currency(make_user):
    coordinator = make_user(Role.COORDINATOR)
    network = PartnerFactory(kind=PartnerKind.NETWORK, country="")
    with pytest.raises(ValidationError) as raised:
        services.membership_create(user=coordinator, partner=network, fee=Decimal("2500"))
    assert raised.value.message_dict == {"currency": ["Ange avgiftens valuta."]}
    membership = services.membership_create(
        user=coordinator,
        partner=network,
        fee=Decimal("2500"),
        currency="EUR",
        starts=datetime.date(2026, 1, 1),
        renewal_date=datetime.date(2026, 12, 31),
    )
    assert (membership.fee, membership.currency) == (Decimal("2500"), "EUR")


def test_an_agreement_ending_before_it_starts_is_refused(make_user):
    with pytest.raises(ValidationError) as raised:
        services.agreement_create(
            user=make_user(Role.COORDINATOR),
            partner=PartnerFactory(),
            title="Avtal",
            kind=AgreementKind.MOU,
            valid_from=datetime.date(2026, 1, 1),
            valid_until=datetime.date(2025, 1, 1),
        )
    assert list(raised.value.message_dict) == ["valid_until"]


def test_documents_are_checked_by_content_and_kept_with_their_checksum(
    make_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    coordinator = make_user(Role.COORDINATOR)
    agreement = services.agreement_create(
        user=coordinator,
        partner=PartnerFactory(),
        title="Vänortsavtal",
        kind=AgreementKind.TWINNING,
    )
    with pytest.raises(ValidationError) as raised:
        services.agreement_document_add(
            agreement=agreement,
            user=coordinator,
            upload=SimpleUploadedFile("avtal.pdf", b"MZ\x90 program"),
        )
    assert "PDF" in raised.value.message_dict["upload"][0]
    assert AgreementDocument.objects.count() == 0
    document = services.agreement_document_add(
        agreement=agreement,
        user=coordinator,
        upload=SimpleUploadedFile("avtal.pdf", PDF),
        title="Original",
    )
    assert (document.kind, document.size, document.original_name) == ("pdf", len(PDF), "avtal.pdf")
    assert document.file.name.startswith(f"relations/agreements/{document.sha256[:2]}/")


def test_an_officer_writes_for_their_own_bodies_only(make_user, make_body):
    un, mn = make_body("UN"), make_body("MN")
    officer = make_user(Role.OFFICER, bodies=[un])
    partner = _partner(officer, bodies=[un])
    with pytest.raises(PermissionDenied):
        _partner(officer, name="Odense", country="DK", bodies=[mn])
    with pytest.raises(PermissionDenied):
        _partner(officer, name="Odense", country="DK")
    services.partner_update(partner=partner, user=officer, changes={"place": "Tampere"})
    other = _partner(make_user(Role.COORDINATOR), name="Riga", country="LV", bodies=[mn])
    with pytest.raises(PermissionDenied):
        services.partner_update(partner=other, user=officer, changes={"place": "Rīga"})
    with pytest.raises(PermissionDenied):
        services.partner_delete(partner=partner, user=officer)


def test_an_officer_records_an_activity_for_their_body_and_cannot_hand_it_away(
    make_user, make_body
):
    un, mn = make_body("UN"), make_body("MN")
    officer = make_user(Role.OFFICER, bodies=[un])
    activity = services.activity_create(
        user=officer,
        kind=ActivityKind.STUDY_VISIT,
        title="Studiebesök i Tammerfors",
        starts=datetime.date(2026, 9, 14),
        purpose="Skolutveckling",
        bodies=[un],
    )
    assert activity.created_by == officer
    with pytest.raises(PermissionDenied):
        services.activity_update(activity=activity, user=officer, changes={"bodies": [mn]})
    with pytest.raises(PermissionDenied):
        services.activity_create(
            user=officer,
            kind=ActivityKind.STUDY_VISIT,
            title="x",
            starts=datetime.date(2026, 9, 14),
            purpose="x",
            bodies=[mn],
        )
    other = make_user(Role.OFFICER, bodies=[mn])
    with pytest.raises(PermissionDenied):
        services.activity_update(activity=activity, user=other, changes={"outcome": "Ändrat"})
    reader = make_user(Role.READER, bodies=[un])
    with pytest.raises(PermissionDenied):
        services.activity_update(activity=activity, user=reader, changes={"outcome": "Ändrat"})


def test_contacts_need_a_retention_date_in_the_future_and_block_deleting_the_partner(make_user):
    coordinator = make_user(Role.COORDINATOR)
    partner = PartnerFactory()
    with pytest.raises(ValidationError) as raised:
        services.contact_create(
            user=coordinator,
            partner=partner,
            name="Aino Virtanen",
            purpose="Vänortsutbyte",
            retention_until=datetime.date(2020, 1, 1),
        )
    assert list(raised.value.message_dict) == ["retention_until"]
    ContactFactory(partner=partner)
    with pytest.raises(ValidationError):
        services.partner_delete(partner=partner, user=coordinator)
