"""Checks of the knowledge base's fact files: ``eu_acts.yaml`` and ``statutes.yaml``.

Pure Python (PyYAML), no Django. The first group checks the files' own consistency (CELEX
syntax, citation forms, years, cross-references); the second compares the statutes' EU links
with an independent extraction in ``../shared/data/reference/swedish-law-eu`` and fails only
on disagreements that ``reference_disagreements.yaml`` does not explain.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from omvarld.euimpact.model import AREA_CODES as ENGINE_AREA_CODES

DATA = Path(__file__).resolve().parent.parent / "data"

AREA_CODES = frozenset(ENGINE_AREA_CODES)
TYPE_LETTER = {"L": "directive", "R": "regulation", "D": "decision", "H": "recommendation"}
ACT_KEYS = {
    "celex",
    "type",
    "citation",
    "title_sv",
    "title_en",
    "names",
    "areas",
    "binding",
    "status",
}
ACT_OPTIONAL = {"replaced_by"}
STATUTE_KEYS = {
    "sfs",
    "title_sv",
    "names",
    "abbreviations",
    "areas",
    "implements",
    "supplements",
    "eu",
}

# Sector 3 (legislation): 3 + year + type letter + 4-digit number, optionally "(01)" for acts
# published in the C series (Council recommendations). Sector 1 (treaties): 1 + year + E + article.
CELEX_LEGISLATION = re.compile(r"^3(?P<year>\d{4})(?P<letter>[LRDH])(?P<number>\d{4})(\(\d{2}\))?$")
CELEX_TREATY = re.compile(r"^1(?P<year>\d{4})E(?P<number>\d{3})$")
SFS = re.compile(r"^(?P<year>\d{4}):(?P<number>[1-9]\d{0,3})$")

# Citation forms used by Swedish texts (docs/knowledge-format.md, DOMAIN.md §4).
SUFFIX = r"(?P<suffix>EU|EG|EEG|Euratom|EU, Euratom|EG, Euratom|EEG, Euratom)"
CIT_SINCE_2015 = re.compile(r"^\(" + SUFFIX + r"\) (?P<year>\d{4})/(?P<number>\d+)$")
CIT_OLD_REGULATION = re.compile(r"^\(" + SUFFIX + r"\) nr (?P<number>\d+)/(?P<year>\d{2}|\d{4})$")
CIT_SLASHED = re.compile(r"^(?P<first>\d+)/(?P<second>\d+)/" + SUFFIX + r"$")
CIT_C_SERIES = re.compile(r"^\((?P<year>\d{4})/C \d+/\d{2}\)$")
CIT_TREATY = re.compile(r"^artikel (?P<number>\d+) FEUF$")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def load(name: str) -> dict[str, Any]:
    with (DATA / name).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict), f"{name}: not a mapping"
    return data


@pytest.fixture(scope="module")
def acts() -> list[dict[str, Any]]:
    data = load("eu_acts.yaml")
    assert isinstance(data.get("version"), int)
    assert isinstance(data["acts"], list)
    return data["acts"]


@pytest.fixture(scope="module")
def statutes() -> list[dict[str, Any]]:
    data = load("statutes.yaml")
    assert isinstance(data.get("version"), int)
    assert isinstance(data["statutes"], list)
    return data["statutes"]


@pytest.fixture(scope="module")
def acts_by_celex(acts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {act["celex"]: act for act in acts}


def four_digit(year: str) -> int:
    """``91`` -> 1991, ``2014`` -> 2014 (two-digit years in EU numbers are all before 2000)."""
    return int(year) if len(year) == 4 else 1900 + int(year)


def expected_suffixes(year: int) -> set[str]:
    """EEG until the Maastricht treaty (1993), EG until Lisbon (December 2009), then EU."""
    allowed = set()
    if year <= 1993:
        allowed.add("EEG")
    if 1993 <= year <= 2009:
        allowed.add("EG")
    if year >= 2009:
        allowed.add("EU")
    return allowed | {f"{suffix}, Euratom" for suffix in allowed} | {"Euratom"}


def citation_year_number(act: dict[str, Any]) -> tuple[int, int]:
    """Year and number as the citation writes them; fails on a form Swedish texts do not use."""
    citation, kind, celex = act["citation"], act["type"], act["celex"]
    if treaty := CIT_TREATY.match(citation):
        return int(celex[1:5]), int(treaty["number"])
    if c_series := CIT_C_SERIES.match(citation):
        return int(c_series["year"]), int(celex[6:10])
    if match := CIT_SINCE_2015.match(citation):
        year, number, suffix = int(match["year"]), match["number"], match["suffix"]
        assert year >= 2015, f"{celex}: '(EU) YYYY/N' is the form from 2015 only: {citation}"
    elif match := CIT_OLD_REGULATION.match(citation):
        year, number, suffix = four_digit(match["year"]), match["number"], match["suffix"]
        assert kind == "regulation", f"{celex}: 'nr N/YYYY' is for regulations: {citation}"
        assert year < 2015, f"{celex}: regulations from 2015 are written (EU) YYYY/N: {citation}"
        assert (year < 1999) == (len(match["year"]) == 2), f"{celex}: year digits: {citation}"
    elif match := CIT_SLASHED.match(citation):
        assert kind != "regulation", f"{celex}: regulations are written '(EG) nr N/YYYY'"
        first, second, suffix = match["first"], match["second"], match["suffix"]
        number_year = int(first) == int(celex[6:10]) and four_digit(second) == int(celex[1:5])
        if kind == "decision" and number_year and len(second) == 4:
            # Decisions of the Parliament and Council before 2015: "1313/2013/EU".
            year, number = int(second), first
        else:
            year, number = four_digit(first), second
            assert (year < 1999) == (len(first) == 2), (
                f"{celex}: directives before 1999 have two-digit years, later ones four: {citation}"
            )
        assert year < 2015, f"{celex}: acts from 2015 are written (EU) YYYY/N: {citation}"
    else:
        pytest.fail(f"{celex}: citation form not recognised: {citation!r}")
    assert suffix in expected_suffixes(year), f"{celex}: suffix {suffix} vs year: {citation}"
    return year, int(number)


# --- eu_acts.yaml ---------------------------------------------------------------------------


def test_act_keys(acts):
    for act in acts:
        keys = set(act)
        assert keys >= ACT_KEYS, f"{act.get('celex')}: missing {ACT_KEYS - keys}"
        assert keys <= ACT_KEYS | ACT_OPTIONAL, f"{act['celex']}: unknown {keys - ACT_KEYS}"
        for key in ("celex", "citation", "title_sv", "title_en"):
            assert isinstance(act[key], str), f"{act['celex']}: {key} is not a string"
            assert act[key].strip() == act[key], f"{act['celex']}: {key} has stray spaces"
            assert act[key], f"{act['celex']}: empty {key}"


def test_celex_well_formed_and_type_matches(acts):
    for act in acts:
        celex = act["celex"]
        if match := CELEX_LEGISLATION.match(celex):
            assert TYPE_LETTER[match["letter"]] == act["type"], f"{celex}: type {act['type']}"
        elif CELEX_TREATY.match(celex):
            assert act["type"] == "treaty", f"{celex}: sector 1 is the treaties"
        else:
            pytest.fail(f"malformed CELEX {celex!r}")


def test_citation_agrees_with_celex(acts):
    for act in acts:
        year, number = citation_year_number(act)
        celex = act["celex"]
        if act["type"] == "treaty":
            assert number == int(celex[6:]), f"{celex}: article {number}"
            continue
        assert year == int(celex[1:5]), f"{celex}: year {year} in {act['citation']}"
        assert number == int(celex[6:10]), f"{celex}: number {number} in {act['citation']}"


def test_titles_carry_the_number(acts):
    """The official titles name the act's own number, so a typo in either shows up here."""
    for act in acts:
        if act["type"] in {"treaty", "recommendation"}:
            continue
        year, number = int(act["celex"][1:5]), int(act["celex"][6:10])
        short = year % 100 if year < 1999 else year
        forms = {
            f"{short:02d}/{number}/",
            f"{year}/{number}",
            f"{number}/{short:02d}",
            f"{number}/{year}",
        }
        for key in ("title_sv", "title_en"):
            assert any(form in act[key] for form in forms), f"{act['celex']}: {key} lacks number"


