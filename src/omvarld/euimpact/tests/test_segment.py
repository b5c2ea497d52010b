"""Segmentation of notices, agendas and minutes, and the meeting's date and body."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omvarld.euimpact.segment import (
    Segmentation,
    find_body,
    find_meeting_date,
    segment,
    segment_titles,
)

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


def _check_offsets(text: str, result: Segmentation) -> None:
    for position, item in enumerate(result.items, start=1):
        assert item.position == position
        assert text[item.start : item.end] == item.text
        assert "\n" not in item.title
        assert item.title == " ".join(item.title.split())


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
    _check_offsets(NOTICE, result)


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
    _check_offsets(AGENDA, result)


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
    _check_offsets(KUNGORELSE, result)


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
    _check_offsets(PORTAL, result)


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


MINUTES = """Protokoll
Kommunstyrelsen
Sammanträdesdatum 2023-03-21

Plats och tid: Stadshuset, kl. 13.00–15.00
Beslutande: Anna Andersson (S), ordförande; Bo Berg (M)
Närvarande ersättare: Cecilia Carlsson (V)
Justerare: Bo Berg
Paragrafer: §§ 12–14

§ 12 Val av justerare
Bo Berg utses att justera protokollet.

§ 13 Taxa för livsmedelskontroll
Dnr KS 2023/0456
Ärendet
Taxan följer EU:s kontrollförordning (EU) 2017/625.
Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta taxan.

Justerandes signatur          Utdragsbestyrkande

§ 13 forts.
Yrkanden lämnades inte.

§ 14
Delårsrapport 2023
Dnr KS-2023-460
Beslut
Rapporten läggs till handlingarna.

