"""Contacts are personal data: who sees them, the log of every view, the export, the erasure
(no table keeps the person afterwards, history tables included) and the retention sweep."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from omvarld.accounts.constants import Role
from omvarld.relations import privacy, services
from omvarld.relations.constants import ActivityKind, ErasureReason, LegalBasis, ViewChannel
from omvarld.relations.models import Activity, Contact, ContactErasure, ContactView

from .factories import ContactFactory, MembershipFactory, PartnerFactory

NAME = "Aino Virtanen"
EMAIL = "aino.virtanen@tampere.fi"


def every_cell():
    """Every value of every row of every table of the database, as text."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            # The names come from the database's own catalogue and are quoted.
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if value is not None:
                        yield table, str(value)


def tables_holding(*needles: str) -> set[str]:
    wanted = [n.casefold() for n in needles]
    return {table for table, value in every_cell() if any(w in value.casefold() for w in wanted)}


@pytest.fixture
def partner(make_body):
    return PartnerFactory(name="Tampere", country="FI", bodies=[make_body("KS")])


@pytest.fixture
def aino(partner, make_user):
    coordinator = make_user(Role.COORDINATOR, username="samordnare")
    contact = services.contact_create(
        user=coordinator,
        partner=partner,
        name=NAME,
        role="Internationell samordnare",
        email=EMAIL,
        phone="+358 40 123 4567",
        languages="finska, engelska",
        legal_basis=LegalBasis.PUBLIC_TASK,
        purpose="Samordna vänortsutbytet.",
        retention_until=timezone.localdate() + datetime.timedelta(days=400),
    )
    services.contact_update(contact=contact, user=coordinator, changes={"role": "Stadssekreterare"})
    return contact


def test_contacts_show_to_coordinators_and_officers_of_the_responsible_bodies_only(
    client, make_user, make_body, partner, aino
):
    ks = partner.bodies.get()
    seen = {}
    for label, user in {
        "coordinator": make_user(Role.COORDINATOR),
        "administrator": make_user(Role.ADMINISTRATOR),
        "officer of KS": make_user(Role.OFFICER, bodies=[ks]),
        "officer of UN": make_user(Role.OFFICER, bodies=[make_body("UN")]),
        "reader of KS": make_user(Role.READER, bodies=[ks]),
    }.items():
        client.force_login(user)
        page = client.get(f"/relationer/{partner.pk}/").content.decode()
        contact_page = client.get(f"/relationer/kontakter/{aino.pk}/")
        seen[label] = (NAME in page, EMAIL in page, contact_page.status_code)
    assert seen == {
        "coordinator": (True, True, 200),
        "administrator": (True, True, 200),
        "officer of KS": (True, True, 200),
        "officer of UN": (False, False, 404),
        "reader of KS": (False, False, 404),
    }


def test_every_view_of_a_contact_is_logged_with_who_when_and_where(
    client, make_user, partner, aino
):
    officer = make_user(Role.OFFICER, username="ks-handlaggare", bodies=list(partner.bodies.all()))
    client.force_login(officer)
    before = timezone.now()
    client.get(f"/relationer/{partner.pk}/")
    client.get(f"/relationer/kontakter/{aino.pk}/")
    client.get("/api/v1/contacts/")
    client.get(f"/api/v1/contacts/{aino.pk}/")
    views = list(ContactView.objects.order_by("pk"))
    assert [(v.username, v.contact_id, v.contact_number) for v in views] == [
        ("ks-handlaggare", aino.pk, aino.pk)
    ] * 4
    assert [v.channel for v in views] == [
        ViewChannel.PARTNER_PAGE,
        ViewChannel.CONTACT_PAGE,
        ViewChannel.API,
        ViewChannel.API,
    ]
    assert all(v.viewed_at >= before for v in views)
    # Someone who may not see the contact leaves no view behind.
    client.force_login(make_user(Role.READER))
    client.get(f"/relationer/{partner.pk}/")
    assert ContactView.objects.count() == 4


def test_the_export_holds_everything_about_the_person(client, make_user, partner, aino):
    same_person = ContactFactory(
        partner=PartnerFactory(name="Tammerfors stad"), name=NAME, email=EMAIL.upper()
    )
    activity = Activity.objects.create(
        kind=ActivityKind.STUDY_VISIT, title="Besök", starts=datetime.date(2026, 5, 4), purpose="x"
    )
    activity.contacts.add(aino)
    coordinator = make_user(Role.COORDINATOR)
    client.force_login(coordinator)
    response = client.get(f"/relationer/kontakter/{aino.pk}/export/")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="kontakt-{aino.pk}.json"'
    data = json.loads(response.content)
    assert [c["id"] for c in data["contacts"]] == [aino.pk, same_person.pk]
    assert data["contacts"][0]["phone"] == "+358 40 123 4567"
    assert (
        data["contacts"][0]["legal_basis_label"] == "Uppgift av allmänt intresse (GDPR art. 6.1 e)"
    )
    assert [h["role"] for h in data["history"] if h["id"] == aino.pk] == [
        "Internationell samordnare",
        "Stadssekreterare",
    ]
    assert data["activities"] == [
        {"id": activity.pk, "title": "Besök", "starts": "2026-05-04", "kind": "Studiebesök"}
    ]
    assert ContactView.objects.filter(channel=ViewChannel.EXPORT).count() == 2
    client.force_login(make_user(Role.OFFICER, bodies=list(partner.bodies.all())))
    assert client.get(f"/relationer/kontakter/{aino.pk}/export/").status_code == 403