def test_english_title_date_is_plausible(acts):
    """'of 26 February 2014': adopted in the CELEX year or, for regulations, the year before."""
    for act in acts:
        if act["type"] in {"treaty", "recommendation"}:
            continue
        found = re.search(r" of (\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})", act["title_en"])
        assert found, f"{act['celex']}: title_en has no adoption date"
        year = int(act["celex"][1:5])
        assert int(found[3]) in {year, year - 1}, f"{act['celex']}: adopted {found[0]}"


def test_no_duplicate_acts(acts):
    seen: set[str] = set()
    for act in acts:
        assert act["celex"] not in seen, f"duplicate {act['celex']}"
        seen.add(act["celex"])
    citations = [act["citation"] for act in acts]
    assert len(citations) == len(set(citations)), "duplicate citation"


def test_act_areas_names_binding_status(acts, acts_by_celex):
    for act in acts:
        celex = act["celex"]
        assert act["type"] in {"directive", "regulation", "decision", "recommendation", "treaty"}
        assert isinstance(act["areas"], list), celex
        assert 1 <= len(act["areas"]) <= 3, celex
        assert set(act["areas"]) <= AREA_CODES, f"{celex}: {set(act['areas']) - AREA_CODES}"
        assert len(set(act["areas"])) == len(act["areas"]), celex
        assert isinstance(act["names"], list), celex
        assert act["names"], f"{celex}: no names"
        assert all(isinstance(name, str) and name for name in act["names"]), celex
        assert len(set(act["names"])) == len(act["names"]), f"{celex}: repeated name"
        assert act["binding"] is (act["type"] != "recommendation"), f"{celex}: binding"
        assert act["status"] in {"in_force", "repealed"}, celex
        if "replaced_by" in act:
            assert act["status"] == "repealed", f"{celex}: replaced_by on an act in force"
            assert act["replaced_by"] in acts_by_celex, f"{celex}: unknown replaced_by"
            assert act["replaced_by"] != celex


