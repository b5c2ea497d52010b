"""Writes on EU monitoring: routing initiatives to bodies, assessments, status, influence actions.

Every function is atomic and checks the permission layer itself, so the pages, the API and the
admin site share one rule: officers of the body and coordinators write, nobody else. A refused
write raises ``PermissionDenied``; invalid data raises ``ValidationError`` with Swedish messages.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.core.permissions import AnyUser
from omvarld.euimpact.knowledge import Knowledge
from omvarld.knowledge.models import PolicyArea
from omvarld.knowledge.selectors import engine_knowledge
from omvarld.organisation.models import Body

from ..constants import InboxStatus
from ..models import Assessment, FeedbackWindow, InfluenceAction, Initiative, Routing
from ..routing import (
    WEIGHT_AREA,
    BodyAreas,
    Signal,
    eurovoc_map,
    eurovoc_signals,
    suggest,
    text_signals,
)

MANUAL_REASON = "Tillagd för hand av en samordnare."
#: The largest document an influence action may keep.
MAX_DOCUMENT_BYTES = 20 * 2**20


def _author(user: AnyUser) -> User | None:
    return user if isinstance(user, User) else None


def _manual_reasons(routing: Routing) -> list[dict[str, str]]:
    """The reason a coordinator's hand gave the routing: kept through every re-routing and status
    change, until a coordinator removes the routing (:func:`routing_remove`)."""
    return [r for r in routing.reasons if r.get("source") == "manual"]


def _manual_reason() -> dict[str, str]:
    return {"source": "manual", "area": "", "text": MANUAL_REASON}


def routing_may_reopen(*, routing: Routing, user: AnyUser) -> bool:
    """Whether the user may bring the routing back to work: a routing a coordinator removed only
    a coordinator brings back (by assessing it or by changing its status)."""
    return not routing.removed or permissions.can_manage(user)


def _check_not_removed(routing: Routing, user: AnyUser) -> None:
    if not routing_may_reopen(routing=routing, user=user):
        raise PermissionDenied


def _has_assessment(routing: Routing) -> bool:
    return Assessment.objects.filter(routing=routing).exists()


def _save_if_changed(routing: Routing, score: float, reasons: list[dict[str, str]]) -> None:
    # Saving only on a change keeps a second run from touching rows or writing history.
    if routing.score != score or routing.reasons != reasons:
        routing.score, routing.reasons = score, reasons
        routing.save(update_fields=["score", "reasons", "updated_at"])


@transaction.atomic
def initiative_route(
    *, initiative: Initiative, knowledge: Knowledge | None = None
) -> list[Routing]:
    """Suggest the active bodies the initiative concerns; idempotent.

    A suggested body gets a routing (status new) or has its score and reasons updated; its status,
    assessment and actions are never reset. A body no longer suggested loses its routing only if
    nobody worked on it (suggested, new, not assessed); otherwise its score drops to zero. Bodies
    a coordinator removed stay removed, and bodies a coordinator added stay.
    """
    knowledge = knowledge or engine_knowledge().knowledge
    signals = [Signal(area.code, WEIGHT_AREA, "area", "") for area in initiative.areas.all()]
    subjects = initiative.eurovoc if isinstance(initiative.eurovoc, list) else []
    signals += eurovoc_signals(subjects, eurovoc_map())
    title = initiative.title_sv or initiative.title_en
    signals += text_signals(title, f"{title}\n\n{initiative.summary}".strip(), knowledge)
    bodies = [
        BodyAreas(body.pk, frozenset(area.code for area in body.areas.all()))
        for body in Body.objects.active_on().prefetch_related("areas")
    ]
    labels = dict(PolicyArea.objects.values_list("code", "label_sv"))
    existing = {r.body_id: r for r in Routing.objects.filter(initiative=initiative)}
    routed = []
    for suggestion in suggest(signals=signals, bodies=bodies, labels=labels):
        routing = existing.pop(suggestion.body_id, None)
        if routing is None:
            routing = Routing(
                initiative=initiative,
                body_id=suggestion.body_id,
                score=suggestion.score,
                reasons=suggestion.reasons,
            )
            routing.full_clean()
            routing.save()
        else:
            _save_if_changed(
                routing, suggestion.score, _manual_reasons(routing) + suggestion.reasons
            )
        routed.append(routing)
    for routing in existing.values():
        if routing.suggested and routing.status == InboxStatus.NEW and not _has_assessment(routing):
            routing.delete()
        else:
            _save_if_changed(routing, 0.0, _manual_reasons(routing))
            routed.append(routing)
    return routed


@transaction.atomic
def routing_add(*, initiative: Initiative, body: Body, user: AnyUser) -> Routing:
    """A coordinator puts an initiative in a body's inbox by hand (or back after a removal)."""
    if not permissions.can_manage(user):
        raise PermissionDenied
    routing = Routing.objects.filter(initiative=initiative, body=body).first()
    if routing is None:
        routing = Routing(
            initiative=initiative, body=body, suggested=False, reasons=[_manual_reason()]
        )
        routing.full_clean()
        routing.save()
        return routing
    if routing.status == InboxStatus.CLOSED:
        routing.status = InboxStatus.ASSESSED if _has_assessment(routing) else InboxStatus.NEW
        routing.suggested = False
        routing.removed = False
        routing.reasons = [_manual_reason()] + [
            r for r in routing.reasons if r.get("source") != "manual"
        ]
        routing.save()
    return routing


