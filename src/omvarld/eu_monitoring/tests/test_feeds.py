"""The calendar (parsed back with the icalendar package), the RSS and Atom feeds (parsed as XML),
the feed key; every registered source's deadlines reach them."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from omvarld.accounts.constants import Role
from omvarld.accounts.models import FeedKey
from omvarld.accounts.services import feed_key_ensure, feed_key_regenerate
from omvarld.core.contributions import BodyDeadline
from omvarld.eu_monitoring.constants import Channel, InboxStatus, Stage, WindowKind
from omvarld.eu_monitoring.models import InfluenceAction
from omvarld.eu_monitoring.selectors.deadlines import initiative_path
from omvarld.eu_monitoring.views_feeds import ical_calendar

from .factories import make_initiative, make_stage, make_window, route

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_xml(content: bytes) -> ET.Element:
    # The platform's own output, not untrusted input.
    return ET.fromstring(content)  # noqa: S314


def parse_calendar(content: bytes) -> Calendar:
    """The calendar as a calendar program reads it, after checking its physical lines."""
    assert content.endswith(b"\r\n")
    for line in content[:-2].split(b"\r\n"):
        assert b"\n" not in line
        assert len(line) <= 75, line
    return Calendar.from_ical(content)


def events(content: bytes) -> dict[str, dict[str, object]]:
    """The events by UID, their properties decoded."""
    found = {}
    for event in parse_calendar(content).walk("VEVENT"):
        found[str(event["UID"])] = {
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
            "stamp": event.decoded("DTSTAMP"),
            "summary": str(event["SUMMARY"]),
            "description": str(event["DESCRIPTION"]),
            "url": str(event["URL"]),
        }
    return found


# --- The writer -------------------------------------------------------------------------------


def a_step(uid: str, day: datetime.date, title: str, body_id: int = 1, **extra) -> BodyDeadline:
    return BodyDeadline(
        uid=uid,
        date=day,
        title=title,
        label=extra.pop("label", "Offentligt samråd"),
        body_id=body_id,
        url=extra.pop("url", "/eu-bevakning/initiativ/7/"),
        source=extra.pop("source", "EU-bevakning"),
        **extra,
    )


def test_calendar_frame_and_events():
    stamp = datetime.datetime(2026, 11, 26, 15, 30, tzinfo=datetime.UTC)
    title = "Översyn av avfallsramdirektivet, ; \\ " * 4
    content = ical_calendar(
        name="Tidsfrister: Miljönämnden",
        steps=[
            a_step(
                "window-7@omvarld",
                datetime.date(2026, 12, 31),
                title,
                starts=datetime.date(2026, 10, 1),
                detail="COM(2026) 7",
                external_url="https://ec.europa.eu/hys/7",
            )
        ],
        names={1: "Miljönämnden"},
        base_url="https://omvarld.example",
        stamp=stamp,
    )
    calendar = parse_calendar(content)
    assert str(calendar["PRODID"]) == "-//Omvärld//Tidsfrister//SV"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Tidsfrister: Miljönämnden"
    event = events(content)["window-7@omvarld"]
    assert event["stamp"] == stamp
    assert event["start"] == datetime.date(2026, 12, 31)
    assert event["end"] == datetime.date(2027, 1, 1)
    assert event["summary"] == f"Sista dag: Offentligt samråd – {title}"
    assert event["description"].split("\n") == [
        title,
        "COM(2026) 7",
        "Öppnar: 2026-10-01",
        "Miljönämnden: inte gjort än",
        "Från: EU-bevakning",
        "Hos källan: https://ec.europa.eu/hys/7",
    ]
    assert event["url"] == "https://omvarld.example/eu-bevakning/initiativ/7/"


def test_a_local_time_stamp_is_written_in_utc():
    stockholm = timezone.get_default_timezone()
    content = ical_calendar(
        name="x",
        steps=[a_step("u@omvarld", datetime.date(2026, 7, 2), "s")],
        names={},
        base_url="https://x",
        stamp=datetime.datetime(2026, 7, 1, 12, 0, tzinfo=stockholm),
    )
    assert b"DTSTAMP:20260701T100000Z" in content


# --- The calendar address ---------------------------------------------------------------------


@pytest.fixture
def setup(make_body, make_user):
    today = timezone.localdate()
    mn = make_body("MN", "Miljönämnden")
    un = make_body("UN", "Utbildningsnämnden")
    user = make_user(Role.OFFICER, bodies=[mn, un])
    water = make_initiative(
        "Översyn av avloppsdirektivet; rening, kväve och fosfor i kommunala reningsverk " * 2,
        com_number="COM(2026) 123",
        procedure_reference="2026/0042(COD)",
    )
    route(water, mn)
    route(water, un)
    window = make_window(
        water,
        closes=today + datetime.timedelta(days=14),
        opens=today - datetime.timedelta(days=14),
        kind=WindowKind.PUBLIC_CONSULTATION,
        url="https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/42",
    )
    InfluenceAction.objects.create(
        initiative=water,
        body=mn,
        date=today,
        channel=Channel.OWN_RESPONSE,
        description="Remissvar",
        window=window,
    )
    step = make_stage(water, Stage.PROPOSAL, today + datetime.timedelta(days=60))
    school = make_initiative("Skolinitiativet")
    route(school, un)
    school_window = make_window(school, closes=today + datetime.timedelta(days=3))
    return {
        "today": today,
        "mn": mn,
        "un": un,
        "user": user,
        "key": feed_key_ensure(user=user).key,
        "water": water,
        "window": window,
        "step": step,
        "school": school,
        "school_window": school_window,
    }


def test_body_calendar(client, setup):
    response = client.get(f"/eu-bevakning/kalender/{setup['key']}/MN.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response.content)
    window, stage = setup["window"], setup["step"]
    assert set(found) == {f"window-{window.pk}@omvarld", f"stage-{stage.pk}@omvarld"}
    event = found[f"window-{window.pk}@omvarld"]
    assert event["start"] == window.closes
    assert event["end"] == window.closes + datetime.timedelta(days=1)
    assert setup["water"].title_sv in event["summary"]
    assert str(WindowKind.PUBLIC_CONSULTATION.label) in event["summary"]
    assert "COM(2026) 123, 2026/0042(COD)" in event["description"]
    assert "Miljönämnden: gjort" in event["description"]
    assert "Utbildningsnämnden" not in event["description"]
    assert window.url in event["description"]
    assert event["url"] == "http://testserver" + initiative_path(setup["water"].pk)
    assert event["stamp"].tzinfo is not None
    assert found[f"stage-{stage.pk}@omvarld"]["start"] == stage.date


def test_my_bodies_calendar_has_each_step_once(client, setup):
    response = client.get(f"/eu-bevakning/kalender/{setup['key']}/mina.ics")
    assert response.status_code == 200
    calendar = parse_calendar(response.content)
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 3
    description = events(response.content)[f"window-{setup['window'].pk}@omvarld"]["description"]
    assert "Miljönämnden: gjort" in description
    assert "Utbildningsnämnden: inte gjort än" in description
    # The two bodies are listed in the order of their names, Miljönämnden having answered.
    assert description.index("Miljönämnden") < description.index("Utbildningsnämnden")


def test_calendar_refuses_unknown_keys_bodies_and_inactive_users(client, setup):
    assert client.get("/eu-bevakning/kalender/not-a-key/MN.ics").status_code == 404
    assert client.get(f"/eu-bevakning/kalender/{setup['key']}/XX.ics").status_code == 404
    user = setup["user"]
    user.is_active = False
    user.save()
    assert client.get(f"/eu-bevakning/kalender/{setup['key']}/MN.ics").status_code == 404


def test_a_replaced_key_stops_working(client, setup):
    old = setup["key"]
    new = feed_key_regenerate(user=setup["user"]).key
    assert new != old
    assert FeedKey.objects.filter(user=setup["user"]).count() == 1
    assert client.get(f"/eu-bevakning/kalender/{old}/MN.ics").status_code == 404
    assert client.get(f"/eu-bevakning/kalender/{new}/MN.ics").status_code == 200


def add_windows(setup, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        initiative = make_initiative(f"Initiativ {n}")
        route(initiative, setup["mn"])
        make_window(initiative, closes=setup["today"] + datetime.timedelta(days=n + 1))


def queries(client, url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content


def test_calendar_query_count_does_not_grow_with_rows(client, setup):
    url = f"/eu-bevakning/kalender/{setup['key']}/mina.ics"
    add_windows(setup, 2)
    few, _content = queries(client, url)
    add_windows(setup, 20, start=2)
    many, content = queries(client, url)
    assert many == few
    assert len(events(content)) == 3 + 22


def test_the_calendar_carries_every_registered_source(client, setup, other_app):
    """Another app's dates reach the calendar with no change to EU monitoring."""
    today = setup["today"]
    notice = other_app.add(
        setup["mn"], today + datetime.timedelta(days=14), "Vänortsavtal med Tammerfors"
    )
    other_app.add(setup["un"], today + datetime.timedelta(days=3), "Avtal med Riga")

    found = events(client.get(f"/eu-bevakning/kalender/{setup['key']}/MN.ics").content)

    assert notice.uid in found
    assert "agreement-2@omvarld" not in found
    event = found[notice.uid]
    assert event["start"] == notice.date
    assert event["summary"] == "Sista dag att säga upp avtalet – Vänortsavtal med Tammerfors"
    assert "Från: Internationella relationer" in event["description"]
    assert event["url"] == "http://testserver/relationer/avtal/1/"


