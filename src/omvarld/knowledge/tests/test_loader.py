"""Loading the knowledge files into the database: idempotent, atomic, keeps local edits."""

from __future__ import annotations

import pytest
import yaml
from django.utils import translation

from omvarld.knowledge.models import Cue, EUAct, KnowledgeFile, Policy, PolicyArea, Statute
from omvarld.knowledge.services import DATA_DIR, KnowledgeLoadError, knowledge_load_files

from .factories import MINIMAL, write_minimal_knowledge

pytestmark = pytest.mark.django_db


def test_loads_every_file_with_relations(tmp_path):
    write_minimal_knowledge(tmp_path)
    summary = knowledge_load_files(directory=tmp_path)
    assert summary.created == 2 + 2 + 1 + 1 + 1
    lou = Statute.objects.get(sfs="2016:1145")
    assert [a.celex for a in lou.implements.all()] == ["32014L0024"]
    old = EUAct.objects.get(celex="32004L0018")
    assert old.replaced_by is not None
    assert old.replaced_by.celex == "32014L0024"
    assert Cue.objects.get(key="upphandling").areas.get().code == "procurement"
    assert Policy.objects.get(key="esf-plus").funding
    assert KnowledgeFile.objects.get(name="eu_acts.yaml").version == 3


def test_second_load_changes_nothing(tmp_path):
    write_minimal_knowledge(tmp_path)
    knowledge_load_files(directory=tmp_path)
    history_before = EUAct.history.count()
    summary = knowledge_load_files(directory=tmp_path)
    assert (summary.created, summary.updated) == (0, 0)
    assert summary.unchanged == 7
    assert EUAct.history.count() == history_before


def test_changed_file_updates_rows(tmp_path):
    write_minimal_knowledge(tmp_path)
    knowledge_load_files(directory=tmp_path)
    acts = yaml.safe_load((tmp_path / "eu_acts.yaml").read_text(encoding="utf-8"))
    acts["acts"][1]["names"].append("direktivet om offentlig upphandling")
    write_minimal_knowledge(tmp_path, **{"eu_acts.yaml": acts})
    summary = knowledge_load_files(directory=tmp_path)
    assert summary.updated == 1
    assert "direktivet om offentlig upphandling" in EUAct.objects.get(celex="32014L0024").names


def test_bad_entry_rolls_back_everything(tmp_path):
    write_minimal_knowledge(tmp_path)
    bad = yaml.safe_load(yaml.safe_dump(MINIMAL["statutes.yaml"]))
    bad["statutes"][0]["implements"] = ["32099L9999"]
    write_minimal_knowledge(tmp_path, **{"statutes.yaml": bad})
    with pytest.raises(KnowledgeLoadError, match="32099L9999"):
        knowledge_load_files(directory=tmp_path)
    assert PolicyArea.objects.count() == 0
    assert EUAct.objects.count() == 0


def test_malformed_celex_is_refused_naming_file_and_entry(tmp_path):
    acts = yaml.safe_load(yaml.safe_dump(MINIMAL["eu_acts.yaml"]))
    acts["acts"][1]["celex"] = "2014/24/EU"
    acts["acts"][0]["replaced_by"] = None
    write_minimal_knowledge(tmp_path, **{"eu_acts.yaml": acts})
    with translation.override("sv"), pytest.raises(KnowledgeLoadError) as caught:
        knowledge_load_files(directory=tmp_path)
    assert str(caught.value).startswith("Kunskapsfilerna kan inte läsas in: ")
    assert str(caught.value).endswith("eu_acts.yaml: entry 2: malformed CELEX number '2014/24/EU'")
    assert EUAct.objects.count() == 0


def test_missing_file_names_it(tmp_path):
    write_minimal_knowledge(tmp_path)
    (tmp_path / "cues.yaml").unlink()
    with pytest.raises(KnowledgeLoadError, match=r"cues\.yaml"):
        knowledge_load_files(directory=tmp_path)


