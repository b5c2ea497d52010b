"""What other apps and the workspace read: selectors with hand-counted answers, the deadlines
provider, and the links other registers add to a partner's page."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from omvarld.core import contributions
from omvarld.relations import links, selectors, services
from omvarld.relations.constants import ActivityKind, PartnerKind, PartnerStatus
from omvarld.relations.deadlines import relation_deadlines

from .factories import ActivityFactory, AgreementFactory, MembershipFactory, PartnerFactory

TODAY = datetime.date(2026, 12, 6)


@pytest.fixture
def register(make_body):
    ks, un = make_body("KS"), make_body("UN")
    partners = {
        "tampere": PartnerFactory(
            name="Tampere", name_sv="Tammerfors", country="FI", bodies=[ks, un]
        ),
        "turku": PartnerFactory(
            name="Turku", name_sv="Åbo", country="FI", status=PartnerStatus.DORMANT, bodies=[un]
        ),
        "oulu": PartnerFactory(name="Oulu", country="FI", status=PartnerStatus.ENDED, bodies=[un]),
        "odense": PartnerFactory(name="Odense", country="DK", bodies=[ks]),
        "sern": PartnerFactory(name="SERN", kind=PartnerKind.NETWORK, country="", bodies=[ks]),
    }
    return ks, un, partners


def test_partners_by_country_choices_and_summaries(register):
    _ks, _un, p = register
    finnish = selectors.partners_by_country(country="fi")
    assert [s.display_name for s in finnish] == ["Tammerfors (Tampere)", "Åbo (Turku)"]
    assert finnish[0].country_name == "Finland"
    assert finnish[0].url == f"/relationer/{p['tampere'].pk}/"
    assert len(selectors.partners_by_country(country="FI", include_ended=True)) == 3
    assert selectors.partner_counts_by_country() == {"DK": 1, "FI": 2}
    assert selectors.partner_choices() == [
        (p["odense"].pk, "Odense (DK)"),
        (p["sern"].pk, "SERN"),
        (p["tampere"].pk, "Tammerfors (Tampere) (FI)"),
        (p["turku"].pk, "Åbo (Turku) (FI)"),
    ]
    assert [c[1] for c in selectors.partner_choices(kinds=["network"])] == ["SERN"]
    summaries = selectors.partner_summaries(ids=[p["odense"].pk, p["sern"].pk, 999999])
    assert sorted(s.name for s in summaries.values()) == ["Odense", "SERN"]
    assert summaries[p["sern"].pk].kind_label == "Nätverk eller förening"
    assert [s.name for s in selectors.partner_search(query="åbo")] == ["Turku"]
    assert selectors.partner_search(query="  ") == []


def test_another_app_gets_or_creates_a_partner_through_the_duplicate_check(make_user, register):
    from omvarld.accounts.constants import Role
    from omvarld.relations.services import partner_get_or_create

    ks, _un, p = register
    officer = make_user(Role.OFFICER, bodies=[ks])
    found, created = partner_get_or_create(
        user=officer, name="TAMMERFORS", country="FI", kind=PartnerKind.MUNICIPALITY
    )
    assert (found.id, created) == (p["tampere"].pk, False)
    new, created = partner_get_or_create(
        user=officer,
        name="Trondheim",
        country="NO",
        kind=PartnerKind.MUNICIPALITY,
        body_ids=[ks.pk],
    )
    assert created
    assert new.display_name == "Trondheim"
    contact_id = services.contact_create_for(
        user=officer,
        partner_id=new.id,
        name="Kari Nordmann",
        email="kari@trondheim.kommune.no",
        purpose="Kontakt från en resa",
        retention_until=TODAY + datetime.timedelta(days=700),
    )
    assert selectors.partner_summaries(ids=[new.id])[new.id].name == "Trondheim"
    assert contact_id > 0


def test_body_year_counts_are_hand_counted(register):
    ks, un, p = register
    ActivityFactory(kind=ActivityKind.VISIT_IN, starts=datetime.date(2026, 3, 1), bodies=[ks])
    ActivityFactory(kind=ActivityKind.VISIT_OUT, starts=datetime.date(2026, 4, 1), bodies=[ks, un])
    ActivityFactory(kind=ActivityKind.STUDY_VISIT, starts=datetime.date(2026, 5, 1), bodies=[un])
    ActivityFactory(kind=ActivityKind.VISIT_IN, starts=datetime.date(2025, 5, 1), bodies=[ks])
    AgreementFactory(partner=p["tampere"], body=ks, signed=datetime.date(2026, 2, 2))
    AgreementFactory(partner=p["odense"], body=ks, signed=datetime.date(2024, 2, 2))
    counts = selectors.body_year_counts(body_ids=[ks.pk, un.pk], year=2026)
    # KS: Tampere, Odense, SERN living; UN: Tampere, Turku (dormant counts, Oulu ended does not).
    assert counts[ks.pk] == selectors.YearCounts(
        partners=3, new_partners=3, activities=2, visits_in=1, visits_out=1, agreements_signed=1
    )
    assert counts[un.pk] == selectors.YearCounts(
        partners=2, new_partners=3, activities=2, visits_in=0, visits_out=1, agreements_signed=0
    )
    assert selectors.body_year_counts(body_ids=[ks.pk], year=2025)[ks.pk].activities == 1


def test_relation_dates_reach_the_responsible_bodies(register, django_assert_max_num_queries):
    ks, un, p = register
    membership = MembershipFactory(
        partner=p["sern"],
        body=None,
        fee=Decimal("1500"),
        currency="EUR",
        renewal_date=datetime.date(2027, 1, 31),
        notice_date=datetime.date(2026, 10, 31),
    )
    agreement = AgreementFactory(
        partner=p["tampere"], body=un, notice_date=datetime.date(2026, 12, 20)
    )
    ActivityFactory(
        title="Studiebesök",
        bodies=[un],
        follow_up="Rapport till nämnden",
        follow_up_date=datetime.date(2026, 12, 10),
    )
    with django_assert_max_num_queries(8):
        rows = relation_deadlines(
            body_ids=[ks.pk, un.pk],
            date_from=TODAY,
            date_to=TODAY + datetime.timedelta(days=90),
            today=TODAY,
        )
    assert [
        (r.date.isoformat(), r.label, r.body_id) for r in sorted(rows, key=lambda r: r.date)
    ] == [
        ("2026-12-10", "Uppföljning av en aktivitet", un.pk),
        ("2026-12-20", "Sista dag att säga upp avtalet", un.pk),
        ("2027-01-31", "Medlemskapet förnyas", ks.pk),  # no body of its own: the partner's
    ]
    assert rows[0].source == "Internationella relationer"
    assert any(
        r.uid == f"relations-agreement-{agreement.pk}-notice_date-{un.pk}@omvarld" for r in rows
    )
    assert relation_deadlines(body_ids=[un.pk], date_from=TODAY, date_to=TODAY, today=TODAY) == []
    # The platform's deadlines page, feeds and digest read the same through the registry.
    assert ("relations", "Internationella relationer") in [
        (k, str(label)) for k, label in contributions.deadline_sources()
    ]
    via_registry = contributions.deadlines_for(
        body_ids=[ks.pk],
        date_from=TODAY,
        date_to=TODAY + datetime.timedelta(days=90),
        today=TODAY,
        sources=["relations"],
    )
    assert [r.title for r in via_registry] == [str(membership.partner)]


def test_needs_doing_lists_overdue_and_coming_steps_only(register):
    _ks, un, _p = register
    ActivityFactory(
        title="Gammal uppföljning", bodies=[un], follow_up_date=datetime.date(2026, 11, 1)
    )
    ActivityFactory(
        title="Klar", bodies=[un], follow_up_date=datetime.date(2026, 11, 2), follow_up_done=True
    )
    ActivityFactory(title="Snart", bodies=[un], follow_up_date=datetime.date(2026, 12, 24))
    ActivityFactory(title="Långt bort", bodies=[un], follow_up_date=datetime.date(2027, 6, 1))
    titles = [r.title for r in selectors.needs_doing(body_ids=[un.pk], today=TODAY)]
    assert titles == ["Gammal uppföljning", "Snart"]


def test_recent_changes_of_a_body(register):
    ks, _un, p = register
    since = p["tampere"].created_at
    ActivityFactory(title="Ny aktivitet", bodies=[ks])
    changes = selectors.recent_changes(body_ids=[ks.pk], since=since)
    assert sorted((c.kind, c.title) for c in changes) == [
        ("activity", "Ny aktivitet"),
        ("partner", "Odense"),
        ("partner", "SERN"),
        ("partner", "Tammerfors (Tampere)"),
    ]


def test_other_registers_add_their_records_to_the_partner_page(client_as, register, monkeypatch):
    _ks, _un, p = register
    monkeypatch.setattr(links, "_providers", {})
    tampere = p["tampere"]

    def trips(partner_ids):
        return [
            links.PartnerLink(
                tampere.pk,
                "Resa till Tammerfors",
                "/utbyte/resor/7/",
                "Resa",
                datetime.date(2026, 9, 14),
            )
        ]

    links.register_partner_links("exchange", "Evenemang och resor", trips)
    html = client_as("reader").get(f"/relationer/{tampere.pk}/").content.decode()
    assert '<h2 id="links-exchange">Evenemang och resor</h2>' in html
    assert '<a href="/utbyte/resor/7/">Resa till Tammerfors</a>' in html
    assert '<time datetime="2026-09-14">' in html
