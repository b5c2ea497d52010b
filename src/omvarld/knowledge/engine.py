"""The engine's knowledge as the web app uses it: built from the database, cached by revision.

The rows are turned into the records of the knowledge files and validated by the engine's own
parser (:meth:`omvarld.euimpact.knowledge.Knowledge.from_records`), so an administrator's edit
or an EU act recorded by the sync takes effect in the next analysis. Until the files were first
loaded into the database (there is no revision yet) the packaged files are used.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from omvarld.euimpact.knowledge import Knowledge, KnowledgeError, load_knowledge, parse_entry

from .models import Cue, EUAct, KnowledgeRevision, Policy, PolicyArea, Statute

logger = logging.getLogger(__name__)

Record = dict[str, Any]


@dataclass(frozen=True)
class EngineKnowledge:
    """A knowledge base and the revision it was built from (None: the packaged files)."""

    knowledge: Knowledge
    revision: int | None


_lock = threading.Lock()
_cache: dict[str, Any] = {}


def engine_knowledge() -> EngineKnowledge:
    """The knowledge the web app's analyses run on, rebuilt only when the revision changed.

    One query when the cached knowledge is current; the rows are read (a few queries, whatever
    their number) and compiled once per revision and process.
    """
    row = KnowledgeRevision.objects.filter(pk=1).values_list("number", "token").first()
    if row is None:
        return EngineKnowledge(load_knowledge(), None)
    number, token = row
    with _lock:
        cached = _cache.get("current")
        if cached is not None and cached[0] == token:
            return cached[1]  # type: ignore[no-any-return]
        built = EngineKnowledge(knowledge_from_database(label=f"revision {number}"), number)
        _cache["current"] = (token, built)
        return built


def _links(field: Any, target: str) -> dict[int, list[str]]:
    """Each row's linked values (``target`` of the linked row), in one query."""
    through = field.through
    source = field.field.m2m_field_name()
    linked = field.field.m2m_reverse_field_name()
    result: dict[int, list[str]] = defaultdict(list)
    rows = through.objects.order_by("pk").values_list(f"{source}_id", f"{linked}__{target}")
    for pk, value in rows:
        result[pk].append(value)
    return result


def database_records() -> dict[str, list[Record]]:
    """The rows of the knowledge base as the records of the knowledge files."""
    act_areas = _links(EUAct.areas, "code")
    acts = [
        {
            "celex": a["celex"],
            "type": a["act_type"],
            "citation": a["citation"],
            "title_sv": a["title_sv"],
            "title_en": a["title_en"],
            "names": a["names"],
            "areas": act_areas[a["pk"]],
            "binding": a["binding"],
            "status": a["status"],
            "replaced_by": a["replaced_by__celex"] or "",
        }
        for a in _values(EUAct, "replaced_by__celex")
    ]
    statute_areas = _links(Statute.areas, "code")
    implements = _links(Statute.implements, "celex")
    supplements = _links(Statute.supplements, "celex")
    statutes = [
        {
            "sfs": s["sfs"],
            "title_sv": s["title_sv"],
            "names": s["names"],
            "abbreviations": s["abbreviations"],
            "areas": statute_areas[s["pk"]],
            "implements": implements[s["pk"]],
            "supplements": supplements[s["pk"]],
            "eu": s["eu"],
        }
        for s in _values(Statute)
    ]
    policy_areas = _links(Policy.areas, "code")
    policies = [
        {
            "id": p["key"],
            "title_sv": p["title_sv"],
            "title_en": p["title_en"],
            "names": p["names"],
            "areas": policy_areas[p["pk"]],
            "kind": p["kind"],
            "celex": p["celex"],
            "funding": p["funding"],
        }
        for p in _values(Policy)
    ]
    cue_areas = _links(Cue.areas, "code")
    cues = [
        {
            "id": c["key"],
            "pattern": c["pattern"],
            "areas": cue_areas[c["pk"]],
            "eu": c["eu"],
            "funding": c["funding"],
            "weight": c["weight"],
            "why_sv": c["why_sv"],
            "refs": c["refs"],
            "kinds": c["kinds"],
        }
        for c in _values(Cue)
    ]
    areas = [
        {k: a[k] for k in ("code", "label_sv", "label_en", "description_sv")}
        for a in _values(PolicyArea)
    ]
    return {"areas": areas, "acts": acts, "statutes": statutes, "policies": policies, "cues": cues}


def _values(model: type[models.Model], *extra: str) -> Iterable[dict[str, Any]]:
    fields = [f.attname for f in model._meta.concrete_fields if not f.is_relation]
    return model._default_manager.order_by("pk").values("pk", *fields, *extra)


def knowledge_from_database(*, label: str) -> Knowledge:
    """A knowledge base of the database's rows, validated by the engine's parser.

    A row the engine cannot use (written around the forms, for example by a script) is left out
    with a warning naming it and why, rather than stopping every analysis.
    """
    records = database_records()
    try:
        return _build(records, label)
    except KnowledgeError as exc:
        logger.warning("The knowledge base holds rows the engine cannot use: %s", exc)
    return _build(usable_records(records), label)


def _build(records: dict[str, list[Record]], label: str) -> Knowledge:
    return Knowledge.from_records(
        areas=records["areas"],
        acts=records["acts"],
        statutes=records["statutes"],
        policies=records["policies"],
        cues=records["cues"],
        label=label,
    )


def usable_records(records: dict[str, list[Record]]) -> dict[str, list[Record]]:
    """The records the engine can use, each section checked against the ones kept before it."""
    usable: dict[str, list[Record]] = {}
    for section in ("areas", "acts", "statutes", "policies", "cues"):
        celexes = [r["celex"] for r in usable.get("acts", [])]
        policy_ids = [r["id"] for r in usable.get("policies", [])]
        kept = []
        for record in records[section]:
            if section == "acts" and record["replaced_by"] not in celexes:
                record = {**record, "replaced_by": ""}
            try:
                parse_entry(section, record, policy_ids=policy_ids, act_celexes=celexes)
            except KnowledgeError as exc:
                logger.warning("Left out of the engine's knowledge: %s", exc)
                continue
            kept.append(record)
        usable[section] = kept
    return usable
