"""Writes from the EU sources: each payload is stored with its provenance, then its acts and
initiatives are upserted and linked to it.

Upserts are idempotent: the same payload applied twice leaves the same rows (the payload itself
is stored once, found again by its source and SHA-256). A record that cannot be read or saved is
logged with its place in the payload in ``FetchRecord.errors`` and the others go on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from omvarld.core.http_client import HttpClient, default_client
from omvarld.core.updates import model_update
from omvarld.euimpact.classify import classify
from omvarld.knowledge.constants import ActStatus, ActType
from omvarld.knowledge.models import EUAct, PolicyArea
from omvarld.knowledge.selectors import engine_knowledge

from .connectors import cellar, europarl, haveyoursay
from .connectors.records import (
    RECORD_ERRORS,
    Fetched,
    ParsedAct,
    ParsedInitiative,
    ParsedStage,
    ParsedWindow,
    ParseResult,
    Problem,
)
from .constants import STAGE_ORDER, InboxStatus, Source, Stage
from .models import FeedbackWindow, FetchRecord, Initiative, InitiativeAct, StageEvent
from .routing import text_areas
from .services import initiative_route

__all__ = [
    "PARSERS",
    "SyncSummary",
    "eu_import_file",
    "eu_sync_payload",
    "eu_sync_source",
]

logger = logging.getLogger(__name__)

PARSERS: dict[str, Callable[[str], ParseResult]] = {
    Source.EURLEX: cellar.parse,
    Source.HAVE_YOUR_SAY: haveyoursay.parse,
    Source.EUROPARL: europarl.parse,
}
_ACT_TYPES = {
    "L": ActType.DIRECTIVE,
    "R": ActType.REGULATION,
    "D": ActType.DECISION,
    "H": ActType.RECOMMENDATION,
}


@dataclass(slots=True)
class SyncSummary:
    """What one or more payloads did: counted per kind of row."""

    fetches: int = 0
    records: int = 0
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)

    def count(self, kind: str, *, created: bool) -> None:
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1

    def merge(self, other: SyncSummary) -> None:
        self.fetches += other.fetches
        self.records += other.records
        for mine, theirs in ((self.created, other.created), (self.updated, other.updated)):
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value
        self.errors.extend(other.errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "fetches": self.fetches,
            "records": self.records,
            "created": dict(self.created),
            "updated": dict(self.updated),
            "errors": list(self.errors),
        }


def _fetch_record(*, source: str, request: str, status: int | None, payload: str) -> FetchRecord:
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    existing = FetchRecord.objects.filter(source=source, sha256=digest).first()
    if existing is not None:
        return existing
    record = FetchRecord(
        source=source, request=request, status=status, payload=payload, sha256=digest
    )
    record.full_clean()
    record.save()
    return record


class _Applier:
    def __init__(self, *, source: str, fetch: FetchRecord, summary: SyncSummary) -> None:
        self.source = source
        self.fetch = fetch
        self.summary = summary

    # Acts

    def act(self, parsed: ParsedAct) -> EUAct:
        act = EUAct.objects.filter(celex=parsed.celex).first()
        created = act is None
        if act is None:
            act = EUAct(
                celex=parsed.celex,
                act_type=_ACT_TYPES.get(parsed.celex[5], ActType.DECISION),
                title_sv=parsed.title_sv or parsed.title_en or parsed.celex,
            )
        changed = False
        if not act.edited_locally:
            # The knowledge base's own values win; the source fills what it left blank.
            wanted = {
                "title_en": act.title_en or parsed.title_en,
                "eli": act.eli or parsed.eli,
                "date_adopted": act.date_adopted or parsed.date_adopted,
                "date_in_force": act.date_in_force or parsed.date_in_force,
                "transposition_deadline": act.transposition_deadline
                or parsed.transposition_deadline,
            }
            if act.title_sv == act.celex and parsed.title_sv:
                wanted["title_sv"] = parsed.title_sv
            changed = model_update(instance=act, data=wanted)[1]
        if created or changed:
            self.summary.count("acts", created=created)
        for celex in parsed.amends:
            target = self.related_act(celex)
            if not target.amended_by.filter(pk=act.pk).exists():
                target.amended_by.add(act)
        for celex in parsed.repeals:
            target = self.related_act(celex)
            if not target.edited_locally:
                model_update(
                    instance=target,
                    data={
                        "status": ActStatus.REPEALED,
                        "replaced_by": target.replaced_by or act,
                    },
                )
        return act

    def related_act(self, celex: str) -> EUAct:
        """An act named only by its CELEX number: the knowledge base's row or a bare new one."""
        act = EUAct.objects.filter(celex=celex).first()
        if act is not None:
            return act
        letter = next((c for c in celex[5:] if c.isalpha()), "D")
        act = EUAct(celex=celex, act_type=_ACT_TYPES.get(letter, ActType.DECISION), title_sv=celex)
        act.full_clean()
        act.save()
        self.summary.count("acts", created=True)
        return act

    # Initiatives

    def find(self, parsed: ParsedInitiative) -> Initiative | None:
        """The initiative the record describes; two initiatives it names both are merged."""
        keys = [
            ("haveyoursay_id", parsed.haveyoursay_id),
            ("procedure_reference", parsed.procedure_reference),
            ("com_number", parsed.com_number),
            ("proposal_celex", parsed.proposal_celex),
        ]
        matches: dict[int, Initiative] = {}
        for name, value in keys:
            if value:
                for found in Initiative.objects.filter(**{name: value}):
                    matches.setdefault(found.pk, found)
        if not matches:
            return None
        keeper, *others = [matches[pk] for pk in sorted(matches)]
        for other in others:
            self.merge(keeper, other)
        return keeper

    def merge(self, keeper: Initiative, other: Initiative) -> None:
        """Fold ``other`` into ``keeper``: one source knew it before another named both keys.

        An initiative that people already worked on (assessed, routed or removed by hand, acted
        on) is not merged away; the record then fails on the duplicate key and is listed, to be
        merged by hand. The platform's own untouched suggestions go with it and the kept
        initiative is routed again.
        """
        worked_on = other.routings.exclude(
            suggested=True, status=InboxStatus.NEW, assessment__isnull=True
        )
        if worked_on.exists() or other.actions.exists():
            raise ValueError(
                f"initiatives {keeper.pk} and {other.pk} are the same; merge them by hand"
            )
        fields = {
            name: getattr(keeper, name) or getattr(other, name)
            for name in (
                "haveyoursay_id",
                "procedure_reference",
                "com_number",
                "proposal_celex",
                "commission_reference",
                "title_sv",
                "title_en",
                "summary_sv",
                "summary_en",
                "url",
                "eurovoc",
            )
        }
        fields["extra"] = {**other.extra, **keeper.extra}
        fields["stage"] = max(keeper.stage, other.stage, key=lambda s: STAGE_ORDER.get(s, -1))
        for event in other.stages.all():
            if not keeper.stages.filter(stage=event.stage, source=event.source).exists():
                event.initiative = keeper
                event.save(update_fields=["initiative"])
        for window in other.windows.all():
            if not keeper.windows.filter(kind=window.kind, external_id=window.external_id).exists():
                window.initiative = keeper
                window.save(update_fields=["initiative"])
        for link in other.act_links.all():
            InitiativeAct.objects.get_or_create(
                initiative=keeper, act=link.act, relation=link.relation
            )
        keeper.fetches.add(*other.fetches.all())
        keeper.areas.add(*other.areas.all())
        other.delete()
        model_update(instance=keeper, data=fields)
        self.summary.count("merged", created=False)

    def initiative(self, parsed: ParsedInitiative) -> Initiative | None:
        initiative = self.find(parsed)
        created = initiative is None
        if initiative is None and parsed.update_only:
            return None
        if initiative is None:
            initiative = Initiative()
        wanted: dict[str, Any] = {}
        for name in (
            "haveyoursay_id",
            "procedure_reference",
            "com_number",
            "proposal_celex",
            "commission_reference",
            "summary_sv",
            "summary_en",
        ):
            value = getattr(parsed, name)
            if value:
                wanted[name] = value
        for name in ("title_sv", "title_en"):
            # The official titles (EUR-Lex) win; the other sources' titles fill a blank.
            value = getattr(parsed, name)
            if value and (self.source == Source.EURLEX or not getattr(initiative, name)):
                wanted[name] = value
        if parsed.url and not initiative.url:
            wanted["url"] = parsed.url
        if parsed.eurovoc:
            wanted["eurovoc"] = parsed.eurovoc
        if parsed.extra:
            # A source's pages (a search, a full record) each add what they know.
            mine = {**initiative.extra.get(self.source, {}), **parsed.extra}
            wanted["extra"] = {**initiative.extra, self.source: mine}
        stages = [s.stage for s in parsed.stages]
        if stages:
            latest = max([initiative.stage, *stages], key=lambda s: STAGE_ORDER.get(s, -1))
            wanted["stage"] = latest
        changed = model_update(instance=initiative, data=wanted)[1]
        initiative.fetches.add(self.fetch)
        for stage in parsed.stages:
            self.stage(initiative, stage)
        for window in parsed.windows:
            self.window(initiative, window)
        for celex, relation in parsed.acts:
            act = self.related_act(celex)
            _link, made = InitiativeAct.objects.get_or_create(
                initiative=initiative, act=act, relation=relation
            )
            if made:
                self.summary.count("initiative_acts", created=True)
        self.areas(initiative, parsed.areas)
        if created or changed:
            self.summary.count("initiatives", created=created)
        return initiative

    def stage(self, initiative: Initiative, parsed: ParsedStage) -> None:
        event = StageEvent.objects.filter(
            initiative=initiative, stage=parsed.stage, source=self.source
        ).first()
        created = event is None
        if event is None:
            event = StageEvent(initiative=initiative, stage=parsed.stage, source=self.source)
        fields: dict[str, Any] = {"date": parsed.date or event.date}
        if parsed.documents:
            # A search page names no documents; the full record's stay until it says otherwise.
            fields["documents"] = [d.as_dict() for d in parsed.documents]
        if model_update(instance=event, data=fields)[1] or created:
            self.summary.count("stages", created=created)

    def window(self, initiative: Initiative, parsed: ParsedWindow) -> None:
        kind, opens, closes = parsed.kind, parsed.opens, parsed.closes
        windows = FeedbackWindow.objects.filter(initiative=initiative, kind=kind)
        window = None
        if parsed.external_id:
            window = windows.filter(external_id=parsed.external_id).first()
        if window is None and opens is not None:
            # A window seen first in a search page (no id) is the same one the full record
            # later gives with its publication id: they share kind and opening day.
            same_day = windows.filter(opens=opens)
            if parsed.external_id:
                same_day = same_day.filter(external_id="")
            window = same_day.first()
        created = window is None
        if window is None:
            window = FeedbackWindow(initiative=initiative, kind=kind)
        fields: dict[str, Any] = {
            "opens": opens or window.opens,
            "closes": closes or window.closes,
            "url": parsed.url or window.url,
        }
        if parsed.external_id:
            fields["external_id"] = parsed.external_id
        if parsed.status:
            fields["source_status"] = parsed.status
        if model_update(instance=window, data=fields)[1] or created:
            self.summary.count("windows", created=created)

    def areas(self, initiative: Initiative, codes: list[str]) -> None:
        """The areas the source's own subjects point to are added; when the initiative has none
        at all, the engine's reading of its title and summary gives them."""
        if codes:
            initiative.areas.add(*PolicyArea.objects.filter(code__in=codes))
        if initiative.areas.exists():
            return
        title = initiative.title_sv or initiative.title_en
        if not title:
            return
        coding = classify(
            title, f"{title}\n{initiative.summary}".strip(), engine_knowledge().knowledge
        )
        codes = text_areas(coding)
        if codes:
            initiative.areas.set(PolicyArea.objects.filter(code__in=codes))


