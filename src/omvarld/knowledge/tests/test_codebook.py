"""The codebook's terms are one set: the engine, the platform's choices, the knowledge files, the
organisation file and docs/codebook.md all name the same kinds, EU codes and policy areas; the
knowledge base's own vocabulary (act types, statuses, policy kinds, identifiers, defaults) is the
engine's schema in the database and in docs/knowledge-format.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from config.env import BASE_DIR
from omvarld.euimpact import model as engine
from omvarld.euimpact.knowledge import schema
from omvarld.knowledge.constants import ActStatus, ActType, EUInfluence, ItemKind, PolicyKind
from omvarld.knowledge.models import Cue, EUAct, Policy, Statute
from omvarld.knowledge.services import DATA_DIR
from omvarld.meetings.constants import SUBSTANTIVE_KINDS

CODEBOOK = BASE_DIR / "docs" / "codebook.md"
ORGANISATION = BASE_DIR / "src" / "omvarld" / "organisation" / "data" / "norrkoping.yaml"


def _load(name: str, key: str) -> list[dict]:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))[key]


def _table(section: str) -> list[tuple[str, str]]:
    """(code, Swedish) of each row of the table under ``## section`` in docs/codebook.md."""
    text = CODEBOOK.read_text(encoding="utf-8")
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \| ([^|]+?) \|", body, flags=re.MULTILINE)


def test_the_platforms_choices_are_the_engines_values_in_its_order():
    assert ItemKind.values == list(engine.KINDS)
    assert EUInfluence.values == list(engine.EU_LEVELS)
    assert {kind.value for kind in SUBSTANTIVE_KINDS} == engine.SUBSTANTIVE_KINDS


def test_the_area_file_holds_the_engines_areas_in_its_order():
    assert [a["code"] for a in _load("areas.yaml", "areas")] == list(engine.AREA_CODES)


def test_the_codebook_document_lists_the_same_terms():
    assert [code for code, _ in _table("Kind")] == list(engine.KINDS)
    assert [code for code, _ in _table("EU code")] == list(engine.EU_LEVELS)
    labels = {a["code"]: a["label_sv"] for a in _load("areas.yaml", "areas")}
    assert _table("Policy areas") == [(code, labels[code]) for code in engine.AREA_CODES]


@pytest.mark.parametrize(
    ("name", "key", "eu_field"),
    [
        ("eu_acts.yaml", "acts", None),
        ("statutes.yaml", "statutes", "eu"),
        ("policies.yaml", "policies", None),
        ("cues.yaml", "cues", "eu"),
    ],
)
def test_knowledge_files_use_only_the_codebooks_terms(name, key, eu_field):
    for entry in _load(name, key):
        where = f"{name}: {entry.get('celex') or entry.get('sfs') or entry.get('id')}"
        assert set(entry.get("areas") or []) <= engine.AREA_SET, where
        if eu_field:
            assert entry.get(eu_field, "none") in engine.EU_LEVELS, where
        assert set(entry.get("kinds") or []) <= set(engine.KINDS), where


def test_the_organisation_file_names_only_the_codebooks_areas():
    bodies = yaml.safe_load(Path(ORGANISATION).read_text(encoding="utf-8"))["bodies"]
    for body in bodies:
        assert set(body.get("areas") or []) <= engine.AREA_SET, body["short_name"]


def test_the_knowledge_bases_choices_are_the_engines_schema():
    assert ActType.values == list(schema.ACT_TYPES)
    assert ActStatus.values == list(schema.STATUSES)
    assert PolicyKind.values == list(schema.POLICY_KINDS)
    assert Cue._meta.get_field("weight").default == schema.DEFAULT_CUE_WEIGHT
    for model, name, pattern in [
        (EUAct, "celex", schema.CELEX_PATTERN),
        (Policy, "celex", schema.CELEX_PATTERN),
        (Statute, "sfs", schema.SFS_PATTERN),
    ]:
        patterns = [
            v.regex.pattern for v in model._meta.get_field(name).validators if hasattr(v, "regex")
        ]
        assert patterns == [pattern], (model, name)


def test_the_format_document_lists_the_schemas_values():
    text = (BASE_DIR / "docs" / "knowledge-format.md").read_text(encoding="utf-8")
    for value in (*schema.ACT_TYPES, *schema.STATUSES, *schema.POLICY_KINDS):
        assert f"`{value}`" in text, value
    for filename in schema.FILES.values():
        assert f"## `{filename}`" in text, filename
    assert f"default {schema.DEFAULT_CUE_WEIGHT}" in text
