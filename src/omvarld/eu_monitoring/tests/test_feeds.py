"""The calendar (parsed back line by line), the RSS and Atom feeds (parsed as XML), the feed key."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from omvarld.accounts.constants import Role
from omvarld.accounts.models import FeedKey
from omvarld.eu_monitoring.constants import Channel, InboxStatus, Stage, WindowKind
from omvarld.eu_monitoring.deadlines import initiative_path
from omvarld.eu_monitoring.feeds import (
    CalendarEvent,
    feed_key_ensure,
    feed_key_regenerate,
    ical_calendar,
    ical_escape,
    ical_fold,
)
from omvarld.eu_monitoring.models import InfluenceAction, Routing

from .factories import make_initiative, make_stage, make_window, route

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_xml(content: bytes) -> ET.Element:
    # The platform's own output, not untrusted input.
    return ET.fromstring(content)  # noqa: S314


def unfold(text: str) -> list[str]:
    """The content lines of an iCalendar text, checking its physical lines on the way."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert not {"\n", "\r"} & set(line), repr(line)
        assert len(line.encode("utf-8")) <= 75, line
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def events(text: str) -> list[dict[str, str]]:
    """The VEVENTs as property name (with parameters) → raw value."""
    out: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfold(text):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            out.append(current)
            current = None
        elif current is not None:
            current[name] = value
    return out


# --- The writer -------------------------------------------------------------------------------


def test_escaping_of_text_values():
    assert ical_escape("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert unescape(ical_escape("a\\b;c,d\ne")) == "a\\b;c,d\ne"


def test_folding_keeps_lines_within_75_octets_and_whole_characters():
    line = "SUMMARY:" + "Förordning om åtgärder för ökad återvinning, " * 6
    folded = ical_fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 3
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line
    # A line of two-octet characters breaks between characters, never inside one.
    assert all(len(p.encode("utf-8")) >= 73 for p in ical_fold("Ö" * 200).split("\r\n")[:-1])
    assert ical_fold("short") == "short"
    assert ical_fold("x" * 75) == "x" * 75
    assert ical_fold("x" * 76) == "x" * 75 + "\r\n x"


def test_calendar_frame_and_events():
    stamp = datetime.datetime(2026, 11, 26, 15, 30, tzinfo=datetime.UTC)
    summary = "Sista dag: Offentligt samråd – " + "Översyn av avfallsramdirektivet, ; \\ " * 4
    text = ical_calendar(
        name="EU-tidsfrister: Miljönämnden",
        events=[
            CalendarEvent(
                uid="window-7@omvarld",
                day=datetime.date(2026, 12, 31),
                summary=summary,
                description="Rad ett\nRad två, med komma",
                url="https://omvarld.example/eu-bevakning/7/",
            )
        ],
        stamp=stamp,
    )
    lines = unfold(text)
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "PRODID:-//Omvärld//EU-bevakning//SV",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert lines[-1] == "END:VCALENDAR"
    assert "X-WR-CALNAME:EU-tidsfrister: Miljönämnden" in lines
    (event,) = events(text)
    assert event["UID"] == "window-7@omvarld"
    assert event["DTSTAMP"] == "20261126T153000Z"
    assert event["DTSTART;VALUE=DATE"] == "20261231"
    assert event["DTEND;VALUE=DATE"] == "20270101"
    assert unescape(event["SUMMARY"]) == summary
    assert unescape(event["DESCRIPTION"]) == "Rad ett\nRad två, med komma"
    assert event["URL"] == "https://omvarld.example/eu-bevakning/7/"
    # The long summary with Swedish letters was folded on the way.
    assert len(text.split("\r\n")) > len(lines)


def test_a_local_time_stamp_is_written_in_utc():
    stockholm = timezone.get_default_timezone()
    stamp = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=stockholm)
    text = ical_calendar(
        name="x",
        events=[CalendarEvent("u@omvarld", datetime.date(2026, 7, 2), "s", "d", "https://x/")],
        stamp=stamp,
    )
    assert events(text)[0]["DTSTAMP"] == "20260701T100000Z"


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
    text = response.content.decode("utf-8")
    found = {e["UID"]: e for e in events(text)}
    window, step = setup["window"], setup["step"]
    assert set(found) == {f"window-{window.pk}@omvarld", f"stage-{step.pk}@omvarld"}
    event = found[f"window-{window.pk}@omvarld"]
    assert event["DTSTART;VALUE=DATE"] == window.closes.strftime("%Y%m%d")
    summary = unescape(event["SUMMARY"])
    assert setup["water"].title_sv in summary
    assert str(WindowKind.PUBLIC_CONSULTATION.label) in summary
    description = unescape(event["DESCRIPTION"])
    assert "COM(2026) 123, 2026/0042(COD)" in description
    assert "Miljönämnden" in description
    assert "Utbildningsnämnden" not in description
    assert window.url in description
    assert event["URL"] == "http://testserver" + initiative_path(setup["water"].pk)
    assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
    assert found[f"stage-{step.pk}@omvarld"]["DTSTART;VALUE=DATE"] == step.date.strftime("%Y%m%d")


