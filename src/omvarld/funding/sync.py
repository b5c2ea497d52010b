"""Calls from the Funding & Tenders portal and from files: each payload is stored with its
provenance, then its calls are upserted, linked to it and matched to bodies.

Upserts are idempotent: the same payload applied twice leaves the same rows (the payload itself is
stored once, found again by its source and SHA-256). A record that cannot be read or saved is
logged with its place in the payload, in ``CallFetch.errors`` and the log, and the others go on.

Files are either a saved answer of the portal's search (JSON) or a table of calls from other
sources (CSV, comma or semicolon, Swedish or English column names; see ``docs/funding.md``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omvarld.core.http_client import HttpClient, default_client
from omvarld.knowledge.models import PolicyArea
from omvarld.knowledge.selectors import engine_knowledge

from . import portal
from .constants import CallSource, Currency
from .models import Call, CallFetch, Programme
from .portal import RECORD_ERRORS, Problem
from .services.calls import call_match, programme_for

__all__ = [
    "CallSyncSummary",
    "calls_import_file",
    "calls_sync_payload",
    "calls_sync_portal",
]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class CallSyncSummary:
    """What one or more payloads did."""

    fetches: int = 0
    records: int = 0
    created: int = 0
    updated: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    def merge(self, other: CallSyncSummary) -> None:
        self.fetches += other.fetches
        self.records += other.records
        self.created += other.created
        self.updated += other.updated
        self.errors.extend(other.errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "fetches": self.fetches,
            "records": self.records,
            "created": self.created,
            "updated": self.updated,
            "errors": list(self.errors),
        }


def _fetch_record(*, source: str, request: str, status: int | None, payload: str) -> CallFetch:
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    existing = CallFetch.objects.filter(source=source, sha256=digest).first()
    if existing is not None:
        return existing
    fetch = CallFetch(source=source, request=request, status=status, payload=payload, sha256=digest)
    fetch.full_clean()
    fetch.save()
    return fetch


def _save(call: Call, fields: dict[str, Any]) -> bool:
    """Set the changed fields and save; True when anything changed."""
    changed = [name for name, value in fields.items() if getattr(call, name) != value]
    for name in changed:
        setattr(call, name, fields[name])
    if changed or call.pk is None:
        call.full_clean()
        call.save()
    return bool(changed)


def _problem(where: str, exc: Exception) -> dict[str, str]:
    if isinstance(exc, ValidationError):
        return Problem(where, "; ".join(exc.messages)).as_dict()
    return Problem(where, str(exc) or exc.__class__.__name__).as_dict()


class _Applier:
    def __init__(self, *, source: str, fetch: CallFetch, summary: CallSyncSummary) -> None:
        self.source = source
        self.fetch = fetch
        self.summary = summary
        self.today = timezone.localdate()
        self.programmes = list(Programme.objects.all())
        self.knowledge = engine_knowledge().knowledge

    def finish(self, call: Call, *, created: bool, changed: bool) -> None:
        call.fetches.add(self.fetch)
        # Matching is idempotent: an unchanged call keeps its matches as they are.
        call_match(call=call, knowledge=self.knowledge)
        self.summary.records += 1
        if created:
            self.summary.created += 1
        elif changed:
            self.summary.updated += 1

    def portal_call(self, parsed: portal.ParsedCall) -> None:
        call = Call.objects.filter(identifier=parsed.identifier).first()
        created = call is None
        if call is None:
            call = Call(identifier=parsed.identifier, source=self.source)
        fields: dict[str, Any] = {
            "title": parsed.title,
            "call_identifier": parsed.call_identifier,
            "call_title": parsed.call_title,
            "description": parsed.description,
            "opens": parsed.opens,
            "deadline": parsed.deadline_on(self.today),
            "deadlines": [d.isoformat() for d in parsed.deadlines],
            "deadline_model": parsed.deadline_model,
            "types_of_action": parsed.types_of_action,
            "keywords": parsed.keywords,
            "url": parsed.url,
            "portal_status": parsed.status,
            "extra": {**call.extra, **parsed.extra},
        }
        if parsed.budget is not None:
            fields["budget"] = parsed.budget
            fields["budget_currency"] = Currency.EUR
        if call.programme_id is None:
            fields["programme"] = programme_for(parsed.identifier, self.programmes)
        changed = _save(call, fields)
        self.finish(call, created=created, changed=changed)

    def table_call(self, row: dict[str, Any]) -> None:
        identifier = row.pop("identifier", "")
        areas = row.pop("areas", [])
        call = None
        if identifier:
            call = Call.objects.filter(identifier=identifier).first()
        else:
            call = Call.objects.filter(
                identifier="", title=row["title"], deadline=row.get("deadline"), source=self.source
            ).first()
        created = call is None
        if call is None:
            call = Call(identifier=identifier, source=self.source)
        if call.programme_id is None and row.get("programme") is None and identifier:
            row["programme"] = programme_for(identifier, self.programmes)
        changed = _save(call, row)
        if set(call.areas.values_list("code", flat=True)) != {a.code for a in areas}:
            call.areas.set(areas)
            changed = True
        self.finish(call, created=created, changed=changed)


@transaction.atomic
def calls_sync_payload(
    *, payload: str, request: str, status: int | None = None, source: str = CallSource.PORTAL
) -> CallSyncSummary:
    """Store one answer of the portal's search with its provenance and apply its calls.

    A payload that cannot be read at all is stored with the reason in its errors and applies
    nothing; a record that cannot be read or saved is listed there and the others are applied.
    """
    summary = CallSyncSummary(fetches=1)
    fetch = _fetch_record(source=source, request=request, status=status, payload=payload)
    try:
        parsed = portal.parse(payload)
    except RECORD_ERRORS as exc:
        summary.errors.append(_problem("payload", exc))
        parsed = portal.PortalResult()
    summary.errors.extend(p.as_dict() for p in parsed.problems)
    applier = _Applier(source=source, fetch=fetch, summary=summary)
    for call in parsed.calls:
        try:
            with transaction.atomic():
                applier.portal_call(call)
        except (ValidationError, DatabaseError, *RECORD_ERRORS) as exc:
            summary.errors.append(_problem(call.where, exc))
    return _done(fetch, summary, request)


def _done(fetch: CallFetch, summary: CallSyncSummary, request: str) -> CallSyncSummary:
    for error in summary.errors:
        logger.warning(
            "calls from %s (fetch %s): %s: %s", request, fetch.pk, error["where"], error["error"]
        )
    fetch.records = summary.records
    fetch.errors = summary.errors
    fetch.save(update_fields=["records", "errors"])
    return summary


def calls_sync_portal(*, client: HttpClient | None = None) -> CallSyncSummary:
    """Fetch the portal's open and forthcoming calls and apply them, page by page.

    Raises :class:`~omvarld.core.http_client.SourceError` when the portal cannot be
    reached; nothing is applied then.
    """
    answers = portal.fetch(client or default_client())
    summary = CallSyncSummary()
    for answer in answers:
        summary.merge(
            calls_sync_payload(payload=answer.payload, request=answer.request, status=answer.status)
        )
    return summary


# --- Files -------------------------------------------------------------------------------------

#: Column names of a call table, Swedish and English, to the call's fields.
COLUMNS = {
    "titel": "title",
    "title": "title",
    "svensk titel": "title_sv",
    "title_sv": "title_sv",
    "id": "identifier",
    "identifier": "identifier",
    "program": "programme",
    "programme": "programme",
    "öppnar": "opens",
    "opens": "opens",
    "sista dag": "deadline",
    "deadline": "deadline",
    "budget": "budget",
    "valuta": "budget_currency",
    "currency": "budget_currency",
    "områden": "areas",
    "areas": "areas",
    "länk": "url",
    "url": "url",
    "beskrivning": "description",
    "description": "description",
}


def _date(value: str, column: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            _("%(column)s: %(value)s is not a date (YYYY-MM-DD)")
            % {"column": column, "value": value}
        ) from None


def _title(raw: dict[str, str]) -> str:
    for column, value in raw.items():
        if COLUMNS.get((column or "").strip().lower()) == "title" and value:
            return value.strip()
    return ""


def _row(
    raw: dict[str, str], programmes: dict[str, Programme], areas: dict[str, PolicyArea]
) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column, value in raw.items():
        name = COLUMNS.get((column or "").strip().lower())
        if name:
            row[name] = (value or "").strip()
    if not row.get("title"):
        raise ValueError(_("the title is missing"))
    programme = row.pop("programme", "")
    if programme:
        found = programmes.get(programme.lower())
        if found is None:
            raise ValueError(
                _("the programme %(name)s is not in the programme list") % {"name": programme}
            )
        row["programme"] = found
    codes = [c for c in row.pop("areas", "").replace(",", " ").replace("|", " ").split() if c]
    unknown = [c for c in codes if c not in areas]
    if unknown:
        raise ValueError(_("unknown areas: %(codes)s") % {"codes": ", ".join(unknown)})
    row["areas"] = [areas[c] for c in codes]
    row["opens"] = _date(row.get("opens", ""), _("opens"))
    row["deadline"] = _date(row.get("deadline", ""), _("deadline"))
    budget = row.pop("budget", "").replace(" ", "").replace(",", ".")
    if budget:
        try:
            row["budget"] = Decimal(budget)
        except InvalidOperation:
            raise ValueError(
                _("the budget %(value)s is not an amount") % {"value": budget}
            ) from None
    currency = row.pop("budget_currency", "").upper()
    if currency:
        row["budget_currency"] = currency
    return row


@transaction.atomic
def _import_table(*, payload: str, request: str) -> CallSyncSummary:
    summary = CallSyncSummary(fetches=1)
    fetch = _fetch_record(source=CallSource.FILE, request=request, status=None, payload=payload)
    programmes = {}
    for programme in Programme.objects.all():
        programmes[programme.code.lower()] = programme
        programmes[programme.name_sv.lower()] = programme
    areas = {a.code: a for a in PolicyArea.objects.all()}
    try:
        dialect = csv.Sniffer().sniff(payload[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    applier = _Applier(source=CallSource.FILE, fetch=fetch, summary=summary)
    reader = csv.DictReader(io.StringIO(payload), dialect=dialect)
    for line, raw in enumerate(reader, start=2):
        where = _("row %(line)s") % {"line": line}
        title = _title(raw)
        if title:
            where = f"{where} ({title[:60]})"
        try:
            with transaction.atomic():
                applier.table_call(_row(raw, programmes, areas))
        except (ValidationError, DatabaseError, *RECORD_ERRORS) as exc:
            summary.errors.append(_problem(where, exc))
    return _done(fetch, summary, request)


def calls_import_file(*, name: str, payload: str) -> CallSyncSummary:
    """Apply a file: a saved answer of the portal's search (JSON) or a table of calls (CSV).

    Its request is the file, so the calls it brought can be traced back to it.
    """
    request = f"file {name}"
    if payload.lstrip().startswith(("{", "[")):
        return calls_sync_payload(payload=payload, request=request, source=CallSource.FILE)
    return _import_table(payload=payload, request=request)
