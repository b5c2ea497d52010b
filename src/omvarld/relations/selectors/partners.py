"""Reads for the register's pages: the list, a partner's page with its timeline, activities."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from omvarld.core.contributions import AnyUser

from ..links import LinkSection, partner_link_sections
from ..models import Activity, Agreement, Contact, Membership, Partner
from ..privacy import can_see_contacts


def partner_list() -> QuerySet[Partner]:
    """Every partner with its responsible bodies, by name: the register's rows."""
    return Partner.objects.prefetch_related("bodies").order_by("name_key", "pk")


def partner_detail(*, pk: int) -> Partner:
    """One partner with its bodies, offices and areas."""
    return Partner.objects.prefetch_related("bodies", "offices", "areas").get(pk=pk)


def partner_agreements(partner: Partner) -> QuerySet[Agreement]:
    """The agreements the partner is a party to, as main partner or as a further party."""
    return (
        Agreement.objects.filter(Q(partner=partner) | Q(other_partners=partner))
        .distinct()
        .select_related("partner", "body")
        .prefetch_related("documents", "other_partners")
    )


def activity_list() -> QuerySet[Activity]:
    """Activities with their partners and bodies, newest first."""
    return Activity.objects.prefetch_related("partners", "bodies").order_by("-starts", "-pk")


def activity_detail(*, pk: int) -> Activity:
    return Activity.objects.prefetch_related(
        "partners", "bodies", "offices", "participants", "contacts__partner"
    ).get(pk=pk)


def agreement_detail(*, pk: int) -> Agreement:
    return (
        Agreement.objects.select_related("partner", "body")
        .prefetch_related("documents", "other_partners", "partner__bodies", "partner__offices")
        .get(pk=pk)
    )


@dataclass(frozen=True)
class TimelineEntry:
    date: datetime.date
    label: str
    title: str
    url: str = ""
    upcoming: bool = False


@dataclass
class PartnerPage:
    partner: Partner
    memberships: list[Membership]
    agreements: list[Agreement]
    activities: list[Activity]
    contacts: list[Contact] | None
    sections: list[LinkSection]
    timeline: list[TimelineEntry] = field(default_factory=list)


def partner_page(*, partner: Partner, user: AnyUser, today: datetime.date) -> PartnerPage:
    """Everything a partner's page shows; contacts only for those who may see them (None for
    the others). A fixed number of queries whatever the partner has."""
    page = PartnerPage(
        partner=partner,
        memberships=list(partner.memberships.select_related("body")),
        agreements=list(partner_agreements(partner)),
        activities=list(
            partner.activities.prefetch_related("bodies", "partners").order_by("-starts", "-pk")
        ),
        contacts=(
            list(partner.contacts.order_by("name", "pk"))
            if can_see_contacts(user, partner)
            else None
        ),
        sections=partner_link_sections([partner.pk]),
    )
    page.timeline = timeline(page, today=today)
    return page


def _entry(
    day: datetime.date | None, label: str, title: str, url: str, today: datetime.date
) -> list[TimelineEntry]:
    return [TimelineEntry(day, label, title, url, day > today)] if day else []


def timeline(page: PartnerPage, *, today: datetime.date) -> list[TimelineEntry]:
    """The partner's dated events, newest first: the relation, memberships, agreements,
    activities and what other registers link to it. Upcoming dates are marked."""
    partner = page.partner
    entries = _entry(partner.since, _("The relation began"), partner.display_name, "", today)
    entries += _entry(partner.until, _("The relation ended"), partner.display_name, "", today)
    for m in page.memberships:
        name = str(m.partner)
        entries += _entry(m.starts, _("Membership began"), name, "", today)
        entries += _entry(m.ends, _("Membership ends"), name, "", today)
        entries += _entry(m.renewal_date, _("Membership renewal"), name, "", today)
        entries += _entry(m.notice_date, _("Last day of notice"), name, "", today)
    for a in page.agreements:
        url = a.get_absolute_url()
        entries += _entry(a.signed, _("Agreement signed"), a.title, url, today)
        entries += _entry(a.valid_from, _("Agreement valid from"), a.title, url, today)
        entries += _entry(a.valid_until, _("Agreement valid until"), a.title, url, today)
        entries += _entry(a.renewal_date, _("Agreement renewal"), a.title, url, today)
        entries += _entry(a.notice_date, _("Last day of notice"), a.title, url, today)
    for activity in page.activities:
        entries += _entry(
            activity.starts,
            str(activity.get_kind_display()),
            activity.title,
            activity.get_absolute_url(),
            today,
        )
    for section in page.sections:
        for link in section.links:
            entries += _entry(link.date, link.kind, link.title, link.url, today)
    return sorted(entries, key=lambda e: (e.date, e.label, e.title), reverse=True)
