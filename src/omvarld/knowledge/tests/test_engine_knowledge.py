"""One knowledge base: the database is loaded from the engine's parser, the engine's knowledge
is built from the database with the same parser, every change raises the revision, and the
administrators' forms validate with the engine's schema."""

from __future__ import annotations

import json
import logging

import pytest

from omvarld.euimpact.knowledge import load_knowledge
from omvarld.knowledge import engine as engine_module
from omvarld.knowledge.forms import CueForm, StatuteForm
from omvarld.knowledge.models import Cue, KnowledgeRevision, Policy, PolicyArea, Statute
from omvarld.knowledge.selectors import engine_knowledge, knowledge_revision
from omvarld.knowledge.services import knowledge_load_areas, knowledge_load_files

pytestmark = pytest.mark.django_db


def test_before_the_files_are_loaded_the_packaged_files_are_used():
    knowledge_load_areas()
    current = engine_knowledge()
    assert current.revision is None
    assert current.knowledge is load_knowledge()
    assert knowledge_revision() is None


def test_the_database_holds_what_the_files_hold_with_the_same_defaults(full_knowledge):
    packaged = load_knowledge()
    current = engine_knowledge()
    assert current.revision == 1
    assert current.knowledge.version.startswith("revision 1 sha256:")
    built = current.knowledge
    assert built.areas == packaged.areas
    assert built.acts == packaged.acts
    assert built.statutes == packaged.statutes
    assert built.policies == packaged.policies
    # Cue weights and kinds left out of cues.yaml take the engine's defaults in both.
    assert sorted(built.cues, key=lambda c: c.id) == sorted(packaged.cues, key=lambda c: c.id)
    assert built.names.keys() == packaged.names.keys()


def test_every_change_raises_the_revision_and_the_cache_follows(full_knowledge):
    first = engine_knowledge()
    assert engine_knowledge() is first  # one query, nothing rebuilt
    knowledge_load_files()  # nothing changed in the files
    assert knowledge_revision() == 1
    cue = Cue.objects.get(key="drinking-water")
    cue.pattern += "|brunnar"
    cue.save()
    assert knowledge_revision() == 2
    second = engine_knowledge()
    assert second.revision == 2
    assert second.knowledge.cue_matcher.find("nya brunnar")[0][0].id == "drinking-water"
    cue.areas.add(PolicyArea.objects.get(code="environment_health"))
    assert knowledge_revision() == 3
    Policy.objects.get(key="interreg").delete()
    assert knowledge_revision() == 4
    assert "interreg" not in engine_knowledge().knowledge.policies


def test_the_cache_is_not_taken_for_another_database_at_the_same_number(full_knowledge):
    before = engine_knowledge()
    KnowledgeRevision.objects.filter(pk=1).update(token="another database")
    assert engine_knowledge() is not before


def test_a_row_the_engine_cannot_use_is_left_out_with_a_warning(full_knowledge, caplog):
    Cue.objects.filter(key="drinking-water").update(pattern="vatten(")
    KnowledgeRevision.objects.filter(pk=1).update(number=5, token="changed by a script")
    with caplog.at_level(logging.WARNING, logger=engine_module.__name__):
        current = engine_knowledge()
    assert current.revision == 5
    assert "drinking-water" not in {cue.id for cue in current.knowledge.cues}
    assert len(current.knowledge.cues) == Cue.objects.count() - 1
    assert "drinking-water: invalid pattern" in caplog.text


def _cue_data(cue: Cue, **changes):
    data = {
        "key": cue.key,
        "pattern": cue.pattern,
        "areas": [a.pk for a in cue.areas.all()],
        "eu": cue.eu,
        "funding": cue.funding,
        "weight": cue.weight,
        "why_sv": cue.why_sv,
        "refs": json_list(cue.refs),
        "kinds": json_list(cue.kinds),
    }
    data.update(changes)
    return data


def json_list(values) -> str:
    return json.dumps(values)


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"weight": 1.5}, "weight", "'weight' 1.5 is outside 0..1"),
        ({"pattern": "vatten("}, "pattern", "invalid pattern"),
        ({"refs": '["nowhere"]'}, "refs", "ref 'nowhere' is no CELEX, SFS or policy id"),
        ({"kinds": '["speech"]'}, "kinds", "unknown kind(s) speech"),
    ],
)
def test_the_cue_form_refuses_what_the_engine_cannot_use(full_knowledge, changes, field, reason):
    cue = Cue.objects.get(key="drinking-water")
    form = CueForm(data=_cue_data(cue, **changes), instance=cue)
    assert not form.is_valid()
    assert reason in form.errors[field][0]


def test_the_cue_form_accepts_a_policy_of_the_database(full_knowledge):
    cue = Cue.objects.get(key="drinking-water")
    form = CueForm(data=_cue_data(cue, refs='["interreg", "32020L2184"]'), instance=cue)
    assert form.is_valid(), form.errors


def test_a_statute_cannot_be_coded_eu_policy(full_knowledge):
    statute = Statute.objects.get(sfs="2016:1145")
    data = {
        "sfs": statute.sfs,
        "title_sv": statute.title_sv,
        "names": json_list(statute.names),
        "abbreviations": json_list(statute.abbreviations),
        "areas": [a.pk for a in statute.areas.all()],
        "implements": [a.pk for a in statute.implements.all()],
        "supplements": [a.pk for a in statute.supplements.all()],
        "eu": "policy",
    }
    form = StatuteForm(data=data, instance=statute)
    assert not form.is_valid()
    assert "'eu' must be legal or none" in form.errors["eu"][0]
