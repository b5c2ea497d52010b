"""The relations register's dates on the deadlines page, its feeds and the digest.

A membership's or an agreement's renewal and notice dates (and an agreement's end) go to its
responsible body, or to the partner's responsible bodies when it names none; an activity's
follow-up date goes to the activity's bodies. Registered in :class:`RelationsConfig.ready`.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterator

from django.db.models import Q
from django.utils.translation import gettext as _

from omvarld.core.contributions import BodyDeadline

from .models import Activity, Agreement, Membership, PartnerOwned


def _in(field: str, date_from: datetime.date, date_to: datetime.date) -> Q:
    return Q(**{f"{field}__gte": date_from, f"{field}__lte": date_to})


def _owned_by(body_ids: Collection[int]) -> Q:
    return Q(body_id__in=body_ids) | Q(body__isnull=True, partner__bodies__in=body_ids)


def _bodies(record: PartnerOwned, body_ids: Collection[int]) -> list[int]:
    return sorted(record.owner_body_ids() & set(body_ids))


def _dated(
    record: Membership | Agreement,
    fields: list[tuple[str, str]],
    date_from: datetime.date,
    date_to: datetime.date,
) -> Iterator[tuple[str, datetime.date, str]]:
    for field, label in fields:
        day = getattr(record, field)
        if day is not None and date_from <= day <= date_to:
            yield field, day, label


def relation_deadlines(
    *,
    body_ids: Collection[int],
    date_from: datetime.date,
    date_to: datetime.date,
    today: datetime.date,
) -> list[BodyDeadline]:
    """Renewal, notice and end dates, and follow-ups, of the bodies between the dates.

    At most eight queries however many rows: memberships and agreements, each with the
    partner's bodies and offices prefetched, and activities with their bodies.
    """
    source = _("International relations")
    rows: list[BodyDeadline] = []
    membership_fields = [
        ("renewal_date", _("Membership renewal")),
        ("notice_date", _("Last day to give notice of the membership")),
    ]
    memberships = (
        Membership.objects.filter(
            _in("renewal_date", date_from, date_to) | _in("notice_date", date_from, date_to)
        )
        .filter(_owned_by(body_ids))
        .distinct()
        .select_related("partner")
        .prefetch_related("partner__bodies", "partner__offices")
    )
    for membership in memberships:
        ended = membership.ends
        for field, day, label in _dated(membership, membership_fields, date_from, date_to):
            for body_id in _bodies(membership, body_ids):
                rows.append(
                    BodyDeadline(
                        uid=f"relations-membership-{membership.pk}-{field}-{body_id}@omvarld",
                        date=day,
                        title=str(membership.partner),
                        label=label,
                        body_id=body_id,
                        url=membership.partner.get_absolute_url(),
                        source=source,
                        done=ended is not None and ended <= day,
                        detail=_("Membership of %(network)s") % {"network": membership.partner},
                    )
                )
    agreement_fields = [
        ("renewal_date", _("Agreement renewal")),
        ("notice_date", _("Last day to give notice of the agreement")),
        ("valid_until", _("The agreement ends")),
    ]
    agreements = (
        Agreement.objects.filter(
            _in("renewal_date", date_from, date_to)
            | _in("notice_date", date_from, date_to)
            | _in("valid_until", date_from, date_to)
        )
        .filter(_owned_by(body_ids))
        .distinct()
        .select_related("partner")
        .prefetch_related("partner__bodies", "partner__offices")
    )
    for agreement in agreements:
        for field, day, label in _dated(agreement, agreement_fields, date_from, date_to):
            for body_id in _bodies(agreement, body_ids):
                rows.append(
                    BodyDeadline(
                        uid=f"relations-agreement-{agreement.pk}-{field}-{body_id}@omvarld",
                        date=day,
                        title=agreement.title,
                        label=label,
                        body_id=body_id,
                        url=agreement.get_absolute_url(),
                        source=source,
                        detail=str(agreement.partner),
                    )
                )
    activities = (
        Activity.objects.filter(_in("follow_up_date", date_from, date_to), bodies__in=body_ids)
        .distinct()
        .prefetch_related("bodies")
    )
    for activity in activities:
        assert activity.follow_up_date is not None  # filtered on it above
        for body_id in sorted(activity.owner_body_ids() & set(body_ids)):
            rows.append(
                BodyDeadline(
                    uid=f"relations-activity-{activity.pk}-follow-up-{body_id}@omvarld",
                    date=activity.follow_up_date,
                    title=activity.title,
                    label=_("Follow-up of an activity"),
                    body_id=body_id,
                    url=activity.get_absolute_url(),
                    source=source,
                    done=activity.follow_up_done,
                    detail=activity.follow_up,
                )
            )
    return rows
