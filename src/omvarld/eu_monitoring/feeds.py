"""Calendar (iCalendar, RFC 5545) and news feeds (RSS 2.0, Atom) of a body's EU deadlines.

Calendar and feed readers cannot log in: the addresses carry the user's feed key instead, which the
user can replace at any time.

The iCalendar text is written here rather than with a library: the platform needs a handful of
properties of all-day events, and RFC 5545's escaping, folding and line endings are all it takes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from omvarld.accounts.models import FeedKey, User
from omvarld.core import permissions
from omvarld.organisation.models import Body

from .deadlines import Deadline, DeadlineKind, initiative_path, routings_followed
from .models import FeedbackWindow, Routing

MY_BODIES = "mina"
"""The name, in calendar addresses, of the calendar of all the user's own bodies."""

CALENDAR_DAYS_BACK = 30
CALENDAR_DAYS_AHEAD = 730
FEED_ITEMS = 50
_FOLD_OCTETS = 75


# --- Feed keys -------------------------------------------------------------------------------


def feed_key_ensure(*, user: User) -> FeedKey:
    """The user's feed key, created on first use."""
    feed_key, _created = FeedKey.objects.get_or_create(user=user)
    return feed_key


@transaction.atomic
def feed_key_regenerate(*, user: User) -> FeedKey:
    """Replace the user's feed key: every calendar and feed address given out so far stops."""
    FeedKey.objects.filter(user=user).delete()
    feed_key = FeedKey(user=user)
    feed_key.full_clean()
    feed_key.save()
    return feed_key


def feed_key_user(*, key: str) -> User:
    """The active user whose feed key this is; 404 for any other key."""
    feed_key = FeedKey.objects.select_related("user").filter(key=key).first()
    if feed_key is None or not permissions.can_view(feed_key.user):
        raise Http404
    return feed_key.user


def feed_bodies(*, user: User, name: str) -> tuple[str, list[Body]]:
    """The bodies a feed address names: one active body by short name, or the user's own bodies.

    Returns the feed's title with the bodies; 404 when the name matches no active body.
    """
    if name == MY_BODIES:
        return _("My bodies"), list(Body.objects.active_on().filter(members=user).order_by("name"))
    body = body_by_short_name(name)
    return body.name, [body]


def body_by_short_name(name: str) -> Body:
    """The active body with this short name; 404 when there is none."""
    body = Body.objects.active_on().filter(short_name=name).order_by("pk").first()
    if body is None:
        raise Http404
    return body


# --- iCalendar -------------------------------------------------------------------------------


def ical_escape(text: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def ical_fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets (RFC 5545 §3.1).

    Continuation lines begin with one space, which counts towards their 75 octets; a line is never
    split inside a UTF-8 character.
    """
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = _FOLD_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, _FOLD_OCTETS - 1
        current.append(char)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event."""

    uid: str
    day: datetime.date
    summary: str
    description: str
    url: str


def _ical_date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def ical_calendar(*, name: str, events: Iterable[CalendarEvent], stamp: datetime.datetime) -> str:
    """A VCALENDAR of all-day events, with CRLF line endings, folded."""
    utc_stamp = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Omvärld//EU-bevakning//SV",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical_escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{utc_stamp}",
            f"DTSTART;VALUE=DATE:{_ical_date(event.day)}",
            f"DTEND;VALUE=DATE:{_ical_date(event.day + datetime.timedelta(days=1))}",
            f"SUMMARY:{ical_escape(event.summary)}",
            f"DESCRIPTION:{ical_escape(event.description)}",
            f"URL:{event.url}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(ical_fold(line) + "\r\n" for line in lines)


def calendar_events(*, deadlines: Sequence[Deadline], base_url: str) -> list[CalendarEvent]:
    """One event per step, however many of the calendar's bodies it concerns."""
    by_uid: dict[str, list[Deadline]] = {}
    for deadline in deadlines:
        by_uid.setdefault(deadline.uid, []).append(deadline)
    events = []
    for uid, rows in by_uid.items():
        first = rows[0]
        initiative = first.initiative
        if first.kind == DeadlineKind.WINDOW:
            summary = _("Last day: %(kind)s – %(title)s") % {
                "kind": first.label,
                "title": initiative.title,
            }
        else:
            summary = _("%(stage)s – %(title)s") % {"stage": first.label, "title": initiative.title}
        lines = [initiative.title]
        references = [
            r
            for r in (
                initiative.com_number,
                initiative.procedure_reference,
                initiative.commission_reference,
            )
            if r
        ]
        if references:
            lines.append(", ".join(references))
        if first.opens:
            lines.append(_("Opens: %(date)s") % {"date": first.opens.isoformat()})
        for row in rows:
            body = row.routing.body.name
            if first.kind == DeadlineKind.STAGE:
                lines.append(_("Routed to: %(body)s") % {"body": body})
            elif row.acted:
                lines.append(_("%(body)s: answered") % {"body": body})
            else:
                lines.append(_("%(body)s: not answered yet") % {"body": body})
        if first.url:
            lines.append(_("At the source: %(url)s") % {"url": first.url})
        events.append(
            CalendarEvent(
                uid=uid,
                day=first.date,
                summary=summary,
                description="\n".join(lines),
                url=base_url + initiative_path(initiative.pk),
            )
        )
    return events


# --- RSS and Atom ----------------------------------------------------------------------------


class BodyRssFeed(Feed[Routing, Body]):
    """The initiatives routed to one body, newest first, with stage and closing dates.

    Like the deadlines, it leaves out routings the body has closed or assessed as not relevant.
    """

    description_template = "eu_monitoring/feed_item.html"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Body:
        feed_key_user(key=kwargs["key"])
        return body_by_short_name(kwargs["name"])

    def title(self, obj: Body) -> str:
        return _("EU initiatives for %(body)s") % {"body": obj.name}

    def link(self, obj: Body) -> str:
        return reverse("eu_monitoring:initiative_list")

    def description(self, obj: Body) -> str:
        text = _("EU initiatives routed to %(body)s, newest first, with stages and deadlines.")
        return text % {"body": obj.name}

    def items(self, obj: Body) -> list[Routing]:
        windows = FeedbackWindow.objects.order_by("closes")
        return list(
            routings_followed(body_ids=[obj.pk])
            .select_related("initiative")
            .prefetch_related(Prefetch("initiative__windows", queryset=windows))
            .order_by("-created_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item: Routing) -> str:
        return item.initiative.title or str(item.initiative)

    def item_link(self, item: Routing) -> str:
        return initiative_path(item.initiative_id)

    def item_guid(self, item: Routing) -> str:
        return f"routing-{item.pk}@omvarld"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Routing) -> datetime.datetime:
        return item.created_at

    def item_updateddate(self, item: Routing) -> datetime.datetime:
        return max(item.updated_at, item.initiative.updated_at)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class BodyAtomFeed(BodyRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Body) -> str:
        return self.description(obj)
