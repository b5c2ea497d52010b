"""Segmentation of real documents of every family, read by path from the shared data.

One test per document family with a small real example (the items checked by hand against the
text), then the recall and precision floors on the three labelled sets, and the command line on
every file of ``agendas-more``. The floors guard against regressions a little below what was
measured (docs/engine.md); they are not targets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from omvarld.euimpact.cli import main
from omvarld.euimpact.evaluate import match_titles
from omvarld.euimpact.segment import Segmentation, segment
from omvarld.euimpact.tests.helpers import check_offsets

pytestmark = pytest.mark.shared_data


def _read(shared_data: Path, data_set: str, name: str) -> Segmentation:
    text = (shared_data / data_set / "notices" / name).read_text(encoding="utf-8")
    result = segment(text)
    check_offsets(text, result)
    return result


def _titles(result: Segmentation) -> list[str]:
    return [item.title for item in result.items]


def test_web_notice_bullet_list(shared_data: Path) -> None:
    result = _read(shared_data, "agendas", "norrkoping-kommunfullmaktige-2015-05-25.txt")
    assert result.family == "bullet-list"
    assert _titles(result)[:3] == [
        "Val av justerare",
        "Fastställande av föredragningslistan",
        "Information: Visualiseringscenter",
    ]


def test_portal_agenda_with_descriptions(shared_data: Path) -> None:
    result = _read(shared_data, "agendas-other", "malmo-kommunstyrelsen-2025-08-20.txt")
    assert result.family == "numbered-list"
    assert _titles(result)[0] == "Val av justerare"
    assert all(not title.startswith("Landsbygds-") for title in _titles(result))


def test_run_together_list_with_lost_numbers(shared_data: Path) -> None:
    # "100 Dnr Översyn … Dnr Budgetuppföljning Dnr Kommunplan … Dnr Upplåtelse … 104 Dnr …":
    # four titles between 100 and 104, the list going on over the transcript's next page.
    result = _read(shared_data, "agendas-more", "laholm-kommunfullmaktige-2015-06-23.txt")
    numbered = {item.number: item.title for item in result.items}
    assert numbered["§ 101"] == "Budgetuppföljning"
    assert numbered["§ 102"] == "Kommunplan med budget år 2016 samt ekonomisk plan år"
    assert numbered["§ 109"] == "Avsägelse från politiskt uppdrag som ersättare i kommunstyrelsen"
    assert numbered["§ 110"] == "Anmälningar"
    assert len(result.items) == 18


def test_run_together_list_without_numbers(shared_data: Path) -> None:
    # Titles directly after one another: split where a title starts.
    result = _read(shared_data, "agendas-more", "gotland-regionfullmaktige-2017-05-15.txt")
    titles = _titles(result)
    assert titles[:3] == [
        "Fyllnadsval för regionfullmäktige",
        "Information om Island Games",
        "Revisorernas information",
    ]
    assert "Motion. Brukarinflytande i hemtjänsten" in titles
    assert titles[-1] == "Interpellationer; nya"


def test_presenters_and_times_are_not_titles(shared_data: Path) -> None:
    result = _read(shared_data, "agendas-more", "hoor-barn-och-utbildningsnamnden-2018-06-18.txt")
    titles = _titles(result)
    assert "Information GDPR" in titles
    assert "Lägesrapport om byggnationer på skolor" in titles
    assert "Ekonomisk uppföljning maj 2018" in titles
    portal = _read(
        shared_data, "agendas-more", "ljungby-barn-och-utbildningsnamnden-2013-05-27.txt"
    )
    assert _titles(portal)[:3] == [
        "Förslag till justerare",
        "Fastställande av dagordning",
        "Visning av Lidhultsskolan",
    ]


def test_table_of_contents_with_dot_leaders(shared_data: Path) -> None:
    result = _read(shared_data, "agendas-more", "sundsvall-kommunfullmaktige-2012-12-17.txt")
    titles = _titles(result)
    assert titles[:3] == ["Justering", "Dagordning", "Information från kommundirektören"]
    assert "Back 2 Basics forts verksamhet" in titles
    assert "Taxa inom miljöbalkens område (1998:808) från år 2013" in titles


def test_minutes_with_mark_case_reference_and_title_on_one_line(shared_data: Path) -> None:
    result = _read(shared_data, "agendas-more", "halmstad-kommunstyrelsen-2013-10-01.txt")
    assert result.shape == "minutes"
    assert [(i.number, i.title) for i in result.items] == [
        ("§ 259", "Val av justerare"),
        ("§ 260", "Godkännande av dagordning"),
        ("§ 261", "om strategi för större externa förhyrningar som förfaller 2014-2015"),
    ]
    # The item carries its decision text, which the coding reads.
    assert "Kommunstyrelsen beslutar" in result.items[2].text


def test_minutes_paragraphs_after_section_headings(shared_data: Path) -> None:
    result = _read(shared_data, "agendas-more", "kalmar-kultur-och-fritidsnamnden-2017-04-27.txt")
    assert _titles(result)[:5] == [
        "Tjänstgörande",
        "Godkännande av dagordning/kallelse",
        "Förra protokollet",
        "Val av justerare",
        "Unika historiska Kalmar och Öland",
    ]


def test_numbered_agenda_restarting_under_headings(shared_data: Path) -> None:
    result = _read(shared_data, "agendas-more", "finspang-kommunfullmaktige-2020-09-16.txt")
    titles = _titles(result)
    # The procedural items before the first number, then three lists that start at 1.
    assert titles[:4] == [
        "Mötets öppnande",
        "Fråga om kallelse till sammanträde har skett i behörig ordning",
        "Upprop",
        "Val av justerare och fastställande av tid för justering",
    ]
    assert len(titles) == 27
    assert "Ärenden för behandling" not in titles


def test_decision_summary_headings(shared_data: Path) -> None:
    result = _read(shared_data, "agendas-more", "helsingborg-kommunfullmaktige-2024-08-27.txt")
    assert result.family == "summary"
    assert _titles(result) == [
        "Antog en biblioteksplan för 2024–2028",
        "Revidera program för uppföljning av privata utförare",
        "Revidera taxor för markupplåtelse på allmän platsmark",
    ]


def test_web_tv_index_without_link_captions(shared_data: Path) -> None:
    result = _read(shared_data, "agendas-more", "kalmar-kommunfullmaktige-2022-10-17.txt")
    titles = _titles(result)
    assert titles[:3] == ["Inledning", "Närvarokontroll", "Val av protokollsjusterare"]
    assert all("Länk till annan webbplats" not in title for title in titles)
    assert "Frågor och interpellationer" not in titles


def test_table_columns_woven_into_titles(shared_data: Path) -> None:
    result = _read(shared_data, "agendas-more", "kiruna-kommunfullmaktige-2012-06-11.txt")
    titles = _titles(result)
    assert "Verksamhetsområde kommunalt vatten och 3 11/896 71 avlopp, Lainio" in titles
    assert "Revisionsberättelse 2011" in titles


def test_scanned_copy_with_noise(shared_data: Path) -> None:
    result = _read(shared_data, "agendas-more", "vimmerby-kommunstyrelsen-2013-08-20.txt")
    assert _titles(result) == [
        "Presentation av nya medarbetare",
        "Information om samverkan med Linköpings universitet",
    ]


def _labels(folder: Path) -> dict[str, list[dict[str, Any]]]:
    by_file: dict[str, list[dict[str, Any]]] = {}
    for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            label = json.loads(line)
            by_file.setdefault(label["file"], []).append(label)
    return by_file


def _recall_and_precision(folder: Path) -> tuple[float, float]:
    matched = labelled = found = 0
    for name, labels in _labels(folder).items():
        items = segment((folder / "notices" / name).read_text(encoding="utf-8")).items
        match = match_titles([lab["title"] for lab in labels], [item.title for item in items])
        matched += sum(index is not None for index in match)
        labelled += len(labels)
        found += len(items)
    return matched / labelled, matched / found


@pytest.mark.parametrize(
    ("data_set", "recall", "precision"),
    [("agendas", 0.99, 0.93), ("agendas-other", 0.96, 0.92), ("agendas-more", 0.95, 0.92)],
)
def test_recall_and_precision_floors(
    shared_data: Path, data_set: str, recall: float, precision: float
) -> None:
    got_recall, got_precision = _recall_and_precision(shared_data / data_set)
    assert got_recall >= recall
    assert got_precision >= precision


def test_omvarld_analyse_finds_the_items_of_every_file_of_agendas_more(
    shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = shared_data / "agendas-more"
    matched = labelled = 0
    for name, labels in sorted(_labels(folder).items()):
        assert main(["analyse", "--format", "jsonl", str(folder / "notices" / name)]) == 0
        rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
        assert rows, f"no items in {name}"
        match = match_titles([lab["title"] for lab in labels], [row["title"] for row in rows])
        assert any(index is not None for index in match), f"no labelled item found in {name}"
        matched += sum(index is not None for index in match)
        labelled += len(labels)
    assert matched / labelled >= 0.95