def _problem(where: str, exc: Exception) -> dict[str, str]:
    if isinstance(exc, ValidationError):
        return Problem(where, "; ".join(exc.messages)).as_dict()
    return Problem(where, str(exc) or exc.__class__.__name__).as_dict()


@transaction.atomic
def eu_sync_payload(
    *, source: str, payload: str, request: str, status: int | None = None
) -> SyncSummary:
    """Store one payload of ``source`` with its provenance and apply its records.

    A payload that cannot be read at all is stored with the reason in its errors and applies
    nothing; a record that cannot be read or saved is listed there and the others are applied.
    """
    if source not in PARSERS:
        raise ValueError(f"unknown source {source!r}")
    summary = SyncSummary(fetches=1)
    fetch = _fetch_record(source=source, request=request, status=status, payload=payload)
    try:
        parsed = PARSERS[source](payload)
    except RECORD_ERRORS as exc:
        # json.JSONDecodeError is a ValueError: one message for every unreadable payload. A
        # parser tripping on a shape it did not expect is kept the same way, with the payload.
        summary.errors.append(_problem("payload", exc))
        parsed = ParseResult()
    summary.errors.extend(p.as_dict() for p in parsed.problems)
    applier = _Applier(source=source, fetch=fetch, summary=summary)
    knowledge = engine_knowledge().knowledge
    for act in parsed.acts:
        try:
            with transaction.atomic():
                applier.act(act)
            summary.records += 1
        except (ValidationError, DatabaseError, *RECORD_ERRORS) as exc:
            summary.errors.append(_problem(f"CELEX {act.celex}", exc))
    for initiative in parsed.initiatives:
        try:
            with transaction.atomic():
                applied = applier.initiative(initiative)
                if applied is not None:
                    # Routing is idempotent: an unchanged initiative keeps its routings as they are.
                    initiative_route(initiative=applied, knowledge=knowledge)
            summary.records += 1
        except (ValidationError, DatabaseError, *RECORD_ERRORS) as exc:
            summary.errors.append(_problem(initiative.where, exc))
    for error in summary.errors:
        logger.warning("%s payload %s: %s: %s", source, fetch.pk, error["where"], error["error"])
    fetch.records = summary.records
    fetch.errors = summary.errors
    fetch.save(update_fields=["records", "errors"])
    return summary