def test_my_bodies_calendar_has_each_step_once(client, setup):
    response = client.get(f"/eu-bevakning/kalender/{setup['key']}/mina.ics")
    assert response.status_code == 200
    found = events(response.content.decode("utf-8"))
    uids = [e["UID"] for e in found]
    assert len(uids) == len(set(uids)) == 3
    shared = next(e for e in found if e["UID"] == f"window-{setup['window'].pk}@omvarld")
    description = unescape(shared["DESCRIPTION"])
    assert "Miljönämnden" in description
    assert "Utbildningsnämnden" in description
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


def test_calendar_query_count(client, setup, django_assert_max_num_queries):
    today = setup["today"]
    for n in range(20):
        initiative = make_initiative(f"Initiativ {n}")
        route(initiative, setup["mn"])
        make_window(initiative, closes=today + datetime.timedelta(days=n + 1))
    with django_assert_max_num_queries(6):
        response = client.get(f"/eu-bevakning/kalender/{setup['key']}/mina.ics")
    assert len(events(response.content.decode())) == 23


# --- RSS and Atom -----------------------------------------------------------------------------


def test_rss_feed_of_a_body(client, setup):
    newer = make_initiative("Nyare initiativ")
    routing = route(newer, setup["un"])
    Routing.objects.filter(pk=routing.pk).update(
        created_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    closed = make_initiative("Avslutat initiativ")
    route(closed, setup["un"], status=InboxStatus.CLOSED)

    response = client.get(f"/eu-bevakning/flode/{setup['key']}/UN.rss")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response.content).find("channel")
    assert channel is not None
    assert "Utbildningsnämnden" in channel.findtext("title", "")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [
        "Nyare initiativ",
        "Skolinitiativet",
        setup["water"].title_sv,
    ]
    assert items[0].findtext("link") == "http://testserver" + initiative_path(newer.pk)
    assert items[0].findtext("guid").endswith("@omvarld")
    assert items[0].findtext("pubDate")
    water = items[2].findtext("description", "")
    assert setup["window"].closes.strftime("%Y-%m-%d") in water
    assert str(WindowKind.PUBLIC_CONSULTATION.label) in water


def test_atom_feed_of_a_body(client, setup):
    response = client.get(f"/eu-bevakning/flode/{setup['key']}/MN.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert "Miljönämnden" in feed.findtext(f"{ATOM}title", "")
    assert feed.findtext(f"{ATOM}subtitle")
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == setup["water"].title_sv
    assert entry.findtext(f"{ATOM}id").startswith("routing-")
    assert entry.findtext(f"{ATOM}updated")
    summary = entry.findtext(f"{ATOM}summary", "")
    assert setup["window"].closes.strftime("%Y-%m-%d") in summary


def test_feeds_refuse_unknown_keys_and_bodies(client, setup):
    assert client.get("/eu-bevakning/flode/nope/MN.rss").status_code == 404
    assert client.get("/eu-bevakning/flode/nope/MN.atom").status_code == 404
    assert client.get(f"/eu-bevakning/flode/{setup['key']}/XX.rss").status_code == 404


def test_feed_query_count(client, setup, django_assert_max_num_queries):
    for n in range(20):
        initiative = make_initiative(f"Initiativ {n}")
        route(initiative, setup["mn"])
        make_window(initiative, closes=setup["today"] + datetime.timedelta(days=n + 1))
    with django_assert_max_num_queries(4):
        response = client.get(f"/eu-bevakning/flode/{setup['key']}/MN.rss")
    assert len(parse_xml(response.content).findall("channel/item")) == 21


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
