"""Tests of the knowledge loader: validation, versions, compiled matchers."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from omvarld.euimpact.knowledge import (
    DEFAULT_DIRECTORY,
    FILES,
    Cue,
    CueMatcher,
    Knowledge,
    KnowledgeError,
    literal_prefixes,
    load_knowledge,
    parse_entry,
    read_knowledge_files,
    trie_pattern,
)
from omvarld.euimpact.model import AREA_CODES

AREAS = [{"code": c, "label_sv": c, "label_en": c} for c in AREA_CODES]
ACT = {
    "celex": "32008L0098",
    "type": "directive",
    "citation": "2008/98/EG",
    "title_sv": "Avfallsdirektivet",
    "names": ["avfallsdirektivet"],
    "areas": ["waste"],
    "binding": True,
    "status": "in_force",
}
STATUTE = {
    "sfs": "1998:808",
    "title_sv": "miljöbalken (1998:808)",
    "names": ["miljöbalken"],
    "abbreviations": ["MB"],
    "areas": ["environment_health"],
    "implements": ["32008L0098"],
    "eu": "legal",
}
POLICY = {
    "id": "interreg",
    "title_sv": "Interreg",
    "names": ["Interreg"],
    "areas": ["international"],
    "kind": "programme",
    "funding": True,
}
CUE = {
    "id": "waste",
    "pattern": "avfall",
    "areas": ["waste"],
    "eu": "legal",
    "funding": False,
    "weight": 0.8,
    "why_sv": "Avfall",
    "refs": ["32008L0098"],
}


def build(**changes: Any) -> Knowledge:
    records: dict[str, Any] = {
        "areas": AREAS,
        "acts": [ACT],
        "statutes": [STATUTE],
        "policies": [POLICY],
        "cues": [CUE],
    }
    records.update(changes)
    return Knowledge.from_records(**records)


def test_default_knowledge_loads_and_is_cached() -> None:
    knowledge = load_knowledge()
    assert knowledge is load_knowledge()
    assert set(knowledge.areas) == set(AREA_CODES)
    assert knowledge.cues
    assert knowledge.policies
    assert re.fullmatch(
        r"areas:\d+ acts:\d+ statutes:\d+ policies:\d+ cues:\d+ sha256:[0-9a-f]{12}",
        knowledge.version,
    )


def test_default_directory_is_inside_the_package() -> None:
    assert DEFAULT_DIRECTORY.parts[-3:] == ("omvarld", "knowledge", "data")
    for filename in FILES.values():
        assert (DEFAULT_DIRECTORY / filename).is_file()


def test_every_cue_is_indexed() -> None:
    # Cues without a literal start are tried on every text, which costs speed.
    assert load_knowledge().cue_matcher.always == []


def test_from_records_builds_matchers() -> None:
    knowledge = build()
    assert knowledge.acts["32008L0098"].binding
    assert knowledge.statutes["1998:808"].celex == ("32008L0098",)
    assert knowledge.policies["interreg"].funding
    assert knowledge.version.startswith("areas:0 ")


def test_version_changes_with_content() -> None:
    changed = dict(CUE, weight=0.7)
    assert build().version != build(cues=[changed]).version
    assert build().version == build().version


@pytest.mark.parametrize(
    ("section", "record", "message"),
    [
        ("acts", dict(ACT, areas=["waste", "sewers"]), r"acts records: 32008L0098: unknown area"),
        ("acts", dict(ACT, celex="2008L98"), r"malformed CELEX number '2008L98'"),
        ("statutes", dict(STATUTE, implements=["L0098"]), r"1998:808: malformed CELEX"),
        ("statutes", dict(STATUTE, sfs="1998-808"), r"malformed SFS number"),
        ("cues", dict(CUE, pattern="avfall("), r"cues records: waste: invalid pattern"),
        ("cues", dict(CUE, eu="maybe"), r"waste: 'eu' must be one of"),
        ("cues", dict(CUE, weight=2), r"waste: 'weight' 2 is outside 0..1"),
        ("cues", dict(CUE, refs=["nowhere"]), r"ref 'nowhere' is no CELEX, SFS or policy id"),
        ("cues", dict(CUE, kinds=["speech"]), r"unknown kind\(s\) speech"),
        ("policies", dict(POLICY, kind="wish"), r"interreg: unknown kind 'wish'"),
    ],
)
def test_invalid_entries_name_file_and_entry(
    section: str, record: dict[str, Any], message: str
) -> None:
    with pytest.raises(KnowledgeError, match=message):
        build(**{section: [record]})


@pytest.mark.parametrize(
    ("section", "record", "entry"),
    [
        ("acts", ACT, "32008L0098"),
        ("statutes", STATUTE, "1998:808"),
        ("policies", POLICY, "interreg"),
        ("cues", CUE, "waste"),
    ],
)
def test_duplicate_ids_are_refused(section: str, record: dict[str, Any], entry: str) -> None:
    with pytest.raises(KnowledgeError, match=f"{entry}: duplicate id"):
        build(**{section: [record, record]})


def test_unknown_area_in_areas_file() -> None:
    with pytest.raises(KnowledgeError, match="sewers: unknown area code"):
        build(areas=[*AREAS, {"code": "sewers", "label_sv": "x", "label_en": "x"}])


def write_directory(directory: Path, **overrides: Any) -> None:
    content = {
        "areas": {"version": 1, "areas": AREAS},
        "acts": {"version": 2, "acts": [ACT]},
        "statutes": {"version": 3, "statutes": [STATUTE]},
        "policies": {"version": 4, "policies": [POLICY]},
        "cues": {"version": 5, "cues": [CUE]},
    }
    content.update(overrides)
    for section, filename in FILES.items():
        if content[section] is not None:
            (directory / filename).write_text(
                yaml.safe_dump(content[section], allow_unicode=True), encoding="utf-8"
            )


def test_load_from_directory(tmp_path: Path) -> None:
    write_directory(tmp_path)
    knowledge = load_knowledge(tmp_path)
    assert knowledge.version.startswith("areas:1 acts:2 statutes:3 policies:4 cues:5 sha256:")


def test_error_names_the_file(tmp_path: Path) -> None:
    write_directory(tmp_path, acts={"version": 1, "acts": [dict(ACT, celex="x")]})
    with pytest.raises(KnowledgeError, match=r"eu_acts\.yaml: entry 1: malformed CELEX"):
        load_knowledge(tmp_path)


def test_missing_file_and_missing_version(tmp_path: Path) -> None:
    write_directory(tmp_path, cues=None)
    with pytest.raises(KnowledgeError, match=r"cues\.yaml: file is missing"):
        load_knowledge(tmp_path)
    write_directory(tmp_path, cues={"cues": [CUE]})
    with pytest.raises(KnowledgeError, match=r"'version' must be an integer"):
        load_knowledge(tmp_path)


def test_references_between_sections_must_resolve() -> None:
    with pytest.raises(KnowledgeError, match=r"1998:808: 'implements' names 32099L0001"):
        build(statutes=[dict(STATUTE, implements=["32099L0001"])])
    with pytest.raises(KnowledgeError, match=r"32008L0098: replaced by 32018L0851, which is not"):
        build(acts=[dict(ACT, replaced_by="32018L0851")])


def test_read_files_returns_the_defaults_once(tmp_path: Path) -> None:
    bare_cue = {k: v for k, v in CUE.items() if k != "weight"}
    bare_statute = {k: v for k, v in STATUTE.items() if k != "eu"}
    recommendation = dict(ACT, celex="32013H0112", type="recommendation", names=[])
    recommendation.pop("binding")
    write_directory(
        tmp_path,
        acts={"version": 2, "acts": [ACT, recommendation]},
        statutes={"version": 3, "statutes": [bare_statute]},
        cues={"version": 5, "cues": [bare_cue]},
    )
    parsed = read_knowledge_files(tmp_path)
    assert parsed.versions == {"areas": 1, "acts": 2, "statutes": 3, "policies": 4, "cues": 5}
    assert (
        parsed.digests["cues"] == hashlib.sha256((tmp_path / "cues.yaml").read_bytes()).hexdigest()
    )
    assert parsed.cues[0].weight == 0.5
    assert parsed.cues[0].kinds == {"decision", "motion", "interpellation", "information"}
    assert parsed.statutes[0].eu == "legal"  # it implements a directive
    assert [act.binding for act in parsed.acts] == [True, False]


def test_one_entry_is_checked_as_the_files_are() -> None:
    cue = parse_entry("cues", CUE)
    assert isinstance(cue, Cue)
    assert cue.id == "waste"
    with pytest.raises(KnowledgeError) as caught:
        parse_entry("cues", dict(CUE, weight=1.5))
    assert (caught.value.key, caught.value.detail) == ("weight", "'weight' 1.5 is outside 0..1")
    with pytest.raises(KnowledgeError, match="ref 'interreg' is no CELEX"):
        parse_entry("cues", dict(CUE, refs=["interreg"]))
    assert parse_entry("cues", dict(CUE, refs=["interreg"]), policy_ids=["interreg"])
    with pytest.raises(KnowledgeError) as caught:
        parse_entry("statutes", STATUTE, act_celexes=[])
    assert caught.value.key == "implements"


def test_trie_pattern_matches_exactly_its_words() -> None:
    words = ["avfall", "avfallstaxa", "avlopp", "va", "vatten"]
    regex = re.compile(f"(?:{trie_pattern(words)})")
    for word in words:
        assert regex.fullmatch(word)
    for other in ["avfal", "avfallstax", "v", "vattenx", ""]:
        assert not regex.fullmatch(other)
    # Greedy: the longest word at a position wins.
    match = regex.match("avfallstaxan")
    assert match is not None
    assert match.group(0) == "avfallstaxa"


def test_literal_prefixes() -> None:
    assert literal_prefixes("avfallstaxa|renhållning") == ["avfall", "renhål"]
    assert literal_prefixes(r"\bva-taxa") == ["va-tax"]
    assert literal_prefixes("^verksamhet|x") is None
    assert literal_prefixes("^verksamhet") == ["verksa"]
    assert literal_prefixes("va-?taxa") == ["va"]
    assert literal_prefixes("(?:va|vatten)taxa") is None
    assert literal_prefixes("v?a") is None


def test_cue_matcher_finds_overlapping_and_unindexed_cues() -> None:
    knowledge = build(
        cues=[
            CUE,
            dict(CUE, id="tariff", pattern="avfallstaxa", weight=0.9),
            dict(CUE, id="any-plan", pattern="(?:avfalls|va-)plan", weight=0.5),
        ]
    )
    matcher: CueMatcher = knowledge.cue_matcher
    assert [c.id for c in matcher.cues if c.id == "any-plan"] == ["any-plan"]
    found = {cue.id: (start, end) for cue, start, end in matcher.find("ny avfallstaxa och va-plan")}
    assert found == {"waste": (3, 9), "tariff": (3, 14), "any-plan": (19, 26)}


def test_name_hygiene() -> None:
    """Fragments of comma-split names are ignored; acronyms match in their own case."""
    act = dict(
        ACT,
        names=["avfallsdirektivet", "jämlikhet", "Asyl-", "WFD", "REACH-direktivet", "ABCD"],
    )
    policy = dict(POLICY, names=["Interreg", "LIFE", "S3"])
    knowledge = build(acts=[act], policies=[policy])
    assert "avfallsdirektivet" in knowledge.names
    assert "avfallsdirektiv" in knowledge.names
    assert "jämlikhet" not in knowledge.names
    assert "asyl-" not in knowledge.names
    assert "interreg" in knowledge.names
    assert set(knowledge.abbreviations) >= {"MB", "ABCD", "LIFE", "S3"}
    assert "WFD" not in knowledge.abbreviations
    assert knowledge.abbreviation_regex.search("Life science") is None
    assert knowledge.abbreviation_regex.search("ett LIFE-projekt") is not None


def test_packaged_files_are_consistent() -> None:
    """The cue refs name known acts or policies, and every policy can be found by name."""
    knowledge = load_knowledge()
    assert list(knowledge.areas) == list(AREA_CODES)
    for cue in knowledge.cues:
        for ref in cue.refs:
            assert ref in knowledge.acts or ref in knowledge.policies, (cue.id, ref)
        assert cue.why_sv
    for policy in knowledge.policies.values():
        assert policy.names, policy.id
        if policy.funding:
            assert policy.kind == "programme", policy.id
