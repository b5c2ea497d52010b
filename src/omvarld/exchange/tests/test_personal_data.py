"""Named guests: export, erasure on request and at the retention date, history included."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from omvarld.exchange.models import Participation
from omvarld.exchange.services import events as event_services
from omvarld.exchange.services import personal_data

from .factories import CostFactory, GuestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest(trip, users, bodies):
    guest = GuestFactory(
        event=trip["event"],
        guest_name="Kerstin Kommunalråd",
        guest_email="kerstin@example.org",
        retention_until=dt.date(2026, 12, 31),
    )
    event_services.participation_update(
        participation=guest, user=users["officer"], changes={"guest_organisation": "KS"}
    )
    CostFactory(participation=guest, body=bodies["mn"])
    return guest


def test_a_coordinator_exports_everything_kept_about_a_guest(guest, users):
    export = personal_data.guest_export(user=users["coordinator"], query="kerstin@example.org")
    (row,) = export["participations"]
    assert row["name"] == "Kerstin Kommunalråd"
    assert row["organisation"] == "KS"
    assert row["costs"] == [{"kind": "travel", "amount_sek": "1000.00", "note": ""}]
    assert [h["organisation"] for h in row["history"]] == ["Tammerfors stad", "KS"]
    by_name = personal_data.guest_export(user=users["coordinator"], query="kerstin kommunalråd")
    assert len(by_name["participations"]) == 1


@pytest.mark.parametrize("who", ["officer", "reader"])
def test_only_coordinators_export_or_erase(guest, users, who):
    with pytest.raises(PermissionDenied):
        personal_data.guest_export(user=users[who], query="kerstin@example.org")
    with pytest.raises(PermissionDenied):
        personal_data.guest_erase(participation=guest, user=users[who])


def _history_values(pk):
    return list(
        Participation.history.filter(id=pk).values_list(
            "guest_name", "guest_organisation", "guest_email"
        )
    )


def test_erasure_blanks_the_guest_in_the_record_and_its_history(guest, users):
    personal_data.guest_erase(participation=guest, user=users["coordinator"])
    guest.refresh_from_db()
    assert (guest.guest_name, guest.guest_organisation, guest.guest_email) == ("", "", "")
    assert guest.erased_at is not None
    assert guest.display_name == "Raderad gäst"
    assert set(_history_values(guest.pk)) == {("", "", "")}
    assert guest.costs.count() == 1
    assert (
        personal_data.guest_export(user=users["coordinator"], query="kerstin@example.org")[
            "participations"
        ]
        == []
    )


def test_guests_past_their_retention_date_are_erased_and_others_kept(guest, trip):
    kept = GuestFactory(event=trip["event"], retention_until=dt.date(2027, 6, 30))
    assert personal_data.guests_erase_expired(today=dt.date(2026, 12, 31)) == 0
    assert personal_data.guests_erase_expired(today=dt.date(2027, 1, 1)) == 1
    guest.refresh_from_db()
    kept.refresh_from_db()
    assert guest.erased_at is not None
    assert kept.erased_at is None
    assert kept.guest_name


def test_the_command_erases_expired_guests(guest, capsys):
    call_command("exchange_erase_guests", "--today", "2027-01-01")
    assert "1" in capsys.readouterr().out
    guest.refresh_from_db()
    assert guest.erased_at is not None