Justerare
Ordförande
Anna Andersson
"""


def test_minutes_paragraphs_without_attendance_or_signatures() -> None:
    result = segment(MINUTES)
    assert result.shape == "minutes"
    assert [(i.number, i.title) for i in result.items] == [
        ("§ 12", "Val av justerare"),
        ("§ 13", "Taxa för livsmedelskontroll"),
        ("§ 14", "Delårsrapport 2023"),
    ]
    taxa = result.items[1]
    assert "kontrollförordning (EU) 2017/625" in taxa.text
    assert "Kommunstyrelsens beslut" in taxa.text
    assert taxa.text.endswith("Yrkanden lämnades inte.")
    assert "Rapporten läggs till handlingarna." in result.items[2].text
    assert "Anna Andersson" not in result.items[2].text
    assert result.meeting_date == dt.date(2023, 3, 21)
    assert result.body == "kommunstyrelsen"
    _check_offsets(MINUTES, result)


RUN_TOGETHER = (
    "Protokoll fört vid sammanträde med kommunstyrelsen den 15 januari 2014\n\n"
    "1 Protokoll fört vid sammanträde med kommunstyrelsen Närvarande: ledamöter: Anna "
    "Andersson (S) (ordförande), Bo Berg (M), Cecilia Carlsson (V), Dan Dahl (L), Eva Ek (C), "
    "Fredrik Fors (SD), Gun Gran (KD), Hans Holm (MP) och Ida Ivarsson (S). Sekreterare Jan "
    "Jonsson. Protokollet föres av undertecknad sekreterare.\n\n"
    "2 1 PROTOKOLLSJUSTERING DAGENS SAMMANTRÄDE Utses Bo Berg att jämte ordföranden justera "
    "protokollet. Justering sker den 29 januari. 2 TAXA FÖR MILJÖBALKENS OMRÅDE Nämnden "
    "föreslår en ny taxa för prövning och tillsyn. Taxan bygger på miljöbalken och gäller från "
    "den 1 mars. 3 Svar på remiss om ny avfallsförordning Kommunstyrelsen lämnar yttrande "
    "enligt bilaga. Ärendet har beretts av stadskontoret under hösten och vintern."
)


def test_minutes_with_paragraphs_run_together_on_one_line() -> None:
    result = segment(RUN_TOGETHER)
    assert result.shape == "minutes"
    assert [(i.number, i.title) for i in result.items] == [
        ("§ 1", "PROTOKOLLSJUSTERING DAGENS SAMMANTRÄDE"),
        ("§ 2", "TAXA FÖR MILJÖBALKENS OMRÅDE"),
        ("§ 3", "Svar på remiss om ny avfallsförordning"),
    ]
    assert "Närvarande" not in " ".join(i.text for i in result.items)
    _check_offsets(RUN_TOGETHER, result)


def test_run_together_paragraphs_with_case_references_and_signatures() -> None:
    text = (
        "Protokoll fört vid sammanträde med kommunstyrelsen den 3 april 2019. Justerare Eva Ek. "
        "Närvarande ledamöter Anna Andersson, Bo Berg och Cecilia Carlsson med flera ledamöter "
        "och ersättare från samtliga partier i kommunen. § 45 Dnr KS 2019/123 Remiss om ny "
        "avfallsförordning Kommunstyrelsen lämnar yttrande enligt bilaga. § 46 Val av ledamot "
        "i Exempelstads Energi AB Dnr KS 2019/124 Kommunstyrelsen väljer Bo Berg. Justerandes "
        "signatur Utdragsbestyrkande"
    )
    result = segment(text)
    assert [(i.number, i.title) for i in result.items] == [
        ("§ 45", "Remiss om ny avfallsförordning"),
        ("§ 46", "Val av ledamot i Exempelstads Energi AB"),
    ]
    assert result.items[0].text.endswith("enligt bilaga.")
    assert result.items[1].text.startswith("§ 46")
    assert result.items[1].text.endswith("väljer Bo Berg.")
    _check_offsets(text, result)


def test_minutes_table_of_contents_run_together() -> None:
    text = (
        "Protokoll Sammanträdestid kl. 13:00 Justerande Eva Ek Närvarande ledamöter Anna "
        "Andersson (S) Bo Berg (M) Cecilia Carlsson (V) Dan Dahl (L) och flera andra ledamöter "
        "från alla partier i kommunstyrelsen som deltog hela tiden.\n\n"
        "3 3 ÄRENDELISTA 40 Besök av polisen i Exempelstad 41 Redovisning av delegerade beslut "
        "13 november Anmälan av inkomna skrivelser Remiss om skydd för totalförsvaret SOU 2019:"
    )
    result = segment(text)
    assert [(i.number, i.title) for i in result.items] == [
        ("§ 40", "Besök av polisen i Exempelstad"),
        ("§ 41", "Redovisning av delegerade beslut 13 november"),
        ("§ 42", "Anmälan av inkomna skrivelser"),
        ("§ 43", "Remiss om skydd för totalförsvaret SOU 2019:"),
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


TOC_MINUTES = """Protokoll
Kommunstyrelsen 2023-03-21
Justerare: Bo Berg

Ärendelista
§ 12 Val av justerare ........ 2
§ 13 Taxa för avfall ......... 3
§ 14 Delårsrapport 2023 ...... 4