def test_after_erasure_no_table_holds_the_name_or_the_e_mail(client, make_user, partner, aino):
    activity = services.activity_create(
        user=None,
        kind=ActivityKind.VISIT_IN,
        title="Besök från Tammerfors",
        starts=datetime.date(2026, 10, 1),
        purpose="Skolutbyte",
        bodies=list(partner.bodies.all()),
        outcome=f"{NAME} lovade att skicka underlag.",
        partners=[partner],
        contacts=[aino],
    )
    services.activity_update(
        activity=activity,
        user=make_user(Role.COORDINATOR),
        changes={"outcome": f"{NAME.upper()} skickade underlag."},
    )
    MembershipFactory(partner=partner, notes=f"Kontakt: {EMAIL}")
    officer = make_user(Role.OFFICER, bodies=list(partner.bodies.all()))
    client.force_login(officer)
    client.get(f"/relationer/{partner.pk}/")
    assert tables_holding(NAME, EMAIL) >= {
        "relations_contact",
        "relations_historicalcontact",
        "relations_activity",
        "relations_historicalactivity",
        "relations_membership",
        "relations_historicalmembership",
    }
    number = aino.pk

    coordinator = make_user(Role.COORDINATOR, username="samordnaren")
    client.force_login(coordinator)
    page = client.get(f"/relationer/kontakter/{number}/radera/")
    assert NAME in page.content.decode()
    response = client.post(
        f"/relationer/kontakter/{number}/radera/",
        {"reason": ErasureReason.REQUEST, "confirm": "on"},
    )
    assert response.status_code == 302

    assert tables_holding(NAME, EMAIL) == set()
    assert tables_holding("Aino", "virtanen@") == set()
    assert not Contact.objects.exists()
    erasure = ContactErasure.objects.get()
    assert (erasure.contact_number, erasure.partner, erasure.erased_by) == (
        number,
        partner,
        coordinator,
    )
    assert erasure.reason == ErasureReason.REQUEST
    assert erasure.rows["history"] == 3  # created, changed, deleted
    assert erasure.rows["activities_unlinked"] == 1
    activity.refresh_from_db()
    assert activity.outcome == "[uppgift raderad] skickade underlag."
    # Who saw the contact stays known, by number only.
    view = ContactView.objects.get()
    assert (view.contact_id, view.contact_number) == (None, number)


def test_only_coordinators_erase(client, make_user, partner, aino):
    client.force_login(make_user(Role.OFFICER, bodies=list(partner.bodies.all())))
    assert (
        client.post(
            f"/relationer/kontakter/{aino.pk}/radera/", {"reason": "request", "confirm": "on"}
        ).status_code
        == 403
    )
    assert Contact.objects.filter(pk=aino.pk).exists()


def test_the_retention_sweep_erases_only_contacts_past_their_date(partner, aino):
    kept = ContactFactory(partner=partner, name="Matti Meikäläinen")
    Contact.objects.filter(pk=aino.pk).update(retention_until=datetime.date(2026, 1, 31))
    today = datetime.date(2026, 2, 1)
    assert [c.pk for c in privacy.retention_due(today=today)] == [aino.pk]
    out = StringIO()
    call_command("relations_retention", stdout=out)
    listing = out.getvalue()
    assert f"contact {aino.pk}\tTampere\tkeep until 2026-01-31" in listing
    assert NAME not in listing
    assert Contact.objects.count() == 2
    assert privacy.retention_sweep(today=today) == [aino.pk]
    assert list(Contact.objects.values_list("pk", flat=True)) == [kept.pk]
    assert ContactErasure.objects.get().reason == ErasureReason.RETENTION
    assert tables_holding(NAME) == set()


def test_the_commands_export_and_erase_a_person(tmp_path, partner, aino):
    out = tmp_path / "utdrag.json"
    call_command("relations_contact_export", email=EMAIL.upper(), out=out, stderr=StringIO())
    assert json.loads(out.read_text(encoding="utf-8"))["contacts"][0]["name"] == NAME
    listing = StringIO()
    call_command("relations_contact_erase", name="aino  VIRTANEN", stdout=listing)
    assert "1 contact(s) would be erased" in listing.getvalue()
    assert Contact.objects.exists()
    call_command("relations_contact_erase", contact=aino.pk, yes=True, stdout=StringIO())
    assert not Contact.objects.exists()
    assert ContactErasure.objects.get().erased_by is None
