"""The meeting's date and body, read from the lines that speak of the meeting."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from omvarld.euimpact.segment import find_body, find_meeting_date, segment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kommunfullmäktige sammanträder den 25 maj 2015 i Rosen.", dt.date(2015, 5, 25)),
        ("Kommunstyrelsens sammanträde 2018-02-26", dt.date(2018, 2, 26)),
        (
            "Publicerad 18 maj 2017\nNämnden kallas att sammanträda måndagen den 25 september, "
            "klockan 16.30.\nÅrsredovisning 2016 och budget 2018.",
            dt.date(2017, 9, 25),
        ),
        (
            "Fullmäktiges sammanträde 21 mars\nKallelse: måndagen den 21 mars klockan 16.30\n"
            "Exempelstad den 8 mars 2016",
            dt.date(2016, 3, 21),
        ),
        (
            "Datum: 28 februari\nBeredning ägde rum 8 februari 2023.\n"
            "Årsredovisning 2022 och bokslut 2022 jämfört med 2022.",
            dt.date(2023, 2, 28),
        ),
        ("Publicerad 18 maj 2015 kl 06:00\nBeslutade den 3 maj 2015.", None),
        ("Inga datum här.", None),
    ],
)
def test_meeting_date(text: str, expected: dt.date | None) -> None:
    assert find_meeting_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kommunfullmäktige i Exempelstad kallas att sammanträda", "kommunfullmäktige"),
        ("Protokoll fört vid sammanträde med tekniska nämnden", "tekniska nämnden"),
        ("Samhällsbyggnadsnämndens sammanträde 3 mars", "samhällsbyggnadsnämnden"),
        ("Möte i kommunstyrelsen", "kommunstyrelsen"),
        ("Val av justerare\nRemiss\nMotion\nFinansiering av socialnämndens arbete", None),
    ],
)
def test_body(text: str, expected: str | None) -> None:
    assert find_body(text) == expected


@pytest.mark.shared_data
def test_meeting_dates_and_bodies_of_norrkoping_notices(shared_data: Path) -> None:
    folder = shared_data / "agendas"
    sources = [json.loads(line) for line in (folder / "sources.jsonl").read_text().splitlines()]
    dates = bodies = 0
    for source in sources:
        result = segment((folder / "notices" / source["file"]).read_text(encoding="utf-8"))
        dates += str(result.meeting_date) == str(source["meeting_date"])
        bodies += result.body == source["body"]
    assert dates / len(sources) >= 0.9
    assert bodies == len(sources)