@transaction.atomic
def routing_remove(*, routing: Routing, user: AnyUser) -> Routing:
    """A coordinator takes an initiative out of a body's inbox; re-routing will not bring it
    back. An initiative the body already assessed is closed instead, and its assessment kept."""
    if not permissions.can_manage(user):
        raise PermissionDenied
    routing.suggested = False
    routing.removed = True
    routing.status = InboxStatus.CLOSED
    routing.reasons = [r for r in routing.reasons if r.get("source") != "manual"]
    routing.save()
    return routing


@transaction.atomic
def assessment_save(
    *,
    routing: Routing,
    user: AnyUser,
    relevance: str,
    expected_impact: str = "",
    responsible: User | None = None,
    proposed_action: str = "",
) -> Assessment:
    """Create or update the body's assessment of the initiative; a new routing becomes assessed.

    The responsible officer must be a member of the body.
    """
    if not permissions.can_edit(user, routing):
        raise PermissionDenied
    _check_not_removed(routing, user)
    if responsible is not None and not routing.body.members.filter(pk=responsible.pk).exists():
        raise ValidationError(
            {
                "responsible": _("The responsible officer must be a member of %(body)s.")
                % {"body": routing.body.name}
            }
        )
    assessment = Assessment.objects.filter(routing=routing).first() or Assessment(routing=routing)
    assessment.relevance = relevance
    assessment.expected_impact = expected_impact
    assessment.responsible = responsible
    assessment.proposed_action = proposed_action
    assessment.assessed_by = _author(user)
    assessment.full_clean()
    assessment.save()
    if routing.status == InboxStatus.NEW:
        routing.status = InboxStatus.ASSESSED
        routing.save(update_fields=["status", "updated_at"])
    return assessment


@transaction.atomic
def routing_set_status(*, routing: Routing, user: AnyUser, status: str) -> Routing:
    """Move an initiative in a body's inbox: new and assessed follow from whether an assessment
    exists; acting needs one; closing is always possible and reopening too, except that only a
    coordinator reopens a routing a coordinator removed."""
    if not permissions.can_edit(user, routing):
        raise PermissionDenied
    if status != InboxStatus.CLOSED:
        _check_not_removed(routing, user)
    assessed = _has_assessment(routing)
    if status in (InboxStatus.ASSESSED, InboxStatus.ACTING) and not assessed:
        raise ValidationError({"status": _("Assess the initiative first.")})
    if status == InboxStatus.NEW and assessed:
        raise ValidationError({"status": _("An assessed initiative cannot be new again.")})
    routing.status = InboxStatus(status)
    if status != InboxStatus.CLOSED:
        # Brought back to work (by a coordinator, if it was removed).
        routing.removed = False
    routing.full_clean()
    routing.save(update_fields=["status", "removed", "updated_at"])
    return routing


def _check_document(document: File[Any] | None) -> None:
    """Refuse a new document over the limit (pages and API alike); a stored one is kept as is."""
    if not document or isinstance(document, FieldFile):
        return
    if document.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"document": _("The file is too large (at most 20 MB).")})


def _own_folder(document: File[Any]) -> File[Any]:
    """The upload under a folder of its own, so it keeps its file name in the storage (and as a
    download) instead of getting a random suffix when another document has the same name."""
    if isinstance(document, FieldFile):
        return document
    name = posixpath.basename(document.name or "") or "dokument"
    return File(document, name=posixpath.join(secrets.token_hex(6), name))


def _check_window(initiative: Initiative, window: FeedbackWindow | None) -> None:
    if window is not None and window.initiative_id != initiative.pk:
        raise ValidationError({"window": _("The feedback window belongs to another initiative.")})


@transaction.atomic
def action_create(
    *,
    initiative: Initiative,
    user: AnyUser,
    body: Body | None,
    date: dt.date,
    channel: str,
    description: str,
    stance: str = "",
    document: File[Any] | None = None,
    document_url: str = "",
    outcome: str = "",
    window: FeedbackWindow | None = None,
) -> InfluenceAction:
    """Record an influence action on behalf of a body (coordinators may leave the body out).

    An assessed initiative in that body's inbox moves on to acting.
    """
    action = InfluenceAction(
        initiative=initiative,
        body=body,
        date=date,
        channel=channel,
        description=description,
        stance=stance,
        document_url=document_url,
        outcome=outcome,
        window=window,
        created_by=_author(user),
    )
    if not permissions.can_edit(user, action):
        raise PermissionDenied
    _check_window(initiative, window)
    _check_document(document)
    if document:
        action.document = _own_folder(document)
    action.full_clean()
    action.save()
    if body is not None:
        Routing.objects.filter(
            initiative=initiative, body=body, status=InboxStatus.ASSESSED
        ).update(status=InboxStatus.ACTING)
    return action


#: What may change on a recorded action (the initiative and the recorder stay).
ACTION_FIELDS = frozenset(
    {
        "body",
        "date",
        "channel",
        "description",
        "stance",
        "document",
        "document_url",
        "outcome",
        "window",
    }
)


@transaction.atomic
def action_update(
    *, action: InfluenceAction, user: AnyUser, changes: Mapping[str, Any]
) -> InfluenceAction:
    """Change a recorded action; moving it to another body needs the right to edit for both."""
    unknown = set(changes) - ACTION_FIELDS
    if unknown:
        raise ValueError(f"fields that cannot change: {sorted(unknown)}")
    if not permissions.can_edit(user, action):
        raise PermissionDenied
    for name, value in changes.items():
        setattr(action, name, value)
    if not permissions.can_edit(user, action):
        raise PermissionDenied
    _check_window(action.initiative, action.window)
    if "document" in changes:
        _check_document(changes["document"])
        if changes["document"]:
            action.document = _own_folder(changes["document"])
    action.full_clean()
    action.save()
    return action
