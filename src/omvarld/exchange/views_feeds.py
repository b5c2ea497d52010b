"""The calendar of coming events, and its iCalendar and RSS feeds per body.

Calendar and feed readers cannot log in: their addresses carry the user's feed key (the same key
as the platform's other feeds), which the user can replace on the subscription page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from omvarld.accounts.models import FeedKey, User
from omvarld.core import permissions
from omvarld.organisation.models import Body

from .forms import EventFilterForm
from .models import Event
from .selectors.events import EventFilters, event_list, report_is_due
from .selectors.reminders import report_due_on
from .services.feeds import feed_key_ensure

FEED_ITEMS = 50
DAYS_BACK = 30


def _feed_user(key: str) -> User:
    found = FeedKey.objects.select_related("user").filter(key=key).first()
    if found is None or not permissions.can_view(found.user):
        raise Http404
    return found.user


def _body(short_name: str) -> Body:
    body = Body.objects.active_on().filter(short_name=short_name).order_by("pk").first()
    if body is None:
        raise Http404
    return body


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """Coming events with who goes and whether a report is due, and the feed addresses."""
    form = EventFilterForm(request.GET or None)
    today = timezone.localdate()
    events = list(event_list(form.filters(coming=True), today=today)[:200])
    own = permissions.member_ids(request.user)[0]
    feeds = []
    if own and isinstance(request.user, User):
        key = feed_key_ensure(user=request.user).key
        for body in Body.objects.active_on().filter(pk__in=own).order_by("name"):
            kwargs = {"key": key, "name": body.short_name}
            feeds.append(
                {
                    "body": body,
                    "ics": request.build_absolute_uri(
                        reverse("exchange:calendar_ics", kwargs=kwargs)
                    ),
                    "rss": request.build_absolute_uri(reverse("exchange:feed_rss", kwargs=kwargs)),
                }
            )
    context = {
        "form": form,
        "rows": [{"event": e, "report_due": report_is_due(e, today)} for e in events],
        "feeds": feeds,
    }
    return render(request, "exchange/calendar.html", context)


def _body_events(body: Body, today: dt.date) -> list[Event]:
    return list(
        event_list(EventFilters(body_id=body.pk), today=today).filter(
            ends_on__gte=today - dt.timedelta(days=DAYS_BACK)
        )
    )


def _describe(event: Event) -> str:
    lines = [str(event.get_kind_display())]
    if event.organiser:
        lines.append(_("Organiser: %(name)s") % {"name": event.organiser})
    names = [p.display_name for p in event.participations.all()]
    if names:
        lines.append(_("Going: %(names)s") % {"names": ", ".join(names)})
    if event.report_required:
        lines.append(_("Trip report due: %(date)s") % {"date": report_due_on(event).isoformat()})
    if event.url:
        lines.append(event.url)
    return "\n".join(lines)


def calendar_ics(request: HttpRequest, key: str, name: str) -> HttpResponse:
    """One body's events as iCalendar (RFC 5545), all-day events from the first to the last day."""
    _feed_user(key)
    body = _body(name)
    today = timezone.localdate()
    base = request.build_absolute_uri("/").rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", "-//Omvärld//Utbyte//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Exchange: %(body)s") % {"body": body.name})
    stamp = timezone.now()
    for event in _body_events(body, today):
        entry = CalendarEvent()
        entry.add("uid", f"exchange-event-{event.pk}@omvarld")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.starts_on)
        entry.add("dtend", event.ends_on + dt.timedelta(days=1))
        entry.add("summary", event.title)
        entry.add("description", _describe(event))
        place = ", ".join(p for p in (event.place, event.country.name) if p)
        if place:
            entry.add("location", place)
        entry.add("url", base + reverse("exchange:event_detail", kwargs={"pk": event.pk}))
        entry.add("transp", "TRANSPARENT")
        calendar.add_component(entry)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    patch_cache_control(response, private=True, max_age=900)
    return response


class BodyEventFeed(Feed[Event, Body]):
    """One body's events, newest registered first, as RSS 2.0."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Body:
        _feed_user(kwargs["key"])
        return _body(kwargs["name"])

    def title(self, obj: Body) -> str:
        return _("Exchange: events of %(body)s") % {"body": obj.name}

    def link(self, obj: Body) -> str:
        return reverse("exchange:body_page", kwargs={"body_id": obj.pk})

    def description(self, obj: Body) -> str:
        return _("Conferences, study visits and other events of %(body)s.") % {"body": obj.name}

    def items(self, obj: Body) -> list[Event]:
        return list(
            event_list(EventFilters(body_id=obj.pk)).order_by("-created_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item: Event) -> str:
        dates = item.starts_on.isoformat()
        if item.ends_on != item.starts_on:
            dates += f"–{item.ends_on.isoformat()}"
        return f"{item.title} ({dates})"

    def item_description(self, item: Event) -> str:
        return _describe(item)

    def item_link(self, item: Event) -> str:
        return reverse("exchange:event_detail", kwargs={"pk": item.pk})

    def item_guid(self, item: Event) -> str:
        return f"exchange-event-{item.pk}@omvarld"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Event) -> dt.datetime:
        return item.created_at

    def item_updateddate(self, item: Event) -> dt.datetime:
        return item.updated_at
