"""Segmentation of notices and agendas: bullet lists, numbered lists, portal pages."""

from __future__ import annotations

import datetime as dt

import pytest

from omvarld.euimpact.segment import segment
from omvarld.euimpact.tests.helpers import check_offsets

NOTICE = """Webbplatsens banner: läs om vinterväghållningen här

Kommunfullmäktiges sammanträde 21 mars 2016

Kommunfullmäktige i Exempelstad kallas att sammanträda måndagen den 21 mars klockan 16.30.

Kl. 16.30 – 18.30 Beslutsärenden
Kl. 18.30 – 19.00 Kaffepaus

Följande ärenden behandlas vid sammanträdet:

 • Val av justerare
 • Fastställande av föredragningslistan
 – Taxa för offentlig kontroll av livsmedel
 * Motion av Anna Berg (MP) om laddstolpar på parkeringsplatser och
   i parkeringshus
 - Interpellation av Per Lind (M) om yrkeshögskolan
 •

Exempelstad den 8 mars 2016

Eva Ek
Ordförande
"""


def test_notice_items_after_the_heading() -> None:
    result = segment(NOTICE)
    assert result.shape == "notice"
    assert [item.title for item in result.items] == [
        "Val av justerare",
        "Fastställande av föredragningslistan",
        "Taxa för offentlig kontroll av livsmedel",
        "Motion av Anna Berg (MP) om laddstolpar på parkeringsplatser och i parkeringshus",
        "Interpellation av Per Lind (M) om yrkeshögskolan",
    ]
    assert [item.number for item in result.items] == ["1", "2", "3", "4", "5"]
    assert result.items[0].text == "Val av justerare"
    check_offsets(NOTICE, result)


def test_notice_meeting_date_and_body() -> None:
    result = segment(NOTICE)
    assert result.meeting_date == dt.date(2016, 3, 21)
    assert result.body == "kommunfullmäktige"


def test_notice_without_heading_takes_title_like_bullets() -> None:
    text = "Ärenden i kväll\n\n- Val av justerare\n- Budget 2024\n- Detaljplan för Hagen 1:2\n"
    result = segment(text)
    assert result.shape == "notice"
    assert [item.title for item in result.items] == [
        "Val av justerare",
        "Budget 2024",
        "Detaljplan för Hagen 1:2",
    ]


AGENDA = """Föredragningslista
Kommunstyrelsen 2023-05-02

1. Val av justerare
2. Fastställande av föredragningslistan
3. Taxa för prövning och tillsyn enligt miljöbalken
Dnr KS 2023/0456
Förslaget följer lagen och EU:s förordning om offentlig kontroll.
4. Upphandling av skolskjuts, Dnr KS-2023-457
Avtalet löper ut. Ny upphandling enligt LOU.
Ärende 5 Information om budgetläget

Exempelstad den 20 april 2023
Ordförande
"""


def test_agenda_numbered_lines_with_case_references_and_text() -> None:
    result = segment(AGENDA)
    assert result.shape == "agenda"
    titles = [item.title for item in result.items]
    assert titles == [
        "Val av justerare",
        "Fastställande av föredragningslistan",
        "Taxa för prövning och tillsyn enligt miljöbalken",
        "Upphandling av skolskjuts",
        "Information om budgetläget",
    ]
    assert [item.number for item in result.items] == ["1", "2", "3", "4", "5"]
    third = result.items[2]
    assert "EU:s förordning om offentlig kontroll" in third.text
    assert "Dnr KS 2023/0456" in third.text
    assert "Ny upphandling enligt LOU." in result.items[3].text
    assert "Ordförande" not in result.items[4].text
    assert result.meeting_date is None or result.meeting_date == dt.date(2023, 5, 2)
    assert result.body == "kommunstyrelsen"
    check_offsets(AGENDA, result)


KUNGORELSE = """Kungörelse
Kommunfullmäktige sammanträder torsdagen den 14 mars 2024 kl. 18.30 i Kommunhuset.

Ärenden
1. Upprop
2. Val av justerare
3. Årsredovisning 2023 för kommunen
   Dnr KS 2024/45
4. Motion om solceller på kommunens tak

Handlingarna finns tillgängliga på kommunens webbplats.

Anna Ek
Ordförande
"""


def test_bare_numbered_list_does_not_swallow_the_closing_text() -> None:
    result = segment(KUNGORELSE)
    assert result.shape == "agenda"
    assert [i.title for i in result.items] == [
        "Upprop",
        "Val av justerare",
        "Årsredovisning 2023 för kommunen",
        "Motion om solceller på kommunens tak",
    ]
    assert result.items[2].text.endswith("Dnr KS 2024/45")
    assert result.items[3].text == "Motion om solceller på kommunens tak"
    assert result.meeting_date == dt.date(2024, 3, 14)
    check_offsets(KUNGORELSE, result)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Föredragningslista 5 mars 2024\nÄrende 1 – Val av justerare\n"
            "Ärende 2 – Taxa för bygglov\n",
            [("1", "Val av justerare"), ("2", "Taxa för bygglov")],
        ),
        (
            "Föredragningslista\n1. Motioner\n1 a) Motion om cykelvägar\n"
            "1 b) Motion om skolmat\n2. Information\n",
            [
                ("1", "Motioner"),
                ("1 a", "Motion om cykelvägar"),
                ("1 b", "Motion om skolmat"),
                ("2", "Information"),
            ],
        ),
        (
            "Nr  Ärende                                   Dnr\n1   Val av justerare\n"
            "2   Taxa för livsmedelskontroll              KS 2024/13\n",
            [("1", "Val av justerare"), ("2", "Taxa för livsmedelskontroll")],
        ),
    ],
)
def test_agenda_number_styles(text: str, expected: list[tuple[str, str]]) -> None:
    result = segment(text)
    assert [(i.number, i.title) for i in result.items] == expected


