"""Segmentation of minutes: paragraphs, text run together, tables of contents."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from omvarld.euimpact.segment import segment, segment_titles
from omvarld.euimpact.tests.helpers import check_offsets

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
    check_offsets(MINUTES, result)


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
    check_offsets(RUN_TOGETHER, result)


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
    check_offsets(text, result)


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
    check_offsets(TOC_MINUTES, result)


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
    check_offsets(text, result)


def test_unstructured_text_becomes_one_item() -> None:
    text = (
        "\n  Tjänsteskrivelse om ny VA-taxa\nFörslaget följer lagen om allmänna vattentjänster.\n"
    )
    result = segment(text)
    assert len(result.items) == 1
    item = result.items[0]
    assert item.title == "Tjänsteskrivelse om ny VA-taxa"
    assert item.text.endswith("vattentjänster.")
    check_offsets(text, result)


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
