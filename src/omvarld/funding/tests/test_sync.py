"""Calls from the portal's answers and from files: provenance, idempotence, broken records."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from omvarld.funding import sync
from omvarld.funding.constants import CallSource, MatchStatus
from omvarld.funding.models import Call, CallFetch, CallMatch
from omvarld.funding.sync import calls_import_file, calls_sync_payload

REQUEST = "POST https://api.tech.ec.europa.eu/search-api/prod/rest/search?apiKey=SEDIA"


def test_an_answer_is_stored_with_its_provenance_and_its_calls_applied(funding_data, search_open):
    summary = calls_sync_payload(payload=search_open, request=REQUEST, status=200)
    assert (summary.records, summary.created, summary.updated) == (6, 6, 0)
    fetch = CallFetch.objects.get()
    assert (fetch.source, fetch.request, fetch.status) == (CallSource.PORTAL, REQUEST, 200)
    assert fetch.payload == search_open
    assert fetch.records == 6
    assert len(fetch.sha256) == 64
    cerv = Call.objects.get(identifier="CERV-2027-CITIZENS-TOWN-TT")
    assert list(cerv.fetches.all()) == [fetch]
    assert cerv.programme is not None
    assert cerv.programme.code == "cerv"
    assert (cerv.opens, cerv.deadline) == (dt.date(2026, 11, 18), dt.date(2027, 2, 18))
    assert cerv.budget == Decimal(4000000)
    assert cerv.portal_status == "open"
    assert cerv.extra["reference"].endswith("CERV-2027-CITIZENS-TOWN-TT")
    # A programme the platform does not list keeps its call, without a programme.
    assert Call.objects.get(identifier="EDF-2027-DA-UWW-MCM").programme is None
    horizon = Call.objects.get(identifier="HORIZON-MISS-2027-CIT-01-01")
    assert horizon.deadlines == ["2027-01-26", "2027-09-15"]


def test_broken_records_are_logged_with_their_source_and_the_others_imported(
    funding_data, search_open, caplog
):
    with caplog.at_level(logging.WARNING, logger="omvarld.funding.sync"):
        summary = calls_sync_payload(payload=search_open, request=REQUEST, status=200)
    wheres = [e["where"] for e in summary.errors]
    assert wheres == [
        "results[7]",
        "results[8]",
        "results[9] AMIF-2027-TF2-AG-INTE-01",
        "results[10] CREA-CULT-2027-COOP",
    ]
    crea = summary.errors[3]["error"]
    assert crea == "Sista ansökningsdag kan inte komma före dagen då utlysningen öppnar."
    fetch = CallFetch.objects.get()
    assert fetch.errors == summary.errors
    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == 4
    assert f"calls from {REQUEST} (fetch {fetch.pk}): results[8]" in logged[1]
    assert not Call.objects.filter(
        identifier__in=["AMIF-2027-TF2-AG-INTE-01", "CREA-CULT-2027-COOP"]
    )
    assert Call.objects.count() == 6


def test_applying_the_same_answer_twice_changes_nothing(funding_data, search_open):
    calls_sync_payload(payload=search_open, request=REQUEST, status=200)
    calls = list(Call.objects.order_by("pk").values())
    matches = list(CallMatch.objects.order_by("pk").values())
    history = Call.history.count()
    again = calls_sync_payload(payload=search_open, request=REQUEST, status=200)
    assert (again.created, again.updated, again.records) == (0, 0, 6)
    assert CallFetch.objects.count() == 1, "the same payload is stored once"
    assert list(Call.objects.order_by("pk").values()) == calls
    assert list(CallMatch.objects.order_by("pk").values()) == matches
    assert Call.history.count() == history


def test_a_later_answer_updates_the_call_and_keeps_what_people_did(
    funding_data, search_open, people
):
    calls_sync_payload(payload=search_open, request=REQUEST, status=200)
    cerv = Call.objects.get(identifier="CERV-2027-CITIZENS-TOWN-TT")
    match = CallMatch.objects.get(call=cerv, body__short_name="KS")
    match.status = MatchStatus.RELEVANT
    match.save()
    cerv.title_sv = "Vänortsutbyten"
    cerv.save()
    later = search_open.replace("2027-02-18T16:00:00.000+0000", "2027-02-25T16:00:00.000+0000")
    summary = calls_sync_payload(payload=later, request=REQUEST, status=200)
    assert summary.updated == 1
    cerv.refresh_from_db()
    assert cerv.deadline == dt.date(2027, 2, 25)
    assert cerv.title_sv == "Vänortsutbyten"
    assert cerv.fetches.count() == 2
    match.refresh_from_db()
    assert match.status == MatchStatus.RELEVANT


def test_an_unreadable_payload_is_stored_and_applies_nothing(funding_data):
    summary = calls_sync_payload(payload="<html>503</html>", request=REQUEST, status=200)
    assert summary.records == 0
    assert summary.errors[0]["where"] == "payload"
    assert CallFetch.objects.get().errors == summary.errors
    assert not Call.objects.exists()


TABLE = "\n".join(
    [
        "titel;program;id;öppnar;sista dag;budget;valuta;områden;länk;beskrivning",
        "Utveckla färdigheter för smart specialisering;erdf-ostra-mellansverige;;2027-01-10;"
        "2027-03-19;5 000 000;SEK;business_regional;https://tillvaxtverket.se/;"
        "Projekt för kompetensförsörjning",
        "Kommunala vänortsutbyten för unga;cerv;CERV-2027-CITIZENS-TOWN-XX;2027-02-01;2027-04-01;"
        ";;international;;",
        ";cerv;;;;;;;;",
        "Sent;okänt-program;;;2027-01-01;;;;;",
        "Avfallsförebyggande;;;2027-03-01;2027-01-15;;;waste;;",
    ]
)


def test_a_table_of_calls_from_other_sources(funding_data):
    summary = calls_import_file(name="utlysningar.csv", payload=TABLE)
    assert (summary.records, summary.created) == (2, 2)
    assert [e["where"] for e in summary.errors] == [
        "rad 4",
        "rad 5 (Sent)",
        "rad 6 (Avfallsförebyggande)",
    ]
    assert summary.errors[0]["error"] == "titeln saknas"
    assert summary.errors[1]["error"] == "programmet okänt-program finns inte i programlistan"
    assert "före dagen då utlysningen öppnar" in summary.errors[2]["error"]
    smart = Call.objects.get(title="Utveckla färdigheter för smart specialisering")
    assert smart.source == CallSource.FILE
    assert smart.programme is not None
    assert smart.programme.code == "erdf-ostra-mellansverige"
    assert (smart.budget, smart.budget_currency) == (Decimal(5000000), "SEK")
    assert [a.code for a in smart.areas.all()] == ["business_regional"]
    assert CallFetch.objects.get().request == "file utlysningar.csv"
    # Imported again: the same calls, nothing new.
    again = calls_import_file(name="utlysningar.csv", payload=TABLE)
    assert (again.created, again.updated) == (0, 0)
    assert Call.objects.count() == 2


def test_calls_import_reads_files_and_reports(funding_data, tmp_path, search_open):
    answer = tmp_path / "svar.json"
    answer.write_text(search_open, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("calls_import", str(answer), stdout=out, stderr=err)
    assert out.getvalue() == "1 payload(s), 6 call(s) applied: 6 new, 0 changed\n"
    assert err.getvalue().count("skipped ") == 4
    assert CallFetch.objects.get().source == CallSource.FILE
    with pytest.raises(CommandError, match="No such file"):
        call_command("calls_import", str(tmp_path / "saknas.json"))


def test_the_portal_sync_goes_through_the_client(funding_data, search_open, monkeypatch):
    from omvarld.core.http_client import HttpClient, Response

    asked = []

    def portal(request, *, timeout):
        asked.append(request)
        return Response(200, search_open.encode(), {}, request.url)

    monkeypatch.setattr(sync, "default_client", lambda: HttpClient(transport=portal))
    out = StringIO()
    call_command("calls_sync", stdout=out, stderr=StringIO())
    assert out.getvalue().startswith("1 payload(s), 6 call(s) applied: 6 new")
    assert [r.method for r in asked] == ["POST"]
    assert CallFetch.objects.get().status == 200


def test_calls_sync_says_what_to_do_without_network(funding_data, monkeypatch):
    from omvarld.core.http_client import HttpClient, TransportError

    def offline(request, *, timeout):
        raise TransportError("[Errno -2] Name or service not known")

    class NoWait:
        def monotonic(self) -> float:
            return 0.0

        def sleep(self, seconds: float) -> None:
            return None

    monkeypatch.setattr(
        sync, "default_client", lambda: HttpClient(transport=offline, clock=NoWait(), retries=1)
    )
    with pytest.raises(CommandError) as caught:
        call_command("calls_sync")
    assert "api.tech.ec.europa.eu could not be reached" in str(caught.value)
    assert "manage.py calls_import FILE" in str(caught.value)
    assert not CallFetch.objects.exists()