def test_minutes_wording_without_paragraphs_falls_back_to_the_list() -> None:
    text = (
        "Kallelse till kommunstyrelsen 2024-03-05\nJusterare: Bo Berg\n"
        "Beslutande ledamöter kallas.\n\n1. Val av justerare\n2. Budget 2025\n"
    )
    result = segment(text)
    assert result.shape == "agenda"
    assert [i.title for i in result.items] == ["Val av justerare", "Budget 2025"]


def test_paragraph_numbered_list_without_text_is_an_agenda() -> None:
    text = "Kallelse 2024-03-14\n§ 1 Val av justerare\n§ 2 Taxa för bygglov\n§ 3 Budget\n"
    result = segment(text)
    assert result.shape == "agenda"
    assert [i.number for i in result.items] == ["§ 1", "§ 2", "§ 3"]


PORTAL = """Hoppa över navigering
 1.   1

  Val av justerare

 2.   2

  Taxa för tillsyn enligt strålskyddslagen

 3. Nämnden föreslås anta en ny taxa. Förslaget har beretts av förvaltningen under hösten.

  Bilagor

 4.   4

  Delegationsbeslut
"""


def test_portal_agenda_number_above_title_and_descriptions_skipped() -> None:
    result = segment(PORTAL)
    assert result.shape == "agenda"
    assert [(i.number, i.title) for i in result.items] == [
        ("1", "Val av justerare"),
        ("2", "Taxa för tillsyn enligt strålskyddslagen"),
        ("4", "Delegationsbeslut"),
    ]
    assert "Nämnden föreslås" not in result.items[1].text
    check_offsets(PORTAL, result)


def test_portal_agenda_with_number_and_title_on_one_line() -> None:
    text = (
        "Hoppa över navigering\n 1.   1 Val av justerare\n"
        " 2. Nämnden föreslås anta en ny taxa för bygglov.\n 3.   3 Taxa för bygglov\n"
    )
    result = segment(text)
    assert [(i.number, i.title) for i in result.items] == [
        ("1", "Val av justerare"),
        ("3", "Taxa för bygglov"),
    ]


def test_agenda_numbers_alone_with_separators() -> None:
    text = (
        "Möte 2023-12-11\n-\n1\nUpprop\n-\n3\nFyllnadsval av revisor\n-\n"
        "En beskrivning av nästa ärende.\n"
    )
    result = segment(text)
    assert [(i.number, i.title, i.text) for i in result.items] == [
        ("1", "Upprop", "Upprop"),
        ("3", "Fyllnadsval av revisor", "Fyllnadsval av revisor"),
    ]
    assert result.meeting_date == dt.date(2023, 12, 11)


def test_numbered_list_inside_a_text_is_not_an_item_list() -> None:
    text = (
        "1. Val av justerare\n2. Budget för 2024\nBudgeten bygger på tre mål:\n"
        "1. Ekonomi i balans\n2. Trygg skola\n3. Detaljplan för Hagen\n"
    )
    result = segment(text)
    assert [i.title for i in result.items] == [
        "Val av justerare",
        "Budget för 2024",
        "Detaljplan för Hagen",
    ]


def test_notice_with_section_headings_between_bullet_lists() -> None:
    text = (
        "Följande ärenden behandlas vid sammanträdet:\n\nBeslutsärenden\n"
        "■ Taxa för bygglov\n► Budget 2025\n\nInformationsärenden\n\n"
        "\uf0b7 Rapport om skolan\n\nExempelstad den 3 mars 2025\nEva Ek\n"
    )
    result = segment(text)
    assert [i.title for i in result.items] == [
        "Taxa för bygglov",
        "Budget 2025",
        "Rapport om skolan",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ärenden som ska behandlas:\n\nVal av justerare\nTaxa för bygglov\n\nVälkomna!\n",
            ["Val av justerare", "Taxa för bygglov"],
        ),
        (
            "Ärenden som ska behandlas:\n\nVal av justerare\n\nTaxa för bygglov\n\nBudget 2025\n",
            ["Val av justerare", "Taxa för bygglov", "Budget 2025"],
        ),
    ],
)
def test_plain_list_spacing(text: str, expected: list[str]) -> None:
    assert [i.title for i in segment(text).items] == expected


def test_notice_heading_followed_by_plain_lines() -> None:
    text = (
        "Kommunfullmäktige kallas att sammanträda den 3 mars 2025.\n\n"
        "Följande ärenden behandlas:\n\nVal av justerare\nTaxa för bygglov\n"
        "Motion om cykelvägar\n\nExempelstad den 20 februari 2025\nEva Ek\nOrdförande\n"
    )
    result = segment(text)
    assert result.shape == "notice"
    assert [i.title for i in result.items] == [
        "Val av justerare",
        "Taxa för bygglov",
        "Motion om cykelvägar",
    ]
    assert result.meeting_date == dt.date(2025, 3, 3)
