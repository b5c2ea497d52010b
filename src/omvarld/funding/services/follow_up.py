"""Writes on what follows a project: partners, reporting periods, payment claims, results,
documents and the agenda items about it. Whoever may edit the project may edit these."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import models, transaction
from django.utils.translation import gettext as _

from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.core.documents import DEFAULT_KINDS, DocumentKind, document_fill, document_remove_file
from omvarld.core.permissions import AnyUser

from .. import relations
from ..models import (
    PaymentClaim,
    Project,
    ProjectDocument,
    ProjectItemLink,
    ProjectPartner,
    ProjectResult,
    ReportingPeriod,
)

_R = TypeVar("_R", bound=models.Model)

#: What each kind of record may have set through the pages and the API.
FIELDS: dict[type[models.Model], frozenset[str]] = {
    ProjectPartner: frozenset({"name", "country", "relations_partner_id", "role", "budget_share"}),
    ReportingPeriod: frozenset({"starts", "ends", "report_due", "submitted_on", "note"}),
    PaymentClaim: frozenset(
        {
            "period",
            "due",
            "currency",
            "amount_claimed",
            "submitted_on",
            "amount_received",
            "received_on",
        }
    ),
    ProjectResult: frozenset({"date", "description", "quantity", "unit"}),
}
#: Budgets and reports are kept as text documents, spreadsheets and pictures.
DOCUMENT_KINDS = (*DEFAULT_KINDS, DocumentKind.XLSX)


def _check(user: AnyUser, project: Project) -> None:
    if not permissions.can_edit(user, project):
        raise PermissionDenied


def _check_shares(partner: ProjectPartner) -> None:
    """The partners' shares, the EU grant and the own co-financing cannot exceed the total."""
    project = partner.project
    if project.total_budget is None or partner.budget_share is None:
        return
    others = (
        ProjectPartner.objects.filter(project=project)
        .exclude(pk=partner.pk)
        .aggregate(total=models.Sum("budget_share"))["total"]
    ) or Decimal(0)
    grant = (
        project.eu_grant_awarded
        if project.eu_grant_awarded is not None
        else project.eu_grant_applied
    )
    if (
        partner.budget_share + others + (grant or 0) + (project.own_cofinancing or 0)
        > project.total_budget
    ):
        raise ValidationError(
            {
                "budget_share": _(
                    "The partners' shares, the EU grant and the own co-financing together exceed "
                    "the total budget."
                )
            }
        )


@transaction.atomic
def record_save(
    *, model: type[_R], project: Project, user: AnyUser, instance: _R | None = None, **fields: Any
) -> _R:
    """Create (``instance`` None) or change a partner, reporting period, payment claim or result
    of the project."""
    _check(user, project)
    unknown = set(fields) - FIELDS[model]
    if unknown:
        raise ValueError(f"fields that cannot be set: {sorted(unknown)}")
    record = instance if instance is not None else model(project=project)
    if getattr(record, "project_id", None) != project.pk:
        raise PermissionDenied
    for name, value in fields.items():
        setattr(record, name, value)
    if isinstance(record, ProjectPartner) and record.relations_partner_id is not None:
        _link_partner(record)
    record.full_clean()
    if isinstance(record, ProjectPartner):
        _check_shares(record)
    record.save()
    return record


@transaction.atomic
def record_delete(*, record: models.Model, user: AnyUser) -> None:
    """Remove a partner, period, claim, result, document or agenda-item link of a project."""
    project = getattr(record, "project", None)
    if not isinstance(project, Project):
        raise ValueError("not a record of a project")
    _check(user, project)
    if isinstance(record, ProjectDocument):
        document_remove_file(record)
    record.delete()


def _link_partner(partner: ProjectPartner) -> None:
    """A partner linked to the relations register takes its name and country from there."""
    assert partner.relations_partner_id is not None
    if not relations.installed():
        raise ValidationError(
            {"relations_partner_id": _("The relations register is not installed here.")}
        )
    summary = relations.partner_summaries([partner.relations_partner_id]).get(
        partner.relations_partner_id
    )
    if summary is None:
        raise ValidationError(
            {"relations_partner_id": _("There is no such partner in the relations register.")}
        )
    partner.name = summary.display_name
    partner.country = summary.country_name


@transaction.atomic
def document_add(
    *, project: Project, user: AnyUser, upload: File[Any], title: str, kind_of_document: str
) -> ProjectDocument:
    """Keep a document with the project: checked by its content, stored untouched under its
    SHA-256 (the same content twice is stored once)."""
    _check(user, project)
    document = ProjectDocument(
        project=project,
        title=title or upload.name or "",
        kind_of_document=kind_of_document,
        uploaded_by=user if isinstance(user, User) else None,
    )
    try:
        document_fill(document, upload=upload, kinds=DOCUMENT_KINDS)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def item_link_add(
    *, project: Project, user: AnyUser, item_id: int, note: str = ""
) -> ProjectItemLink:
    """Link an agenda item coded as EU funding to the project, read through the meetings app."""
    _check(user, project)
    from omvarld.meetings import selectors as meetings

    found = meetings.items_by_ids(ids=[item_id], funding=True)
    if not found:
        raise ValidationError({"item": _("Choose an agenda item coded as EU funding.")})
    item = found[0]
    link = ProjectItemLink.objects.filter(project=project, item_id=item_id).first()
    if link is None:
        link = ProjectItemLink(project=project, item_id=item_id, created_by=_user(user))
    link.item_title = item.title
    link.item_number = item.number
    link.meeting_date = item.meeting.date
    link.body_name = item.meeting.body.name
    link.note = note
    link.full_clean()
    link.save()
    return link


def _user(user: AnyUser) -> User | None:
    return user if isinstance(user, User) else None