def eu_import_file(*, source: str, path: str, payload: str) -> SyncSummary:
    """Apply a payload read from disk (air-gapped installations); its request is the file."""
    return eu_sync_payload(source=source, payload=payload, request=f"file {path}", status=None)


def _apply(source: str, answers: list[Fetched]) -> SyncSummary:
    summary = SyncSummary()
    for answer in answers:
        summary.merge(
            eu_sync_payload(
                source=source,
                payload=answer.payload,
                request=answer.request,
                status=answer.status,
            )
        )
    return summary


def eu_sync_source(
    *, source: str, since: dt.date | None = None, client: HttpClient | None = None
) -> SyncSummary:
    """Fetch ``source`` since ``since`` (default: the last 30 days) and apply what it gives.

    Raises :class:`SourceError` when the source cannot be reached; nothing is applied then.
    """
    client = client or default_client()
    today = timezone.localdate()
    start = since or today - dt.timedelta(days=30)
    if source == Source.EURLEX:
        answers = cellar.fetch(client, since=start, until=today + dt.timedelta(days=1))
    elif source == Source.HAVE_YOUR_SAY:
        answers = haveyoursay.fetch(client, since=start)
    elif source == Source.EUROPARL:
        # Procedures still moving, and those that moved lately.
        references = list(
            Initiative.objects.exclude(procedure_reference="")
            .filter(~Q(stage=Stage.ADOPTED) | Q(updated_at__date__gte=start))
            .order_by("procedure_reference")
            .values_list("procedure_reference", flat=True)
            .distinct()
        )
        answers = europarl.fetch(client, references=references)
    else:
        raise ValueError(f"unknown source {source!r}")
    return _apply(source, answers)
