"""Trip reports with their lessons, ideas and documents, and the follow-up actions they lead to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.core.documents import document_fill
from omvarld.core.permissions import AnyUser
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office

from ..constants import CLOSED_ACTION_STATUSES, ActionStatus, ReportStatus
from ..models import (
    Event,
    FollowUpAction,
    Idea,
    Lesson,
    ReportContact,
    ReportDocument,
    TripReport,
)
from ..selectors import access, links
from .common import assign, author, deny_unless, remove_files_on_commit

REPORT_FIELDS = frozenset({"purpose", "summary", "contacts"})


def _check_happened(event: Event, today: dt.date) -> None:
    if event.starts_on > today:
        raise ValidationError(
            {
                "event": _("The trip has not happened yet: a report can be written from %(date)s.")
                % {"date": date_format(event.starts_on, "Y-m-d")}
            }
        )


@transaction.atomic
def report_start(
    *, event: Event, user: AnyUser, today: dt.date | None = None, **fields: str
) -> TripReport:
    """Begin the trip report of an event that has happened (a draft); return it if it exists."""
    deny_unless(access.can_edit_report(user, event))
    _check_happened(event, today or timezone.localdate())
    report = TripReport.objects.filter(event=event).first()
    if report is not None:
        return report_update(report=report, user=user, changes=fields)
    report = TripReport(event=event)
    assign(report, fields, REPORT_FIELDS)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_update(*, report: TripReport, user: AnyUser, changes: Mapping[str, Any]) -> TripReport:
    """Change a report. A submitted report stays submitted; its history keeps every version."""
    deny_unless(access.can_edit_report(user, report.event))
    if assign(report, changes, REPORT_FIELDS):
        report.full_clean()
        report.save()
    return report


@transaction.atomic
def report_submit(
    *, report: TripReport, user: AnyUser, now: dt.datetime | None = None
) -> TripReport:
    """Submit the report to the body: it needs a purpose and what was learned."""
    deny_unless(access.can_edit_report(user, report.event))
    now = now or timezone.now()
    _check_happened(report.event, timezone.localdate(now))
    errors = {}
    if not report.purpose.strip():
        errors["purpose"] = _("Say why you went before submitting.")
    if not report.summary.strip():
        errors["summary"] = _("Say what you learned before submitting.")
    if errors:
        raise ValidationError(errors)
    if report.is_submitted:
        return report
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = now
    report.submitted_by = author(user)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def lesson_add(
    *, report: TripReport, user: AnyUser, text: str, area: PolicyArea | None = None
) -> Lesson:
    deny_unless(access.can_edit_report(user, report.event))
    lesson = Lesson(report=report, text=text.strip(), area=area)
    lesson.full_clean()
    lesson.save()
    return lesson


@transaction.atomic
def lesson_update(*, lesson: Lesson, user: AnyUser, changes: Mapping[str, Any]) -> Lesson:
    deny_unless(access.can_edit_report(user, lesson.report.event))
    if assign(lesson, changes, {"text", "area"}):
        lesson.full_clean()
        lesson.save()
    return lesson


@transaction.atomic
def lesson_remove(*, lesson: Lesson, user: AnyUser) -> None:
    deny_unless(access.can_edit_report(user, lesson.report.event))
    lesson.delete()


@transaction.atomic
def idea_add(
    *,
    report: TripReport,
    user: AnyUser,
    title: str,
    text: str = "",
    area: PolicyArea | None = None,
) -> Idea:
    deny_unless(access.can_edit_report(user, report.event))
    idea = Idea(report=report, title=title.strip(), text=text.strip(), area=area)
    idea.full_clean()
    idea.save()
    return idea


@transaction.atomic
def idea_update(*, idea: Idea, user: AnyUser, changes: Mapping[str, Any]) -> Idea:
    deny_unless(access.can_edit_report(user, idea.report.event))
    if assign(idea, changes, {"title", "text", "area"}):
        idea.full_clean()
        idea.save()
    return idea


@transaction.atomic
def idea_remove(*, idea: Idea, user: AnyUser) -> None:
    deny_unless(access.can_edit_report(user, idea.report.event))
    idea.delete()


@transaction.atomic
def report_document_add(
    *, report: TripReport, user: AnyUser, upload: File[Any], caption: str = ""
) -> ReportDocument:
    """Keep a document or picture with the report; a refused file raises on ``file``."""
    deny_unless(access.can_edit_report(user, report.event))
    document = ReportDocument(report=report, caption=caption.strip(), uploaded_by=author(user))
    try:
        document_fill(document, upload=upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def report_document_remove(*, document: ReportDocument, user: AnyUser) -> None:
    deny_unless(access.can_edit_report(user, document.report.event))
    remove_files_on_commit([document])
    document.delete()


@transaction.atomic
def report_contact_add(
    *,
    report: TripReport,
    user: AnyUser,
    partner_id: int,
    name: str,
    retention_until: dt.date,
    role: str = "",
    email: str = "",
    legal_basis: str = "",
) -> ReportContact:
    """Register a contact made on the trip in the relations register, at one of its partners.

    Those who write the report may start it; the register's own rule then applies (coordinators
    and the officers of the partner's bodies and offices add contacts), and its legal basis,
    purpose and retention date go with the person's details there.
    """
    deny_unless(access.can_edit_report(user, report.event))
    if not links.partners_available():
        raise ValidationError({"partner_id": _("The relations register is not installed.")})
    if partner_id not in links.partners([partner_id]):
        raise ValidationError({"partner_id": _("There is no partner with this number.")})
    from omvarld.relations.services import activities

    extra = {"legal_basis": legal_basis} if legal_basis else {}
    contact_id = activities.contact_create_for(
        user=user,
        partner_id=partner_id,
        name=name,
        role=role,
        email=email,
        retention_until=retention_until,
        purpose=_("Contact made on the trip: %(event)s") % {"event": report.event.title},
        **extra,
    )
    link = ReportContact(
        report=report, partner_id=partner_id, contact_id=contact_id, created_by=author(user)
    )
    link.full_clean()
    link.save()
    return link


# --- Follow-up actions --------------------------------------------------------------------------

ACTION_FIELDS = frozenset(
    {
        "title",
        "description",
        "owner",
        "body",
        "office",
        "due_on",
        "status",
        "outcome",
        "agenda_item_id",
        "eu_initiative_id",
        "partner_id",
    }
)


def _check_action(action: FollowUpAction) -> None:
    errors: dict[str, str] = {}
    if action.status in CLOSED_ACTION_STATUSES and not action.outcome.strip():
        errors["outcome"] = _("Say what came of it when the action is done or dropped.")
    if not action.owner.is_active:
        errors["owner"] = _("The owner must be an active user.")
    if action.agenda_item_id and action.agenda_item_id not in links.agenda_items(
        [action.agenda_item_id]
    ):
        errors["agenda_item_id"] = _("There is no agenda item with this number.")
    if action.eu_initiative_id and action.eu_initiative_id not in links.initiatives(
        [action.eu_initiative_id]
    ):
        errors["eu_initiative_id"] = _("There is no EU initiative with this number.")
    if action.partner_id and action.partner_id not in links.partners([action.partner_id]):
        errors["partner_id"] = _("There is no partner with this number.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_create(
    *,
    event: Event,
    user: AnyUser,
    title: str,
    owner: User,
    due_on: dt.date,
    body: Body | None = None,
    office: Office | None = None,
    description: str = "",
    idea: Idea | None = None,
    lesson: Lesson | None = None,
    status: str = ActionStatus.PROPOSED,
    outcome: str = "",
    agenda_item_id: int | None = None,
    eu_initiative_id: int | None = None,
    partner_id: int | None = None,
) -> FollowUpAction:
    """Turn an idea or a lesson of the event's report into a follow-up action with an owner.

    Those who write the report, and the officers of the body or office that takes it on, may.
    """
    action = FollowUpAction(
        event=event,
        idea=idea,
        lesson=lesson,
        title=title.strip(),
        description=description.strip(),
        owner=owner,
        body=body,
        office=office,
        due_on=due_on,
        status=status,
        outcome=outcome,
        agenda_item_id=agenda_item_id,
        eu_initiative_id=eu_initiative_id,
        partner_id=partner_id,
        created_by=author(user),
    )
    deny_unless(access.can_edit_report(user, event) or permissions.can_edit(user, action))
    for source in (idea, lesson):
        if source is not None and source.report.event_id != event.pk:
            raise ValidationError({"title": _("The idea or lesson belongs to another trip.")})
    action.full_clean()
    _check_action(action)
    action.save()
    return action


@transaction.atomic
def action_update(
    *, action: FollowUpAction, user: AnyUser, changes: Mapping[str, Any]
) -> FollowUpAction:
    """Change an action: its owner and the officers of its body or office may; moving it to
    another body or office needs the right to edit there too (or to be its owner)."""
    deny_unless(access.can_edit_action(user, action))
    if assign(action, changes, ACTION_FIELDS):
        deny_unless(access.can_edit_action(user, action))
        action.full_clean()
        _check_action(action)
        action.save()
    return action


@transaction.atomic
def action_remove(*, action: FollowUpAction, user: AnyUser) -> None:
    deny_unless(permissions.can_manage(user) or permissions.can_edit(user, action))
    action.delete()
