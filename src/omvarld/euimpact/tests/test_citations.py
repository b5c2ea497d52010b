"""Tests of the citation finder: every form of DOMAIN.md §4, normalised to CELEX."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omvarld.euimpact.citations import celex_for, find_citations, find_eu_numbers
from omvarld.euimpact.knowledge import Knowledge, load_knowledge


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.mark.parametrize(
    ("text", "celex", "quoted"),
    [
        ("Enligt direktiv 2014/24/EU ska", "32014L0024", "direktiv 2014/24/EU"),
        ("rådets direktiv 91/271/EEG om avloppsvatten", "31991L0271", "direktiv 91/271/EEG"),
        ("förordning (EU) 2016/679", "32016R0679", "förordning (EU) 2016/679"),
        ("förordning (EG) nr 1370/2007", "32007R1370", "förordning (EG) nr 1370/2007"),
        ("förordning (EEG) nr 1408/71", "31971R1408", "förordning (EEG) nr 1408/71"),
        ("direktiv (EU) 2019/1937 om visselblåsare", "32019L1937", "direktiv (EU) 2019/1937"),
        ("Regulation (EC) No 1370/2007", "32007R1370", "Regulation (EC) No 1370/2007"),
        ("Directive 2000/60/EC", "32000L0060", "Directive 2000/60/EC"),
        ("kommissionens beslut 2011/753/EU", "32011D0753", "beslut 2011/753/EU"),
        ("Euratom-direktivet 2013/59/Euratom", "32013L0059", "direktivet 2013/59/Euratom"),
        ("se CELEX 32014L0024", "32014L0024", "CELEX 32014L0024"),
        ("http://data.europa.eu/eli/dir/2014/24/oj", "32014L0024", None),
        ("data.europa.eu/eli/reg/2016/679/oj", "32016R0679", None),
        ("Beslut om tillämpning av direktiv 2008/98/EG", "32008L0098", "direktiv 2008/98/EG"),
        ("kommissionens förslag COM(2021) 551 final", "52021PC0551", "COM(2021) 551 final"),
        ("meddelandet COM(2019) 640", "52019DC0640", "COM(2019) 640"),
    ],
)
def test_numbered_forms(text: str, celex: str, quoted: str | None) -> None:
    found = find_eu_numbers(text)
    assert [c.ref for c in found] == [celex]
    citation = found[0]
    assert text[citation.start : citation.end] == citation.text
    if quoted is not None:
        assert citation.text == quoted


@pytest.mark.parametrize("text", ["KS 2016/123", "Dnr 2019/45 och 2020/1", "kl. 16:30", "1/2"])
def test_case_numbers_are_not_eu_acts(text: str) -> None:
    assert find_eu_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Den nya dataskyddsförordningen gäller", "32016R0679"),
        ("EU:s dataskyddsförordning", "32016R0679"),
        ("anpassning till GDPR", "32016R0679"),
        ("vattendirektivet", "32000L0060"),
        ("upphandlingsdirektivet", "32014L0024"),
    ],
)
def test_act_names(knowledge: Knowledge, text: str, ref: str) -> None:
    found = [c for c in find_citations(text, knowledge) if c.kind == "act"]
    assert ref in [c.ref for c in found]


@pytest.mark.parametrize(
    ("text", "sfs", "celex"),
    [
        ("lag (2016:1145) om offentlig upphandling", "2016:1145", "32014L0024"),
        ("SFS 2016:1145", "2016:1145", "32014L0024"),
        ("enligt lagen om offentlig upphandling", "2016:1145", "32014L0024"),
        ("enligt lag om offentlig upphandling", "2016:1145", "32014L0024"),
        ("LOU:s regler", "2016:1145", "32014L0024"),
        ("miljöbalken (1998:808)", "1998:808", None),
        ("tillsyn enligt MB", "1998:808", None),
        ("detaljplan enligt PBL", "2010:900", None),
    ],
)
def test_statutes(knowledge: Knowledge, text: str, sfs: str, celex: str | None) -> None:
    found = [c for c in find_citations(text, knowledge) if c.kind == "statute"]
    assert [c.ref for c in found] == [sfs]
    if celex is not None:
        assert celex in found[0].celex
    statute = knowledge.statutes[sfs]
    assert found[0].celex == (statute.celex if statute.eu == "legal" else ())


def test_statute_without_eu_law(knowledge: Knowledge) -> None:
    found = [c for c in find_citations("insats enligt LSS", knowledge) if c.kind == "statute"]
    assert found
    assert found[0].celex == ()


def test_abbreviations_are_case_sensitive_whole_words(knowledge: Knowledge) -> None:
    assert not [c for c in find_citations("lou och mb", knowledge) if c.kind == "statute"]
    assert not [c for c in find_citations("LOUISE", knowledge) if c.kind == "statute"]


def test_programme_names_are_policies_not_regulations(knowledge: Knowledge) -> None:
    found = find_citations("Ansökan till Interreg Central Baltic", knowledge)
    assert {c.kind for c in found} == {"policy"}
    assert {"interreg", "interreg-central-baltic"} <= {c.ref for c in found}


def test_spans_are_offsets_into_the_text(knowledge: Knowledge) -> None:
    text = "Ändring enligt förordning (EU) 2016/679 och lag (2016:1145) om offentlig upphandling"
    for c in find_citations(text, knowledge):
        assert text[c.start : c.end] == c.text


SUFFIXES_BY_ERA = st.sampled_from(["EU", "EG", "EEG", "Euratom", "EC", "EEC"])


@given(year=st.integers(1958, 2030), number=st.integers(1, 2999), suffix=SUFFIXES_BY_ERA)
def test_directives_year_number(year: int, number: int, suffix: str) -> None:
    short = f"{year % 100:02d}" if year < 1999 else f"{year}"
    prefix = "(EU) " if year >= 2015 and suffix == "EU" else ""
    text = (
        f"Kommunen följer direktiv {prefix}{short}/{number}"
        + ("" if prefix else f"/{suffix}")
        + " i sin verksamhet."
    )
    assert [c.ref for c in find_eu_numbers(text)] == [celex_for(year, number, "L")]


@given(year=st.integers(1958, 2014), number=st.integers(1, 2999), nr=st.sampled_from(["nr", "No"]))
def test_regulations_before_2015_number_year(year: int, number: int, nr: str) -> None:
    written = f"{year % 100:02d}" if year < 1999 else f"{year}"
    word = "förordning" if nr == "nr" else "Regulation"
    text = f"Enligt {word} (EG) {nr} {number}/{written} gäller"
    assert [c.ref for c in find_eu_numbers(text)] == [celex_for(year, number, "R")]


@given(year=st.integers(2015, 2030), number=st.integers(1, 2999))
def test_regulations_from_2015_year_number(year: int, number: int) -> None:
    text = f"förordning (EU) {year}/{number}"
    assert [c.ref for c in find_eu_numbers(text)] == [celex_for(year, number, "R")]


@given(
    year=st.integers(1990, 2030),
    number=st.integers(1, 2999),
    kind=st.sampled_from([("dir", "L"), ("reg", "R"), ("dec", "D"), ("reg_impl", "R")]),
)
def test_eli_and_celex(year: int, number: int, kind: tuple[str, str]) -> None:
    celex = celex_for(year, number, kind[1])
    assert [
        c.ref
        for c in find_eu_numbers(f"Se http://data.europa.eu/eli/{kind[0]}/{year}/{number}/oj.")
    ] == [celex]
    assert [c.ref for c in find_eu_numbers(f"(CELEX: {celex})")] == [celex]