# --- RSS and Atom -----------------------------------------------------------------------------


def test_rss_feed_of_a_body(client, setup, other_app):
    today = setup["today"]
    closed = make_initiative("Avslutat initiativ")
    route(closed, setup["un"], status=InboxStatus.CLOSED)
    make_window(closed, closes=today + datetime.timedelta(days=2))
    report = other_app.add(
        setup["un"],
        today + datetime.timedelta(days=5),
        "Studieresa till Esslingen",
        label="Reserapport ska lämnas",
        source="Utbyte och resor",
        url="/utbyte/resa/3/",
    )

    response = client.get(f"/eu-bevakning/flode/{setup['key']}/UN.rss")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response.content).find("channel")
    assert channel is not None
    assert "Utbildningsnämnden" in channel.findtext("title", "")
    items = channel.findall("item")
    school, trip, water, stage = (setup["school_window"], report, setup["window"], setup["step"])
    assert [i.findtext("guid") for i in items] == [
        f"window-{school.pk}@omvarld",
        trip.uid,
        f"window-{water.pk}@omvarld",
        f"stage-{stage.pk}@omvarld",
    ]
    assert items[1].findtext("title") == (
        f"{trip.date:%Y-%m-%d}: Reserapport ska lämnas – Studieresa till Esslingen"
    )
    assert items[1].findtext("link") == "http://testserver/utbyte/resa/3/"
    assert "Utbyte och resor" in items[1].findtext("description", "")
    assert items[0].findtext("link") == "http://testserver" + initiative_path(setup["school"].pk)
    assert items[0].findtext("pubDate")
    first = items[2].findtext("description", "")
    assert str(WindowKind.PUBLIC_CONSULTATION.label) in first
    assert "COM(2026) 123" in first


