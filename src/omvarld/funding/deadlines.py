"""The dates EU funding adds to a body's deadlines (page, calendar, news feeds, weekly digest).

- a matched call's deadline, for every body the call was matched to and that has not judged it
  not relevant (done once a project of that body has submitted its application to the call; a
  deadline that has passed, or a call the portal has closed, asks nothing more of the body);
- a project's report due dates, payment claims and final report, for each of its bodies
  (done once submitted, or when the project is closed; a rejected or closed project's reports
  and claims ask nothing of the body, so they are never shown as overdue).

Registered in :class:`~omvarld.funding.apps.FundingConfig`; five queries however many rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from omvarld.core.contributions import BodyDeadline

from .constants import CallStatus, MatchStatus, ProjectStatus
from .models import CallMatch, PaymentClaim, Project, ReportingPeriod

SOURCE_KEY = "funding"

#: A project in these statuses is over: its open reports and claims are no longer asked for.
_ENDED = frozenset({ProjectStatus.REJECTED, ProjectStatus.CLOSED})


def _project_title(title: str, acronym: str) -> str:
    return f"{acronym} – {title}" if acronym else title


def _call_rows(
    body_ids: Collection[int],
    date_from: datetime.date,
    date_to: datetime.date,
    today: datetime.date,
) -> list[BodyDeadline]:
    matches = list(
        CallMatch.objects.filter(
            body_id__in=body_ids,
            call__deadline__gte=date_from,
            call__deadline__lte=date_to,
        )
        .exclude(status=MatchStatus.NOT_RELEVANT)
        .select_related("call__programme")
    )
    submitted = set(
        Project.objects.filter(
            call_id__in={m.call_id for m in matches}, submitted_on__isnull=False
        ).values_list("call_id", "bodies")
    )
    source = _("EU funding")
    rows = []
    for match in matches:
        call = match.call
        assert call.deadline is not None  # filtered on it
        rows.append(
            BodyDeadline(
                uid=f"funding-call-{call.pk}-{match.body_id}@omvarld",
                date=call.deadline,
                title=call.display_title,
                label=_("Last day to apply"),
                body_id=match.body_id,
                url=reverse("funding:call_detail", kwargs={"pk": call.pk}),
                source=source,
                external_url=call.url,
                starts=call.opens,
                done=(call.pk, match.body_id) in submitted,
                detail=str(call.programme or call.identifier),
                action_needed=call.deadline >= today and call.portal_status != CallStatus.CLOSED,
            )
        )
    return rows


def _project_rows(
    body_ids: Collection[int], date_from: datetime.date, date_to: datetime.date
) -> list[BodyDeadline]:
    source = _("EU funding")
    rows = []
    periods = ReportingPeriod.objects.filter(
        project__bodies__in=body_ids, report_due__gte=date_from, report_due__lte=date_to
    ).values_list(
        "pk",
        "report_due",
        "submitted_on",
        "starts",
        "ends",
        "project_id",
        "project__title",
        "project__acronym",
        "project__status",
        "project__bodies",
    )
    for pk, due, submitted, starts, ends, project_id, title, acronym, status, body_id in periods:
        rows.append(
            BodyDeadline(
                uid=f"funding-report-{pk}-{body_id}@omvarld",
                date=due,
                title=_project_title(title, acronym),
                label=pgettext("funding", "Report due"),
                body_id=body_id,
                url=reverse("funding:project_detail", kwargs={"pk": project_id}),
                source=source,
                done=submitted is not None,
                detail=_("Reporting period %(start)s–%(end)s") % {"start": starts, "end": ends},
                action_needed=status not in _ENDED,
            )
        )
    claims = PaymentClaim.objects.filter(
        project__bodies__in=body_ids, due__gte=date_from, due__lte=date_to
    ).values_list(
        "pk",
        "due",
        "submitted_on",
        "project_id",
        "project__title",
        "project__acronym",
        "project__status",
        "project__bodies",
    )
    for pk, due, submitted, project_id, title, acronym, status, body_id in claims:
        rows.append(
            BodyDeadline(
                uid=f"funding-claim-{pk}-{body_id}@omvarld",
                date=due,
                title=_project_title(title, acronym),
                label=_("Payment claim due"),
                body_id=body_id,
                url=reverse("funding:project_detail", kwargs={"pk": project_id}),
                source=source,
                done=submitted is not None,
                action_needed=status not in _ENDED,
            )
        )
    finals = Project.objects.filter(
        bodies__in=body_ids, final_report_due__gte=date_from, final_report_due__lte=date_to
    ).values_list("pk", "final_report_due", "status", "title", "acronym", "bodies")
    for pk, final_due, status, title, acronym, body_id in finals:
        assert final_due is not None  # filtered on it
        rows.append(
            BodyDeadline(
                uid=f"funding-final-{pk}-{body_id}@omvarld",
                date=final_due,
                title=_project_title(title, acronym),
                label=_("Final report due"),
                body_id=body_id,
                url=reverse("funding:project_detail", kwargs={"pk": pk}),
                source=source,
                done=status == ProjectStatus.CLOSED,
                action_needed=status != ProjectStatus.REJECTED,
            )
        )
    return rows


def funding_deadlines(
    *,
    body_ids: Collection[int],
    date_from: datetime.date,
    date_to: datetime.date,
    today: datetime.date,
) -> list[BodyDeadline]:
    """The EU-funding steps of the bodies dated between the two dates (inclusive), by date."""
    if not body_ids:
        return []
    rows = _call_rows(body_ids, date_from, date_to, today) + _project_rows(
        body_ids, date_from, date_to
    )
    rows.sort(key=lambda d: (d.date, d.title, d.body_id, d.uid))
    return rows