def test_local_edit_survives_reload(tmp_path):
    write_minimal_knowledge(tmp_path)
    knowledge_load_files(directory=tmp_path)
    act = EUAct.objects.get(celex="32014L0024")
    act.title_sv = "Rättad titel"
    act.edited_locally = True
    act.save()
    summary = knowledge_load_files(directory=tmp_path)
    assert "eu_acts.yaml: 32014L0024" in summary.kept_local
    act.refresh_from_db()
    assert act.title_sv == "Rättad titel"


def test_the_shipped_knowledge_files_load():
    summary = knowledge_load_files(directory=DATA_DIR)
    assert EUAct.objects.count() >= 150
    assert Statute.objects.count() >= 80
    assert PolicyArea.objects.count() == 23
    assert summary.created == (
        EUAct.objects.count()
        + Statute.objects.count()
        + PolicyArea.objects.count()
        + Policy.objects.count()
        + Cue.objects.count()
    )


def test_reload_keeps_what_an_eu_source_recorded(tmp_path):
    write_minimal_knowledge(tmp_path)
    knowledge_load_files(directory=tmp_path)
    newer = EUAct.objects.create(
        celex="32024L3019", act_type="directive", title_sv="Avloppsdirektivet (omarbetat)"
    )
    act = EUAct.objects.get(celex="32014L0024")
    act.status = "repealed"
    act.replaced_by = newer
    act.save()
    before = EUAct.history.count()
    knowledge_load_files(directory=tmp_path)
    act.refresh_from_db()
    assert act.status == "repealed"
    assert act.replaced_by == newer
    assert EUAct.history.count() == before


def _snapshot() -> dict[str, list]:
    """Every loaded row with its relations, without ids or timestamps."""
    return {
        "areas": list(PolicyArea.objects.values_list("code", "label_sv", "label_en")),
        "acts": [
            (a.celex, a.act_type, a.title_sv, a.names, a.status, a.replaced_by_id is not None)
            for a in EUAct.objects.order_by("celex")
        ]
        + sorted(EUAct.areas.through.objects.values_list("euact__celex", "policyarea__code")),
        "statutes": sorted(
            Statute.implements.through.objects.values_list("statute__sfs", "euact__celex")
        )
        + list(Statute.objects.values_list("sfs", "title_sv", "abbreviations", "eu")),
        "cues": list(Cue.objects.values_list("key", "pattern", "weight", "areas__code")),
        "policies": list(Policy.objects.values_list("key", "funding", "areas__code")),
    }


def test_bulk_load_into_empty_tables_gives_the_rows_of_a_load_row_by_row(tmp_path):
    write_minimal_knowledge(tmp_path)
    knowledge_load_files(directory=tmp_path)
    bulk = _snapshot()
    assert EUAct.history.count() == 2 + 1  # created twice, then the replacement set once
    # Row by row: the same files loaded over rows that exist, after emptying the values.
    EUAct.objects.update(title_sv="x", names=[], status="in_force", replaced_by=None)
    Statute.objects.update(title_sv="x", abbreviations=[])
    PolicyArea.objects.update(label_en="x")
    EUAct.areas.through.objects.all().delete()
    Statute.implements.through.objects.all().delete()
    summary = knowledge_load_files(directory=tmp_path)
    assert (summary.created, summary.updated) == (0, 5)
    assert _snapshot() == bulk


def test_the_whole_knowledge_base_loads_in_a_few_queries(django_assert_max_num_queries):
    """Into an empty database the files are written in bulk (row by row: several thousand)."""
    with django_assert_max_num_queries(100):
        summary = knowledge_load_files(directory=DATA_DIR)
    assert summary.created > 500


@pytest.mark.parametrize("empty", [True, False])
def test_an_entry_twice_in_a_file_is_refused(tmp_path, empty):
    if not empty:
        write_minimal_knowledge(tmp_path)
        knowledge_load_files(directory=tmp_path)
    areas = yaml.safe_load(yaml.safe_dump(MINIMAL["areas.yaml"]))
    areas["areas"].append(dict(areas["areas"][0]))
    write_minimal_knowledge(tmp_path, **{"areas.yaml": areas})
    # The engine's parser finds it, whether the table is empty (bulk) or not.
    twice = r"areas\.yaml: procurement: duplicate id"
    with pytest.raises(KnowledgeLoadError, match=twice):
        knowledge_load_files(directory=tmp_path)
