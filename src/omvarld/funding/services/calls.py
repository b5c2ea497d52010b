"""Writes on calls: entered by hand, matched to bodies, judged in a body's inbox.

Every function checks the permission layer itself, so pages, API and admin share one rule:
coordinators enter and match calls; officers of a body and coordinators judge it in the body's
inbox. A refused write raises ``PermissionDenied``; invalid data ``ValidationError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from omvarld.core import permissions
from omvarld.core.permissions import AnyUser
from omvarld.euimpact.knowledge import Knowledge
from omvarld.knowledge.models import PolicyArea
from omvarld.knowledge.selectors import engine_knowledge
from omvarld.organisation.matching import BodyAreas
from omvarld.organisation.models import Body

from ..constants import CallSource, MatchStatus
from ..matching import CallText, call_signals, suggest
from ..models import Call, CallMatch, Programme

MANUAL_REASON = "Tillagd för hand av en samordnare."

#: What may be set on a call entered by hand (the portal's own fields come from the portal).
CALL_FIELDS = frozenset(
    {
        "title",
        "title_sv",
        "identifier",
        "call_identifier",
        "call_title",
        "description",
        "programme",
        "opens",
        "deadline",
        "budget",
        "budget_currency",
        "url",
    }
)


def programme_for(
    identifier: str, programmes: Iterable[Programme] | None = None
) -> Programme | None:
    """The programme whose portal prefix starts the topic identifier (CERV-2025-... is CERV)."""
    prefix = identifier.split("-", 1)[0].upper()
    if not prefix:
        return None
    for programme in programmes if programmes is not None else Programme.objects.all():
        if prefix in programme.portal_prefixes:
            return programme
    return None


def call_matchable(call: Call) -> bool:
    """Only calls the municipality can use reach a body's inbox: a programme of the programme
    file, areas a coordinator set, or a call entered from another source."""
    return call.programme_id is not None or call.source != CallSource.PORTAL or call.areas.exists()


def _save_if_changed(match: CallMatch, score: float, reasons: list[dict[str, str]]) -> None:
    if match.score != score or match.reasons != reasons:
        match.score, match.reasons = score, reasons
        match.save(update_fields=["score", "reasons", "updated_at"])


def _manual(match: CallMatch) -> list[dict[str, str]]:
    return [] if match.suggested else [{"source": "manual", "area": "", "text": MANUAL_REASON}]


@transaction.atomic
def call_match(*, call: Call, knowledge: Knowledge | None = None) -> list[CallMatch]:
    """Suggest the active bodies the call concerns; idempotent.

    A suggested body gets a match (status new) or has its score and reasons updated; its status
    is never reset. A body no longer suggested loses its match only if nobody judged it yet (new,
    suggested); otherwise its score drops to zero. Bodies a coordinator added stay.
    """
    signals = []
    if call_matchable(call):
        programme = call.programme
        text = CallText(
            title=call.title,
            title_sv=call.title_sv,
            description=call.description,
            swedish=call.source != CallSource.PORTAL,
            keywords=tuple(str(k) for k in call.keywords if isinstance(k, str)),
            areas=tuple(call.areas.values_list("code", flat=True)),
            programme=programme.name_sv if programme else "",
            programme_areas=tuple(programme.areas.values_list("code", flat=True))
            if programme
            else (),
        )
        signals = call_signals(text, knowledge or engine_knowledge().knowledge)
    bodies = [
        BodyAreas(body.pk, frozenset(area.code for area in body.areas.all()))
        for body in Body.objects.active_on().prefetch_related("areas")
    ]
    labels = dict(PolicyArea.objects.values_list("code", "label_sv"))
    existing = {m.body_id: m for m in CallMatch.objects.filter(call=call)}
    matched = []
    for suggestion in suggest(signals=signals, bodies=bodies, labels=labels):
        match = existing.pop(suggestion.body_id, None)
        if match is None:
            match = CallMatch(
                call=call,
                body_id=suggestion.body_id,
                score=suggestion.score,
                reasons=suggestion.reasons,
            )
            match.full_clean()
            match.save()
        else:
            _save_if_changed(match, suggestion.score, _manual(match) + suggestion.reasons)
        matched.append(match)
    for match in existing.values():
        if match.suggested and match.status == MatchStatus.NEW:
            match.delete()
        else:
            _save_if_changed(match, 0.0, _manual(match))
            matched.append(match)
    return matched


def _areas(codes: Iterable[str]) -> list[PolicyArea]:
    codes = list(codes)
    found = list(PolicyArea.objects.filter(code__in=codes))
    if len(found) != len(set(codes)):
        raise ValidationError({"areas": _("Choose areas of the list.")})
    return found


@transaction.atomic
def call_create(
    *, user: AnyUser, areas: Iterable[str] = (), source: str = CallSource.MANUAL, **fields: Any
) -> Call:
    """A coordinator enters a call found elsewhere (a Swedish agency, a network); it is matched
    to bodies at once."""
    if not permissions.can_manage(user):
        raise PermissionDenied
    unknown = set(fields) - CALL_FIELDS
    if unknown:
        raise ValueError(f"fields that cannot be set: {sorted(unknown)}")
    call = Call(source=source, **fields)
    if call.identifier and call.programme is None:
        call.programme = programme_for(call.identifier)
    call.full_clean()
    call.save()
    call.areas.set(_areas(areas))
    call_match(call=call)
    return call


@transaction.atomic
def call_update(
    *, call: Call, user: AnyUser, changes: Mapping[str, Any], areas: Iterable[str] | None = None
) -> Call:
    """A coordinator corrects a call or sets its areas; it is matched again."""
    if not permissions.can_manage(user):
        raise PermissionDenied
    unknown = set(changes) - CALL_FIELDS
    if unknown:
        raise ValueError(f"fields that cannot change: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(call, name, value)
    call.full_clean()
    call.save()
    if areas is not None:
        call.areas.set(_areas(areas))
    call_match(call=call)
    return call


@transaction.atomic
def match_set_status(*, match: CallMatch, user: AnyUser, status: str) -> CallMatch:
    """An officer of the body (or a coordinator) judges a call in the body's inbox."""
    if not permissions.can_edit(user, match):
        raise PermissionDenied
    match.status = MatchStatus(status)
    match.full_clean()
    match.save(update_fields=["status", "updated_at"])
    return match


@transaction.atomic
def match_add(*, call: Call, body: Body, user: AnyUser) -> CallMatch:
    """A coordinator puts a call in a body's inbox by hand; matching again keeps it there."""
    if not permissions.can_manage(user):
        raise PermissionDenied
    match = CallMatch.objects.filter(call=call, body=body).first()
    if match is None:
        match = CallMatch(call=call, body=body, suggested=False)
    else:
        match.suggested = False
        if match.status == MatchStatus.NOT_RELEVANT:
            match.status = MatchStatus.NEW
    match.reasons = _manual(match) + [r for r in match.reasons if r.get("source") != "manual"]
    match.full_clean()
    match.save()
    return match
