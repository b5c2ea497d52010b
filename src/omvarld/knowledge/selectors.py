"""Reads of the knowledge base."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .engine import EngineKnowledge, engine_knowledge
from .models import Cue, EUAct, KnowledgeFile, KnowledgeRevision, Policy, PolicyArea, Statute

__all__ = [
    "EngineKnowledge",
    "act_detail",
    "act_list",
    "area_list",
    "engine_knowledge",
    "file_versions",
    "knowledge_counts",
    "knowledge_revision",
    "statute_list",
]


def knowledge_counts() -> dict[str, int]:
    """How much the knowledge base holds, for the start page."""
    return {
        "acts": EUAct.objects.count(),
        "statutes": Statute.objects.count(),
        "policies": Policy.objects.count(),
        "areas": PolicyArea.objects.count(),
        "cues": Cue.objects.count(),
    }


def act_list(*, query: str = "", area: str = "", act_type: str = "") -> QuerySet[EUAct]:
    """EU acts matching a search over CELEX, citation, titles and names."""
    qs = EUAct.objects.prefetch_related("areas").annotate(
        statute_count=Count("implementing_statutes", distinct=True)
    )
    if query:
        qs = qs.filter(
            Q(celex__icontains=query)
            | Q(citation__icontains=query)
            | Q(title_sv__icontains=query)
            | Q(title_en__icontains=query)
            | Q(names__icontains=query)
        )
    if area:
        qs = qs.filter(areas__code=area)
    if act_type:
        qs = qs.filter(act_type=act_type)
    return qs.order_by("celex")


def act_detail(*, celex: str) -> EUAct:
    return (
        EUAct.objects.select_related("replaced_by")
        .prefetch_related("areas", "implementing_statutes", "supplementing_statutes", "replaces")
        .get(celex=celex)
    )


def statute_list(*, query: str = "", area: str = "") -> QuerySet[Statute]:
    """Swedish statutes matching a search over SFS number, title, names and abbreviations."""
    qs = Statute.objects.prefetch_related("areas", "implements", "supplements")
    if query:
        qs = qs.filter(
            Q(sfs__icontains=query)
            | Q(title_sv__icontains=query)
            | Q(names__icontains=query)
            | Q(abbreviations__icontains=query)
        )
    if area:
        qs = qs.filter(areas__code=area)
    return qs.order_by("title_sv")


def area_list() -> QuerySet[PolicyArea]:
    return PolicyArea.objects.annotate(
        act_count=Count("acts", distinct=True), statute_count=Count("statutes", distinct=True)
    ).order_by("label_sv")


def file_versions() -> QuerySet[KnowledgeFile]:
    return KnowledgeFile.objects.all()


def knowledge_revision() -> int | None:
    """The knowledge base's revision; None before the files were first loaded."""
    return KnowledgeRevision.objects.filter(pk=1).values_list("number", flat=True).first()
