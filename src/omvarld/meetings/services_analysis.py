"""Writes of the engine's codings: new analyses of items, their references and areas, in bulk.

Used by the import of documents (:mod:`.services`) and by the re-analysis of stored items after
the engine or its knowledge changed. The items are coded outside any transaction and written in
short transactions, so that other users' writes never wait behind a long run (issue 9).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from omvarld import euimpact
from omvarld.core.services import planner_statistics_refresh
from omvarld.euimpact.api import Classifier
from omvarld.euimpact.knowledge import Knowledge
from omvarld.knowledge.models import PolicyArea
from omvarld.knowledge.selectors import engine_knowledge

from .models import AgendaItem, ItemAnalysis, ItemReference


@dataclass(frozen=True)
class Engine:
    """The engine as the web app uses it: a classifier and the versions that identify it.

    ``knowledge_revision`` is the revision of the knowledge base in the database the classifier
    uses, None for knowledge not from the database (the packaged files, a test's own).
    """

    classify: Classifier
    engine_version: str
    knowledge_version: str
    knowledge_revision: int | None = None


def engine_default(knowledge: Knowledge | None = None) -> Engine:
    """The engine with the knowledge base in the database (or the given knowledge).

    The database's knowledge is what administrators edit and the EU sources update; it is
    compiled once per revision (see :func:`omvarld.knowledge.selectors.engine_knowledge`), so
    the next analysis after an edit uses the edit. Before the knowledge files were first loaded
    into the database, the packaged files are used.
    """
    from omvarld.euimpact.classify import classify

    revision = None
    if knowledge is None:
        current = engine_knowledge()
        knowledge, revision = current.knowledge, current.revision
    bound_knowledge = knowledge

    def bound(title: str, text: str) -> Any:
        return classify(title, text, bound_knowledge)

    return Engine(bound, euimpact.__version__, knowledge.version, revision)


def analysis_values(coding: Any) -> dict[str, Any]:
    """An engine coding as the field values of an analysis."""
    return {
        "kind": coding.kind,
        "eu": coding.eu,
        "funding": coding.funding,
        "areas": list(coding.areas),
        "evidence": [e.to_dict() for e in coding.evidence],
        "confidence": round(float(coding.confidence), 3),
    }


def analyses_add(items: list[AgendaItem], values: list[dict[str, Any]], engine: Engine) -> None:
    """New current analyses and their references, in a few bulk statements."""
    ItemAnalysis.objects.bulk_create(
        ItemAnalysis(
            item=item,
            engine_version=engine.engine_version,
            knowledge_version=engine.knowledge_version[:200],
            knowledge_revision=engine.knowledge_revision,
            **coded,
        )
        for item, coded in zip(items, values, strict=True)
    )
    ItemReference.objects.filter(item__in=items).delete()
    ItemReference.objects.bulk_create(
        ItemReference(item=item, ref=ref)
        for item, coded in zip(items, values, strict=True)
        for ref in sorted({str(e["ref"])[:40] for e in coded["evidence"] if e.get("ref")})
    )


def areas_set(items: list[AgendaItem], values: list[dict[str, Any]]) -> None:
    """The items' effective areas, replaced in two bulk statements."""
    area_ids = dict(PolicyArea.objects.values_list("code", "pk"))
    through = AgendaItem.areas.through
    through.objects.filter(agendaitem_id__in=[i.pk for i in items]).delete()
    through.objects.bulk_create(
        through(agendaitem_id=item.pk, policyarea_id=area_ids[code])
        for item, coded in zip(items, values, strict=True)
        for code in dict.fromkeys(coded["areas"])
        if code in area_ids
    )


#: Items re-analysed per write transaction: large enough to be quick, small enough that no other
#: write waits long behind one (measured by ``make load``).
REANALYSE_CHUNK = 100


def items_reanalyse(
    *,
    items: QuerySet[AgendaItem],
    engine: Engine | None = None,
    chunk_size: int = REANALYSE_CHUNK,
) -> int:
    """Code items again with the current engine; earlier analyses stay in the history.

    Items whose current analysis was made by the same engine and knowledge versions are left
    alone, so running it twice changes nothing. Reviewed items keep their reviewed coding.
    The items are coded outside any transaction and written ``chunk_size`` at a time, each chunk
    in its own short transaction, so that other users' writes never wait behind a long run.
    Returns the number of items analysed anew.
    """
    engine = engine or engine_default()
    versions = (engine.engine_version, engine.knowledge_version[:200])
    pks = list(items.order_by("pk").values_list("pk", flat=True))
    count = 0
    for start in range(0, len(pks), chunk_size):
        chunk = list(
            AgendaItem.objects.filter(pk__in=pks[start : start + chunk_size])
            .exclude(
                analyses__is_current=True,
                analyses__engine_version=versions[0],
                analyses__knowledge_version=versions[1],
            )
            .order_by("pk")
        )
        if not chunk:
            continue
        values = [analysis_values(engine.classify(item.title, item.text)) for item in chunk]
        _reanalysis_write(chunk, values, engine)
        count += len(chunk)
    if count:
        planner_statistics_refresh()
    return count


@transaction.atomic
def _reanalysis_write(
    items: list[AgendaItem], values: list[dict[str, Any]], engine: Engine
) -> None:
    ItemAnalysis.objects.filter(item__in=items, is_current=True).update(is_current=False)
    analyses_add(items, values, engine)
    # Read inside the transaction: a review saved while the chunk was being coded wins. Only the
    # items whose effective coding changes are written: after a knowledge update most do not, and
    # every row less keeps the transaction (and other users' wait behind it) shorter.
    current = {
        pk: (kind, eu, funding)
        for pk, kind, eu, funding in AgendaItem.objects.filter(
            pk__in=[i.pk for i in items], reviewed=False
        ).values_list("pk", "kind", "eu", "funding")
    }
    areas: dict[int, set[str]] = {pk: set() for pk in current}
    for pk, code in AgendaItem.areas.through.objects.filter(
        agendaitem_id__in=list(current)
    ).values_list("agendaitem_id", "policyarea__code"):
        areas[pk].add(code)
    known = set(PolicyArea.objects.values_list("code", flat=True))
    coding, areas_changed = [], []
    for item, coded in zip(items, values, strict=True):
        if item.pk not in current:
            continue  # reviewed: the review's coding stays
        new = (coded["kind"], coded["eu"], coded["funding"])
        if new != current[item.pk]:
            item.kind, item.eu, item.funding = new
            coding.append(item)
        if {code for code in coded["areas"] if code in known} != areas[item.pk]:
            areas_changed.append((item, coded))
    AgendaItem.objects.bulk_update(coding, ["kind", "eu", "funding"])
    areas_set([item for item, _v in areas_changed], [coded for _i, coded in areas_changed])