def test_act_count(acts):
    assert len(acts) >= 150


# --- statutes.yaml --------------------------------------------------------------------------


def test_statute_keys_and_sfs(statutes):
    seen: set[str] = set()
    for statute in statutes:
        keys = set(statute)
        assert keys == STATUTE_KEYS, f"{statute.get('sfs')}: keys {keys ^ STATUTE_KEYS}"
        sfs = statute["sfs"]
        assert isinstance(sfs, str), f"SFS {sfs!r} is not a string"
        assert SFS.match(sfs), f"malformed SFS {sfs!r}"
        assert 1700 < int(sfs[:4]) <= 2026, sfs
        assert sfs not in seen, f"duplicate statute {sfs}"
        seen.add(sfs)
        assert f"({sfs})" in statute["title_sv"], f"{sfs}: title_sv lacks '({sfs})'"
        assert statute["title_sv"] == statute["title_sv"].strip()


def stem(title: str) -> str:
    """A statute title without its SFS number: 'socialtjänstlag (2001:453)' -> 'socialtjänstlag'."""
    return re.sub(r"\s*\(\d{4}:\d+\)", "", title)


def test_statute_fields(statutes):
    abbreviations: dict[str, str] = {}
    for statute in statutes:
        sfs = statute["sfs"]
        assert statute["names"], f"{sfs}: no names"
        assert all(isinstance(n, str) and n for n in statute["names"]), sfs
        assert len(set(statute["names"])) == len(statute["names"]), f"{sfs}: repeated name"
        assert 1 <= len(statute["areas"]) <= 3, sfs
        assert set(statute["areas"]) <= AREA_CODES, f"{sfs}: {statute['areas']}"
        for abbreviation in statute["abbreviations"]:
            assert re.fullmatch(r"[A-ZÅÄÖ][A-Za-zÅÄÖåäö]+", abbreviation), f"{sfs}: {abbreviation}"
            # Only a statute and its same-named successor may share an abbreviation
            # (SoL: socialtjänstlag 2001:453 and 2025:400).
            if abbreviation in abbreviations:
                other = abbreviations[abbreviation]
                assert stem(other) == stem(statute["title_sv"]), (
                    f"{abbreviation} names both {other} and {statute['title_sv']}"
                )
            abbreviations[abbreviation] = statute["title_sv"]
        links = statute["implements"] + statute["supplements"]
        assert len(set(links)) == len(links), f"{sfs}: repeated CELEX"
        assert statute["eu"] == ("legal" if links else "none"), f"{sfs}: eu vs links"


def test_statute_links_are_known_acts(statutes, acts_by_celex):
    for statute in statutes:
        sfs = statute["sfs"]
        for celex in statute["implements"]:
            assert celex in acts_by_celex, f"{sfs} implements {celex}, not in eu_acts.yaml"
            assert acts_by_celex[celex]["type"] == "directive", f"{sfs}: {celex} not a directive"
        for celex in statute["supplements"]:
            assert celex in acts_by_celex, f"{sfs} supplements {celex}, not in eu_acts.yaml"
            assert acts_by_celex[celex]["type"] in {"regulation", "treaty", "decision"}, (
                f"{sfs}: supplements {celex}, a {acts_by_celex[celex]['type']}"
            )


def test_statute_count(statutes):
    assert len(statutes) >= 80


# --- comparison with the independent reference ----------------------------------------------

REFERENCE = Path("reference") / "swedish-law-eu"
# Reference types that assert a legal link between the statute and the act; "cites_article"
# only records that a provision mentions the act, so it is context, not a claim.
LINK_TYPES = {"implements", "supplements", "applies", "complies_with"}