"""


def test_minutes_table_of_contents_alone_gives_the_items() -> None:
    result = segment(TOC_MINUTES)
    assert result.shape == "minutes"
    assert [(i.number, i.title) for i in result.items] == [
        ("§ 12", "Val av justerare"),
        ("§ 13", "Taxa för avfall"),
        ("§ 14", "Delårsrapport 2023"),
    ]
    _check_offsets(TOC_MINUTES, result)


@pytest.mark.parametrize("leaders", [True, False])
def test_minutes_paragraphs_win_over_their_table_of_contents(leaders: bool) -> None:
    contents = TOC_MINUTES if leaders else re.sub(r" \.+ \d", "", TOC_MINUTES)
    text = contents + (
        "§ 12 Val av justerare\nBo Berg utses att justera protokollet med ordföranden.\n\n"
        "§ 13 Taxa för avfall\nTaxan följer avfallsförordningen och miljöbalken.\n\n"
        "§ 14 Delårsrapport 2023\nRapporten godkänns.\n"
    )
    result = segment(text)
    assert [(i.number, i.title) for i in result.items] == [
        ("§ 12", "Val av justerare"),
        ("§ 13", "Taxa för avfall"),
        ("§ 14", "Delårsrapport 2023"),
    ]
    assert result.items[1].text.endswith("miljöbalken.")
    _check_offsets(text, result)


def test_unstructured_text_becomes_one_item() -> None:
    text = (
        "\n  Tjänsteskrivelse om ny VA-taxa\nFörslaget följer lagen om allmänna vattentjänster.\n"
    )
    result = segment(text)
    assert len(result.items) == 1
    item = result.items[0]
    assert item.title == "Tjänsteskrivelse om ny VA-taxa"
    assert item.text.endswith("vattentjänster.")
    _check_offsets(text, result)


def test_empty_text_has_no_items() -> None:
    assert segment("  \n\n").items == []


def test_segment_titles_one_per_line_blank_lines_skipped() -> None:
    lines = ["Val av justerare", "", "  Taxa   för avfall  ", "Budget 2024"]
    result = segment_titles(lines)
    assert result.shape == "titles"
    assert [(i.number, i.position, i.title) for i in result.items] == [
        ("1", 1, "Val av justerare"),
        ("2", 2, "Taxa för avfall"),
        ("3", 3, "Budget 2024"),
    ]
    joined = "\n".join(lines)
    assert [joined[i.start : i.end] for i in result.items] == [
        "Val av justerare",
        "Taxa   för avfall",
        "Budget 2024",
    ]


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


_LINE = st.one_of(
    st.text(alphabet="abcåäö ÅÄÖXYZ.:-•§0123456789\t", max_size=40),
    st.sampled_from(
        [
            "Följande ärenden behandlas vid sammanträdet",
            " • Val av justerare",
            "1. Budget",
            "§ 3 Taxa",
            "3",
            "-",
            "Protokoll fört",
            "",
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=25), st.sampled_from(["\n", "\f", "\r\n"]))
def test_items_always_point_into_the_text(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    result = segment(text)
    assert result.shape in {"notice", "agenda", "minutes"}
    _check_offsets(text, result)
    assert all(item.title for item in result.items)


@pytest.mark.parametrize(
    "text",
    [
        # Long runs of capitals once made a regular expression backtrack exponentially.
        "Protokoll fört. Närvarande: alla.\n2 1 PROTOKOLLSJUSTERING DAGENS Utses Bo. "
        + " AB" * 5000
        + " "
        + "Q" * 5000
        + "%"
        + " x" * 300,
        "Ärendelista\n" + ("§ 1 " + "A" * 5000 + "\n") * 20,
        "Protokoll fört. Närvarande. " + "ord. 12 Rubrik om taxa " * 20000,
        "\n".join(f"• Rubrik nummer {n}" for n in range(20000)),
    ],
)
def test_pathological_input_is_segmented(text: str) -> None:
    """An exponential regression never finishes; the time it takes is measured by make bench."""
    result = segment(text)
    _check_offsets(text, result)


def _recall(folder: Path) -> tuple[int, int]:
    labels = [json.loads(line) for line in (folder / "labels.jsonl").read_text().splitlines()]
    cache: dict[str, Segmentation] = {}
    hits = 0
    for label in labels:
        name = label["file"]
        if name not in cache:
            cache[name] = segment((folder / "notices" / name).read_text(encoding="utf-8"))
        items = cache[name].items
        position = label["position"]
        if len(items) >= position:
            found = " ".join(items[position - 1].title.split()).casefold()
            hits += found == " ".join(label["title"].split()).casefold()
    return hits, len(labels)


@pytest.mark.shared_data
def test_recall_on_norrkoping_notices(shared_data: Path) -> None:
    hits, total = _recall(shared_data / "agendas")
    assert total > 400
    assert hits / total >= 0.98


@pytest.mark.shared_data
def test_recall_on_other_municipalities(shared_data: Path) -> None:
    hits, total = _recall(shared_data / "agendas-other")
    assert total > 20
    assert hits / total >= 0.95


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
