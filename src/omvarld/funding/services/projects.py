"""Writes on projects: created (often from a call), edited, moved along their status flow.

Coordinators write every project; officers write the projects of their bodies and offices, and
may create one only for a body or office they belong to. A refused write raises
``PermissionDenied``; invalid data raises ``ValidationError`` with the message on the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.core.permissions import AnyUser
from omvarld.organisation.models import Body, Office

from ..constants import TRANSITIONS, Decision, MatchStatus, ProjectStatus
from ..models import CallMatch, Project

#: What the project form and the API may set (status moves through project_set_status).
PROJECT_FIELDS = frozenset(
    {
        "title",
        "acronym",
        "description",
        "programme",
        "call",
        "municipality_leads",
        "lead_partner",
        "responsible",
        "starts",
        "ends",
        "final_report_due",
        "currency",
        "exchange_rate",
        "total_budget",
        "eu_grant_applied",
        "eu_grant_awarded",
        "own_cofinancing",
        "own_hours",
        "submitted_on",
        "decided_on",
    }
)


class _Owners:
    """The bodies and offices a project would belong to, for the permission check before it
    exists."""

    def __init__(self, bodies: Collection[Body], offices: Collection[Office]) -> None:
        self.body_ids = {b.pk for b in bodies}
        self.office_ids = {o.pk for o in offices}

    def owner_body_ids(self) -> set[int]:
        return self.body_ids

    def owner_office_ids(self) -> set[int]:
        return self.office_ids


def _check_owners(user: AnyUser, bodies: Collection[Body], offices: Collection[Office]) -> None:
    if not bodies and not offices:
        raise ValidationError({"bodies": _("Choose at least one body or office.")})
    if not permissions.can_edit(user, _Owners(bodies, offices)):
        raise PermissionDenied


def _author(user: AnyUser) -> User | None:
    return user if isinstance(user, User) else None


def _check_fields(fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - PROJECT_FIELDS
    if unknown:
        raise ValueError(f"fields that cannot be set: {sorted(unknown)}")


@transaction.atomic
def project_create(
    *,
    user: AnyUser,
    title: str,
    bodies: Collection[Body],
    offices: Collection[Office] = (),
    **fields: Any,
) -> Project:
    """A new project (status idea) of the given bodies and offices.

    Created from a call, it takes the call's programme when none is given, and the call moves to
    "applying" in the inbox of each of the project's bodies.
    """
    _check_fields(fields)
    _check_owners(user, bodies, offices)
    project = Project(title=title, created_by=_author(user), **fields)
    if project.call is not None and project.programme is None:
        project.programme = project.call.programme
    project.full_clean()
    project.save()
    project.bodies.set(bodies)
    project.offices.set(offices)
    if project.call is not None:
        CallMatch.objects.filter(call=project.call, body__in=bodies).exclude(
            status=MatchStatus.APPLYING
        ).update(status=MatchStatus.APPLYING, updated_at=timezone.now())
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    user: AnyUser,
    changes: Mapping[str, Any],
    bodies: Collection[Body] | None = None,
    offices: Collection[Office] | None = None,
) -> Project:
    """Change a project's fields, bodies or offices; moving it to other bodies needs the right to
    edit for both the old and the new ones."""
    _check_fields(changes)
    if not permissions.can_edit(user, project):
        raise PermissionDenied
    if bodies is not None or offices is not None:
        _check_owners(
            user,
            bodies if bodies is not None else list(project.bodies.all()),
            offices if offices is not None else list(project.offices.all()),
        )
    for name, value in changes.items():
        setattr(project, name, value)
    project.full_clean()
    project.save()
    if bodies is not None:
        project.bodies.set(bodies)
    if offices is not None:
        project.offices.set(offices)
    return project


@transaction.atomic
def project_set_status(
    *,
    project: Project,
    user: AnyUser,
    status: str,
    on: dt.date | None = None,
    changes: Mapping[str, Any] | None = None,
) -> Project:
    """Move a project along its flow (see ``constants.TRANSITIONS``), with the amounts and dates
    the step needs in ``changes`` (e.g. the amount granted).

    Submitting records the day the application went in; a decision records whether the EU
    granted it and when; a step back undoes what the step forward recorded.
    """
    if not permissions.can_edit(user, project):
        raise PermissionDenied
    _check_fields(changes or {})
    try:
        target = ProjectStatus(status)
    except ValueError:
        raise ValidationError({"status": _("Choose a status of the list.")}) from None
    if target not in TRANSITIONS[ProjectStatus(project.status)]:
        raise ValidationError(
            {
                "status": _("A project cannot go from “%(from)s” to “%(to)s”.")
                % {"from": project.get_status_display(), "to": target.label}
            }
        )
    day = on or timezone.localdate()
    for name, value in (changes or {}).items():
        setattr(project, name, value)
    if target == ProjectStatus.SUBMITTED:
        project.submitted_on = project.submitted_on or day
        project.decision, project.decided_on = "", None
    elif target in (ProjectStatus.GRANTED, ProjectStatus.REJECTED):
        project.submitted_on = project.submitted_on or day
        project.decision = (
            Decision.GRANTED if target == ProjectStatus.GRANTED else Decision.REJECTED
        )
        project.decided_on = project.decided_on or day
    elif target in (ProjectStatus.IDEA, ProjectStatus.PREPARING):
        project.submitted_on, project.decision, project.decided_on = None, "", None
    project.status = target
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def project_delete(*, project: Project, user: AnyUser) -> None:
    """Coordinators delete a project entered by mistake (its history stays)."""
    if not permissions.can_manage(user):
        raise PermissionDenied
    project.delete()
