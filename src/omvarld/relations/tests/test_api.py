"""The API of the register, per resource and verb, including who cannot write."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from omvarld.accounts.constants import Role
from omvarld.relations.models import Activity, ContactView, Partner

from .factories import ActivityFactory, ContactFactory, MembershipFactory, PartnerFactory


@pytest.fixture
def api(make_user):
    def as_role(role, **kwargs):
        client = APIClient()
        user = make_user(role, **kwargs)
        client.force_authenticate(user)
        client.user = user
        return client

    return as_role


PARTNER = {"name": "Odense", "kind": "municipality", "country": "dk", "relation": "twin_town"}


def test_everyone_reads_partners_with_the_registers_filters(api, make_body):
    ks = make_body("KS")
    PartnerFactory(name="Tampere", country="FI", bodies=[ks])
    PartnerFactory(name="Odense", country="DK")
    client = api(Role.READER)
    everything = client.get("/api/v1/partners/").json()
    assert everything["count"] == 2
    finnish = client.get("/api/v1/partners/?country=FI&body=KS").json()
    assert [p["name"] for p in finnish["results"]] == ["Tampere"]
    assert finnish["results"][0]["bodies"] == ["KS"]
    assert client.get("/api/v1/partners/?country=XX").status_code == 400
    assert client.get("/api/v1/partners/?q=odense").json()["count"] == 1


def test_partners_are_created_through_the_duplicate_check(api, make_body):
    ks = make_body("KS")
    coordinator = api(Role.COORDINATOR)
    created = coordinator.post("/api/v1/partners/", {**PARTNER, "bodies": ["KS"]}, format="json")
    assert created.status_code == 201
    assert created.json()["country"] == "DK"
    again = coordinator.post("/api/v1/partners/", {**PARTNER, "name": "ODENSE"}, format="json")
    assert again.status_code == 400
    body = again.json()
    assert body["existing"]["id"] == str(created.json()["id"])
    assert body["existing"]["url"] == f"/relationer/{created.json()['id']}/"
    assert "finns redan i registret" in body["non_field_errors"][0]
    unknown = coordinator.post("/api/v1/partners/", {**PARTNER, "country": "XX"}, format="json")
    assert unknown.status_code == 400
    assert unknown.json()["country"] == [
        "Okänd landskod XX: ange landets kod med två bokstäver enligt ISO 3166-1, till exempel SE."
    ]
    assert Partner.objects.get().bodies.get() == ks


@pytest.mark.parametrize(
    ("role", "own", "create", "update", "delete"),
    [
        (Role.COORDINATOR, False, 201, 200, 204),
        (Role.OFFICER, True, 201, 200, 403),
        (Role.OFFICER, False, 403, 403, 403),
        (Role.READER, True, 403, 403, 403),
    ],
)
def test_who_writes_partners(api, make_body, role, own, create, update, delete):
    ks, un = make_body("KS"), make_body("UN")
    existing = PartnerFactory(name="Tampere", country="FI", bodies=[ks])
    client = api(role, bodies=[ks] if own else [un])
    assert (
        client.post("/api/v1/partners/", {**PARTNER, "bodies": ["KS"]}, format="json").status_code
        == create
    )
    assert (
        client.patch(
            f"/api/v1/partners/{existing.pk}/", {"place": "Pirkanmaa"}, format="json"
        ).status_code
        == update
    )
    assert client.delete(f"/api/v1/partners/{existing.pk}/").status_code == delete


def test_officers_record_their_bodies_activities_and_no_others(api, make_body):
    ks, un = make_body("KS"), make_body("UN")
    partner = PartnerFactory()
    officer = api(Role.OFFICER, bodies=[un])
    payload = {
        "kind": "study_visit",
        "title": "Studiebesök",
        "starts": "2026-09-14",
        "purpose": "Skolutveckling",
        "bodies": ["UN"],
        "partners": [partner.pk],
    }
    created = officer.post("/api/v1/activities/", payload, format="json")
    assert created.status_code == 201
    assert Activity.objects.get().created_by == officer.user
    assert (
        officer.post(
            "/api/v1/activities/", {**payload, "bodies": ["KS"]}, format="json"
        ).status_code
        == 403
    )
    theirs = ActivityFactory(bodies=[ks])
    assert (
        officer.patch(
            f"/api/v1/activities/{theirs.pk}/", {"outcome": "x"}, format="json"
        ).status_code
        == 403
    )
    assert officer.get("/api/v1/activities/?body=UN").json()["count"] == 1
    assert officer.get("/api/v1/activities/?year=abc").status_code == 400
    ends_before = officer.post(
        "/api/v1/activities/", {**payload, "ends": "2026-09-01"}, format="json"
    )
    assert ends_before.status_code == 400
    assert ends_before.json() == {"ends": ["Slutet kan inte komma före början."]}


def test_memberships_and_agreements_through_the_api(api, make_body):
    ks = make_body("KS")
    network = PartnerFactory(kind="network", country="", bodies=[ks])
    coordinator = api(Role.COORDINATOR)
    no_currency = coordinator.post(
        "/api/v1/memberships/",
        {"partner": network.pk, "fee": "1500.00", "body": "KS"},
        format="json",
    )
    assert no_currency.json() == {"currency": ["Ange avgiftens valuta."]}
    ok = coordinator.post(
        "/api/v1/memberships/",
        {
            "partner": network.pk,
            "fee": "1500.00",
            "currency": "EUR",
            "renewal_date": "2027-01-31",
            "body": "KS",
        },
        format="json",
    )
    assert ok.status_code == 201
    assert api(Role.READER).get(f"/api/v1/memberships/?partner={network.pk}").json()["count"] == 1
    agreement = coordinator.post(
        "/api/v1/agreements/",
        {"partner": network.pk, "title": "Medlemsavtal", "kind": "contract"},
        format="json",
    )
    assert agreement.status_code == 201
    assert agreement.json()["documents"] == []
    assert (
        api(Role.READER)
        .post(
            "/api/v1/agreements/",
            {"partner": network.pk, "title": "x", "kind": "contract"},
            format="json",
        )
        .status_code
        == 403
    )


def test_contacts_only_for_those_who_may_see_them_and_every_one_is_logged(api, make_body):
    ks, un = make_body("KS"), make_body("UN")
    ours = ContactFactory(partner=PartnerFactory(bodies=[ks]))
    ContactFactory(partner=PartnerFactory(bodies=[un]))
    assert api(Role.READER, bodies=[ks]).get("/api/v1/contacts/").status_code == 403
    officer = api(Role.OFFICER, bodies=[ks])
    listed = officer.get("/api/v1/contacts/").json()
    assert [c["id"] for c in listed["results"]] == [ours.pk]
    assert ContactView.objects.filter(username=officer.user.username).count() == 1
    coordinator = api(Role.COORDINATOR)
    assert coordinator.get("/api/v1/contacts/").json()["count"] == 2
    assert coordinator.delete(f"/api/v1/contacts/{ours.pk}/").status_code == 405
    created = officer.post(
        "/api/v1/contacts/",
        {
            "partner": ours.partner_id,
            "name": "Aino Virtanen",
            "purpose": "Utbyte",
            "retention_until": "2030-01-01",
        },
        format="json",
    )
    assert created.status_code == 201
    other = api(Role.OFFICER, bodies=[un])
    assert other.get(f"/api/v1/contacts/{ours.pk}/").status_code == 404


def test_membership_of_a_partner_stays_with_it(api):
    membership = MembershipFactory()
    other = PartnerFactory()
    response = api(Role.COORDINATOR).patch(
        f"/api/v1/memberships/{membership.pk}/", {"partner": other.pk}, format="json"
    )
    assert response.status_code == 400
