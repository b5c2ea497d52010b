"""Events, who takes part, what it cost and what was presented."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.core.documents import StoredDocument, document_fill
from omvarld.core.permissions import AnyUser
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office, ProgrammeGoal

from ..constants import NO_TRIP_KINDS, ParticipantRole
from ..models import (
    Cost,
    Event,
    EventPartner,
    Participation,
    Presentation,
    PresentationDocument,
    ReportDocument,
)
from ..selectors import access, links
from .common import assign, author, deny_unless, remove_files_on_commit

EVENT_FIELDS = frozenset(
    {
        "title",
        "kind",
        "organiser",
        "place",
        "country",
        "starts_on",
        "ends_on",
        "url",
        "description",
        "report_required",
    }
)
EVENT_RELATIONS = frozenset({"areas", "goals", "bodies", "offices"})


def _set_partners(event: Event, partner_ids: Collection[int]) -> None:
    """Link the event to partners of the relations register (which must exist there)."""
    wanted = {int(i) for i in partner_ids}
    unknown = wanted - set(links.partners(wanted))
    if unknown:
        raise ValidationError({"partners": _("There is no partner with this number.")})
    EventPartner.objects.filter(event=event).exclude(partner_id__in=wanted).delete()
    have = set(EventPartner.objects.filter(event=event).values_list("partner_id", flat=True))
    for partner_id in sorted(wanted - have):
        link = EventPartner(event=event, partner_id=partner_id)
        link.full_clean()
        link.save()


def _check_owners(user: AnyUser, bodies: Collection[Body], offices: Collection[Office]) -> None:
    """An event belongs to at least one body or office, and an officer's to one of theirs."""
    if not bodies and not offices:
        raise ValidationError({"bodies": _("Choose at least one body or office.")})
    if permissions.is_coordinator(user):
        return
    own_bodies, own_offices = permissions.member_ids(user)
    if not ({b.pk for b in bodies} & own_bodies or {o.pk for o in offices} & own_offices):
        raise ValidationError({"bodies": _("Choose at least one of your own bodies or offices.")})


def _check_goals(goals: Collection[ProgrammeGoal], event: Event | None = None) -> None:
    """Only active goals are chosen; an event keeps an inactive goal it already served."""
    kept = {g.pk for g in event.goals.all()} if event is not None else set()
    if any(not goal.active and goal.pk not in kept for goal in goals):
        raise ValidationError({"goals": _("A goal no longer in the programme cannot be chosen.")})


def _set_relations(event: Event, relations: Mapping[str, Iterable[Any]]) -> None:
    for name, values in relations.items():
        getattr(event, name).set(list(values))


@transaction.atomic
def event_create(
    *,
    user: AnyUser,
    title: str,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    bodies: Collection[Body] = (),
    offices: Collection[Office] = (),
    areas: Collection[PolicyArea] = (),
    goals: Collection[ProgrammeGoal] = (),
    organiser: str = "",
    place: str = "",
    country: str = "",
    url: str = "",
    description: str = "",
    report_required: bool | None = None,
    partners: Collection[int] = (),
) -> Event:
    """Register an event for bodies and offices; a trip needs a report unless said otherwise."""
    deny_unless(access.can_create_event(user))
    event = Event(
        title=title,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        organiser=organiser,
        place=place,
        country=country,
        url=url,
        description=description,
        report_required=kind not in NO_TRIP_KINDS if report_required is None else report_required,
        created_by=author(user),
    )
    event.full_clean()
    _check_owners(user, bodies, offices)
    _check_goals(goals)
    event.save()
    _set_relations(event, {"bodies": bodies, "offices": offices, "areas": areas, "goals": goals})
    _set_partners(event, partners)
    return event


@transaction.atomic
def event_update(*, event: Event, user: AnyUser, changes: Mapping[str, Any]) -> Event:
    """Change an event; an officer who moves it to other bodies must keep one of their own."""
    deny_unless(access.can_edit_event(user, event))
    changes = dict(changes)
    partners = changes.pop("partners", None)
    fields = {k: v for k, v in changes.items() if k not in EVENT_RELATIONS}
    relations = {k: v for k, v in changes.items() if k in EVENT_RELATIONS}
    assign(event, fields, EVENT_FIELDS)
    event.full_clean()
    if "bodies" in relations or "offices" in relations:
        _check_owners(
            user,
            list(relations.get("bodies", event.bodies.all())),
            list(relations.get("offices", event.offices.all())),
        )
    if "goals" in relations:
        relations["goals"] = list(relations["goals"])
        _check_goals(relations["goals"], event)
    event.save()
    _set_relations(event, relations)
    if partners is not None:
        _set_partners(event, partners)
    return event


@transaction.atomic
def event_delete(*, event: Event, user: AnyUser) -> None:
    """Coordinators remove an event registered by mistake, with everything kept with it."""
    deny_unless(permissions.can_manage(user))
    documents: list[StoredDocument] = list(
        PresentationDocument.objects.filter(presentation__event=event)
    )
    documents += ReportDocument.objects.filter(report__event=event)
    event.delete()
    remove_files_on_commit(documents)


# --- Participations -----------------------------------------------------------------------------


GUEST_FIELDS = frozenset(
    {"guest_name", "guest_organisation", "guest_email", "legal_basis", "retention_until"}
)
PARTICIPATION_FIELDS = GUEST_FIELDS | {"role"}


