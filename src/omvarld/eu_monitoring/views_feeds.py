"""The calendar (iCalendar, RFC 5545) and news feeds (RSS 2.0, Atom) of bodies' deadlines.

They carry every registered source's steps (:func:`omvarld.core.contributions.deadlines_for`).
Calendar and feed readers cannot log in: the addresses carry the user's feed key instead, which
the user can replace at any time. The calendar is written with the ``icalendar`` package.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from omvarld.accounts.selectors import feed_key_user
from omvarld.core.contributions import BodyDeadline, deadlines_for
from omvarld.organisation.models import Body

from .selectors.feeds import body_by_short_name, feed_bodies

CALENDAR_DAYS_BACK = 30
CALENDAR_DAYS_AHEAD = 730
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 365
FEED_ITEMS = 50


def _summary(step: BodyDeadline) -> str:
    if step.starts is not None or step.extra.get("kind") == "window":
        # A period that ends on the day: the day is its last.
        return _("Last day: %(label)s – %(title)s") % {"label": step.label, "title": step.title}
    return _("%(label)s – %(title)s") % {"label": step.label, "title": step.title}


def _description(rows: Sequence[BodyDeadline], names: dict[int, str]) -> str:
    first = rows[0]
    lines = [first.title]
    if first.detail:
        lines.append(first.detail)
    if first.starts:
        lines.append(_("Opens: %(date)s") % {"date": first.starts.isoformat()})
    for row in rows:
        body = names.get(row.body_id, "")
        if row.done:
            lines.append(_("%(body)s: done") % {"body": body})
        elif row.action_needed:
            lines.append(_("%(body)s: not done yet") % {"body": body})
        else:
            lines.append(_("Concerns: %(body)s") % {"body": body})
    lines.append(_("From: %(source)s") % {"source": first.source})
    if first.external_url:
        lines.append(_("At the source: %(url)s") % {"url": first.external_url})
    return "\n".join(lines)


def ical_calendar(
    *,
    name: str,
    steps: Sequence[BodyDeadline],
    names: dict[int, str],
    base_url: str,
    stamp: datetime.datetime,
) -> bytes:
    """A calendar of all-day events, one per step however many of its bodies it concerns."""
    calendar = Calendar()
    calendar.add("prodid", "-//Omvärld//Tidsfrister//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    by_uid: dict[str, list[BodyDeadline]] = {}
    for step in steps:
        by_uid.setdefault(step.uid, []).append(step)
    utc_stamp = stamp.astimezone(datetime.UTC)
    for uid, rows in by_uid.items():
        rows.sort(key=lambda r: names.get(r.body_id, ""))
        first = rows[0]
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", utc_stamp)
        event.add("dtstart", first.date)
        event.add("dtend", first.date + datetime.timedelta(days=1))
        event.add("summary", _summary(first))
        event.add("description", _description(rows, names))
        event.add("url", base_url + first.url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    text: bytes = calendar.to_ical()
    return text


def calendar(request: HttpRequest, key: str, name: str) -> HttpResponse:
    """The iCalendar feed of one body, or of the key owner's bodies; no login, the key suffices."""
    user = feed_key_user(key=key)
    title, bodies = feed_bodies(user=user, name=name)
    today = timezone.localdate()
    steps = deadlines_for(
        body_ids=[b.pk for b in bodies],
        date_from=today - datetime.timedelta(days=CALENDAR_DAYS_BACK),
        date_to=today + datetime.timedelta(days=CALENDAR_DAYS_AHEAD),
        today=today,
    )
    text = ical_calendar(
        name=_("Deadlines: %(name)s") % {"name": title},
        steps=steps,
        names={b.pk: b.name for b in bodies},
        base_url=request.build_absolute_uri("/").rstrip("/"),
        stamp=timezone.now(),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    patch_cache_control(response, private=True, max_age=900)
    return response


class BodyRssFeed(Feed[BodyDeadline, Body]):
    """One body's deadlines from every part of the platform, by date, the past month included.

    Each entry is dated on its step's day, so a feed reader lists the nearest steps together.
    """

    description_template = "eu_monitoring/feed_item.html"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Body:
        feed_key_user(key=kwargs["key"])
        return body_by_short_name(kwargs["name"])

    def title(self, obj: Body) -> str:
        return _("Deadlines of %(body)s") % {"body": obj.name}

    def link(self, obj: Body) -> str:
        return reverse("eu_monitoring:deadline_list")

    def description(self, obj: Body) -> str:
        text = _(
            "The dated steps of %(body)s from every part of Omvärld: EU feedback windows and "
            "stages, and the dates other registers report."
        )
        return text % {"body": obj.name}

    def items(self, obj: Body) -> list[BodyDeadline]:
        today = timezone.localdate()
        return deadlines_for(
            body_ids=[obj.pk],
            date_from=today - datetime.timedelta(days=FEED_DAYS_BACK),
            date_to=today + datetime.timedelta(days=FEED_DAYS_AHEAD),
            today=today,
        )[:FEED_ITEMS]

    def item_title(self, item: BodyDeadline) -> str:
        return f"{item.date:%Y-%m-%d}: {_summary(item)}"

    def item_link(self, item: BodyDeadline) -> str:
        return item.url

    def item_guid(self, item: BodyDeadline) -> str:
        return item.uid

    item_guid_is_permalink = False

    def item_pubdate(self, item: BodyDeadline) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_updateddate(self, item: BodyDeadline) -> datetime.datetime:
        updated = item.extra.get("updated")
        return updated if isinstance(updated, datetime.datetime) else self.item_pubdate(item)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class BodyAtomFeed(BodyRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Body) -> str:
        return self.description(obj)