def reference_celex(eu_document_id: str) -> str:
    """CELEX for a reference id such as ``directive:1991/271`` or ``regulation:1370/2007``.

    The reference's own ``celex_number`` swaps year and number for regulations numbered before
    2015 (``regulation:1370/2007`` -> ``31370R2007``), so the number is rebuilt here: before
    2015 regulations are cited number/year, directives (in these ids) year/number.
    """
    kind, _, numbers = eu_document_id.partition(":")
    first, second = numbers.split("/")
    letter = {"directive": "L", "regulation": "R", "decision": "D"}[kind]
    old_regulation = kind == "regulation" and (
        len(second) == 2 or (len(second) == 4 and 1950 <= int(second) < 2015)
    )
    number, year = (first, four_digit(second)) if old_regulation else (second, four_digit(first))
    return f"3{year}{letter}{int(number):04d}"


def reference_links(shared_data: Path) -> dict[str, dict[str, set[str]]]:
    """statute -> reference type -> CELEX numbers, from eu-references.json."""
    with (shared_data / REFERENCE / "eu-references.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    links: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for reference in data["eu_references"]:
        celex = reference_celex(reference["eu_document_id"])
        links[reference["document_id"]][reference["reference_type"]].add(celex)
    return links


def disagreements(
    statutes: list[dict[str, Any]], links: dict[str, dict[str, set[str]]]
) -> set[tuple[str, str, str]]:
    """(statute, celex, side) for every statute both cover; side names who has the link."""
    found: set[tuple[str, str, str]] = set()
    for statute in statutes:
        sfs = statute["sfs"]
        if sfs not in links:
            continue
        ours = set(statute["implements"]) | set(statute["supplements"])
        theirs = set().union(*(links[sfs][kind] for kind in LINK_TYPES))
        mentioned = theirs | links[sfs]["cites_article"]
        found |= {(sfs, celex, "reference_only") for celex in theirs - ours}
        found |= {(sfs, celex, "ours_only") for celex in ours - mentioned}
    return found


@pytest.mark.shared_data
def test_reference_celex_rebuilt(shared_data):
    assert reference_celex("directive:1991/271") == "31991L0271"
    assert reference_celex("regulation:1370/2007") == "32007R1370"
    assert reference_celex("regulation:339/93") == "31993R0339"
    assert reference_celex("regulation:2006/2004") == "32004R2006"
    assert reference_celex("regulation:2016/679") == "32016R0679"
    with (shared_data / REFERENCE / "eu-references.json").open(encoding="utf-8") as handle:
        documents = json.load(handle)["eu_documents"]
    for document in documents:
        rebuilt = reference_celex(document["id"])
        assert CELEX_LEGISLATION.match(rebuilt), document["id"]
        if document["type"] == "directive" or int(rebuilt[1:5]) >= 2015:
            assert rebuilt == document["celex_number"], document["id"]


@pytest.mark.shared_data
def test_reference_titles_agree(shared_data, acts_by_celex):
    """Where the reference has the EUR-Lex title, ours must carry the same number and date."""
    with (shared_data / REFERENCE / "eurlex-documents.json").open(encoding="utf-8") as handle:
        documents = json.load(handle)
    compared = 0
    for document in documents:
        act = acts_by_celex.get(document["celex_number"])
        if act is None:
            continue
        compared += 1
        year, number = document["year"], document["number"]
        assert f"{year}/{number}" in act["title_en"], document["celex_number"]
        day, month, date_year = (int(x) for x in document["date_document"].split("-")[::-1])
        assert f" of {day} {MONTHS[month - 1]} {date_year}" in act["title_en"], (
            f"{document['celex_number']}: reference date {document['date_document']}"
        )
    assert compared > 0


@pytest.mark.shared_data
def test_reference_disagreements_are_explained(shared_data, statutes, capsys):
    allowed_file = load("reference_disagreements.yaml")
    assert isinstance(allowed_file.get("version"), int)
    allowed: set[tuple[str, str, str]] = set()
    for entry in allowed_file["disagreements"]:
        assert set(entry) == {"statute", "celex", "side", "reason"}, entry
        assert entry["side"] in {"reference_only", "ours_only"}, entry
        assert isinstance(entry["reason"], str), entry
        assert len(entry["reason"]) > 20, entry
        key = (entry["statute"], entry["celex"], entry["side"])
        assert key not in allowed, f"allow-list repeats {key}"
        allowed.add(key)

    links = reference_links(shared_data)
    found = disagreements(statutes, links)
    both = sorted({s["sfs"] for s in statutes} & set(links))
    with capsys.disabled():
        print(
            f"\nreference comparison: {len(both)} statutes in both, "
            f"{len(found)} disagreements, {len(found & allowed)} explained"
        )
        for sfs, celex, side in sorted(found - allowed):
            print(f"  UNEXPLAINED {sfs} {celex} {side}")
    assert not found - allowed, "disagreements with the reference not in the allow-list"
    assert not allowed - found, f"stale allow-list entries: {sorted(allowed - found)}"