def test_atom_feed_of_a_body(client, setup):
    response = client.get(f"/eu-bevakning/flode/{setup['key']}/MN.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert "Miljönämnden" in feed.findtext(f"{ATOM}title", "")
    assert feed.findtext(f"{ATOM}subtitle")
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"window-{setup['window'].pk}@omvarld",
        f"stage-{setup['step'].pk}@omvarld",
    ]
    entry = entries[0]
    assert setup["water"].title_sv in entry.findtext(f"{ATOM}title", "")
    assert entry.findtext(f"{ATOM}updated")
    summary = entry.findtext(f"{ATOM}summary", "")
    assert setup["window"].opens.strftime("%Y-%m-%d") in summary


def test_feeds_refuse_unknown_keys_and_bodies(client, setup):
    assert client.get("/eu-bevakning/flode/nope/MN.rss").status_code == 404
    assert client.get("/eu-bevakning/flode/nope/MN.atom").status_code == 404
    assert client.get(f"/eu-bevakning/flode/{setup['key']}/XX.rss").status_code == 404


def test_feed_query_count_does_not_grow_with_rows(client, setup):
    url = f"/eu-bevakning/flode/{setup['key']}/MN.rss"
    add_windows(setup, 2)
    few, _content = queries(client, url)
    add_windows(setup, 20, start=2)
    many, content = queries(client, url)
    assert many == few
    assert len(parse_xml(content).findall("channel/item")) == 2 + 22


# --- The subscription page --------------------------------------------------------------------


def test_subscribe_page_shows_the_users_addresses(client_as, make_body):
    mn = make_body("MN", "Miljönämnden")
    make_body("UN", "Utbildningsnämnden")
    client = client_as(Role.READER, bodies=[mn])
    response = client.get("/eu-bevakning/tidsfrister/prenumerera/")
    assert response.status_code == 200
    key = FeedKey.objects.get(user=client.user).key
    html = response.content.decode()
    assert f"http://testserver/eu-bevakning/kalender/{key}/mina.ics" in html
    assert f"http://testserver/eu-bevakning/kalender/{key}/UN.ics" in html
    assert f"http://testserver/eu-bevakning/flode/{key}/MN.rss" in html
    assert f"http://testserver/eu-bevakning/flode/{key}/MN.atom" in html
    # The user's own body comes first.
    assert html.index("/MN.ics") < html.index("/UN.ics")
    # Opening the page again keeps the key.
    client.get("/eu-bevakning/tidsfrister/prenumerera/")
    assert FeedKey.objects.get(user=client.user).key == key


def test_replacing_the_key_from_the_page(client_as, make_body):
    client = client_as(Role.READER, bodies=[make_body("MN")])
    client.get("/eu-bevakning/tidsfrister/prenumerera/")
    old = FeedKey.objects.get(user=client.user).key
    assert client.get("/eu-bevakning/tidsfrister/prenumerera/ny-nyckel/").status_code == 405
    response = client.post("/eu-bevakning/tidsfrister/prenumerera/ny-nyckel/")
    assert response.status_code == 302
    assert response["Location"] == "/eu-bevakning/tidsfrister/prenumerera/"
    new = FeedKey.objects.get(user=client.user).key
    assert new != old
    html = client.get(response["Location"]).content.decode()
    assert new in html
    assert old not in html


def test_subscribe_page_and_key_replacement_need_a_login(client, db):
    page = client.get("/eu-bevakning/tidsfrister/prenumerera/")
    assert page.status_code == 302
    replace = client.post("/eu-bevakning/tidsfrister/prenumerera/ny-nyckel/")
    assert replace.status_code == 302
    assert not FeedKey.objects.exists()