@transaction.atomic
def participation_add(
    *,
    event: Event,
    user: AnyUser,
    participant: User | None = None,
    role: str = ParticipantRole.PARTICIPANT,
    guest_name: str = "",
    guest_organisation: str = "",
    guest_email: str = "",
    legal_basis: str = "",
    retention_until: dt.date | None = None,
) -> Participation:
    """Add a user, or a named guest with the legal basis and retention date of their data."""
    deny_unless(access.can_edit_event(user, event))
    if participant is not None and (guest_name or guest_organisation or guest_email):
        raise ValidationError({"guest_name": _("Choose either a user or a guest, not both.")})
    if participant is not None:
        if event.participations.filter(user=participant).exists():
            raise ValidationError({"user": _("This user already takes part.")})
        legal_basis, retention_until = "", None
    participation = Participation(
        event=event,
        user=participant,
        role=role,
        guest_name=guest_name.strip(),
        guest_organisation=guest_organisation.strip(),
        guest_email=guest_email.strip(),
        legal_basis=legal_basis,
        retention_until=retention_until,
    )
    participation.full_clean()
    participation.save()
    return participation


@transaction.atomic
def participation_update(
    *, participation: Participation, user: AnyUser, changes: Mapping[str, Any]
) -> Participation:
    deny_unless(access.can_edit_event(user, participation.event))
    if participation.user_id is not None and set(changes) & GUEST_FIELDS:
        raise ValidationError({"guest_name": _("A user's participation has no guest data.")})
    if participation.erased_at and set(changes) & GUEST_FIELDS:
        raise ValidationError({"guest_name": _("The guest's data has been erased.")})
    if assign(participation, changes, PARTICIPATION_FIELDS):
        participation.full_clean()
        participation.save()
    return participation


@transaction.atomic
def participation_remove(*, participation: Participation, user: AnyUser) -> None:
    deny_unless(access.can_edit_event(user, participation.event))
    participation.delete()


@transaction.atomic
def participation_approve(
    *, participation: Participation, user: AnyUser, now: dt.datetime | None = None
) -> Participation:
    """Approve a participation (and so its costs). Nobody approves their own."""
    deny_unless(access.can_edit_event(user, participation.event))
    if participation.user_id is not None and participation.user_id == user.pk:
        raise PermissionDenied(_("Nobody approves their own participation."))
    participation.approved_by = author(user)
    participation.approved_at = now or timezone.now()
    participation.full_clean()
    participation.save(update_fields=["approved_by", "approved_at"])
    return participation


# --- Costs --------------------------------------------------------------------------------------


def _check_cost_body(participation: Participation, body: Body) -> None:
    if body.pk not in participation.event.owner_body_ids():
        raise ValidationError({"body": _("The body paying must be one of the event's bodies.")})


@transaction.atomic
def cost_add(
    *,
    participation: Participation,
    user: AnyUser,
    body: Body,
    kind: str,
    amount: Decimal,
    note: str = "",
) -> Cost:
    """Record what a participation cost one of the event's bodies, in SEK."""
    deny_unless(access.can_edit_event(user, participation.event))
    cost = Cost(participation=participation, body=body, kind=kind, amount=amount, note=note)
    cost.full_clean()
    _check_cost_body(participation, body)
    cost.save()
    return cost


@transaction.atomic
def cost_update(*, cost: Cost, user: AnyUser, changes: Mapping[str, Any]) -> Cost:
    deny_unless(access.can_edit_event(user, cost.participation.event))
    if assign(cost, changes, {"body", "kind", "amount", "note"}):
        cost.full_clean()
        _check_cost_body(cost.participation, cost.body)
        cost.save()
    return cost


@transaction.atomic
def cost_remove(*, cost: Cost, user: AnyUser) -> None:
    deny_unless(access.can_edit_event(user, cost.participation.event))
    cost.delete()


# --- Presentations ------------------------------------------------------------------------------


def _check_presenter(event: Event, participation: Participation | None) -> None:
    if participation is not None and participation.event_id != event.pk:
        raise ValidationError({"participation": _("The presenter takes part in another event.")})


@transaction.atomic
def presentation_create(
    *,
    event: Event,
    user: AnyUser,
    kind: str,
    title: str,
    description: str = "",
    participation: Participation | None = None,
    files: Iterable[File[Any]] = (),
) -> Presentation:
    """Record what the municipality presented, with its files (slides, poster, pictures)."""
    deny_unless(access.can_edit_report(user, event))
    _check_presenter(event, participation)
    presentation = Presentation(
        event=event,
        kind=kind,
        title=title,
        description=description,
        participation=participation,
    )
    presentation.full_clean()
    presentation.save()
    for upload in files:
        presentation_document_add(presentation=presentation, user=user, upload=upload)
    return presentation


@transaction.atomic
def presentation_update(
    *, presentation: Presentation, user: AnyUser, changes: Mapping[str, Any]
) -> Presentation:
    deny_unless(access.can_edit_report(user, presentation.event))
    if assign(presentation, changes, {"kind", "title", "description", "participation"}):
        _check_presenter(presentation.event, presentation.participation)
        presentation.full_clean()
        presentation.save()
    return presentation


@transaction.atomic
def presentation_remove(*, presentation: Presentation, user: AnyUser) -> None:
    deny_unless(access.can_edit_report(user, presentation.event))
    documents = list(presentation.documents.all())
    presentation.delete()
    remove_files_on_commit(documents)


@transaction.atomic
def presentation_document_add(
    *, presentation: Presentation, user: AnyUser, upload: File[Any]
) -> PresentationDocument:
    """Keep a file with a presentation; a refused type or size raises on the ``file`` field."""
    deny_unless(access.can_edit_report(user, presentation.event))
    document = PresentationDocument(presentation=presentation, uploaded_by=author(user))
    try:
        document_fill(document, upload=upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def presentation_document_remove(*, document: PresentationDocument, user: AnyUser) -> None:
    deny_unless(access.can_edit_report(user, document.presentation.event))
    remove_files_on_commit([document])
    document.delete()
