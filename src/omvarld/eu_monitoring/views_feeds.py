"""The deadlines page, the subscription page, and the calendar readers fetch with a feed key."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.organisation.models import Body

from . import feeds
from .deadlines import deadline_list as deadlines_between

ALL_BODIES = "all"
PERIODS = {"30": 30, "90": 90, "180": 180, "365": 365}
DEFAULT_PERIOD = "90"


class DeadlineFilterForm(forms.Form):
    body = forms.ChoiceField(label=gettext_lazy("Body"), required=False)
    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        required=False,
        choices=[
            ("30", gettext_lazy("The next 30 days")),
            ("90", gettext_lazy("The next 3 months")),
            ("180", gettext_lazy("The next 6 months")),
            ("365", gettext_lazy("The next 12 months")),
        ],
    )

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [  # type: ignore[attr-defined]
            ("", _("My bodies")),
            (ALL_BODIES, _("All bodies")),
            *((b.short_name, b.name) for b in bodies),
        ]


@login_required
def deadline_list(request: HttpRequest) -> HttpResponse:
    """Open and upcoming feedback windows and dated steps of the initiatives routed to bodies."""
    bodies = list(Body.objects.active_on().order_by("name"))
    form = DeadlineFilterForm(request.GET or None, bodies=bodies)
    data = form.cleaned_data if form.is_valid() else {}
    choice = data.get("body") or ""
    days = PERIODS[data.get("period") or DEFAULT_PERIOD]
    own_ids = permissions.member_ids(request.user)[0]
    if choice == ALL_BODIES:
        shown = bodies
    elif choice:
        shown = [b for b in bodies if b.short_name == choice]
    else:
        shown = [b for b in bodies if b.pk in own_ids] or bodies
    today = timezone.localdate()
    rows = deadlines_between(
        body_ids=[b.pk for b in shown],
        date_from=today,
        date_to=today + datetime.timedelta(days=days),
        today=today,
    )
    context = {
        "form": form,
        "rows": rows,
        "shown_names": ", ".join(b.name for b in shown),
        "all_shown": len(shown) == len(bodies),
        "no_own_bodies": not choice and not own_ids.intersection(b.pk for b in bodies),
        "date_to": today + datetime.timedelta(days=days),
    }
    return render(request, "eu_monitoring/deadline_list.html", context)


@dataclass(frozen=True)
class FeedLinks:
    body: Body
    own: bool
    calendar: str
    rss: str
    atom: str


@login_required
def deadline_subscribe(request: HttpRequest) -> HttpResponse:
    """The user's calendar and feed addresses, with the key they carry."""
    user = cast(User, request.user)
    key = feeds.feed_key_ensure(user=user).key
    own_ids = permissions.member_ids(user)[0]

    def address(view: str, name: str) -> str:
        path = reverse(f"eu_monitoring:{view}", kwargs={"key": key, "name": name})
        return request.build_absolute_uri(path)

    links = [
        FeedLinks(
            body=body,
            own=body.pk in own_ids,
            calendar=address("calendar", name=body.short_name),
            rss=address("feed_rss", name=body.short_name),
            atom=address("feed_atom", name=body.short_name),
        )
        for body in Body.objects.active_on().order_by("name")
    ]
    links.sort(key=lambda link: not link.own)
    context = {
        "my_calendar": address("calendar", name=feeds.MY_BODIES) if own_ids else "",
        "links": links,
    }
    return render(request, "eu_monitoring/deadline_subscribe.html", context)


@login_required
@require_POST
def feed_key_replace(request: HttpRequest) -> HttpResponse:
    feeds.feed_key_regenerate(user=cast(User, request.user))
    messages.success(
        request,
        _("Your calendar and feed addresses were replaced. The old addresses no longer work."),
    )
    return redirect("eu_monitoring:deadline_subscribe")


def calendar(request: HttpRequest, key: str, name: str) -> HttpResponse:
    """The iCalendar feed of one body, or of the key owner's bodies; no login, the key suffices."""
    user = feeds.feed_key_user(key=key)
    title, bodies = feeds.feed_bodies(user=user, name=name)
    today = timezone.localdate()
    rows = deadlines_between(
        body_ids=[b.pk for b in bodies],
        date_from=today - datetime.timedelta(days=feeds.CALENDAR_DAYS_BACK),
        date_to=today + datetime.timedelta(days=feeds.CALENDAR_DAYS_AHEAD),
        today=today,
    )
    events = feeds.calendar_events(
        deadlines=rows, base_url=request.build_absolute_uri("/").rstrip("/")
    )
    text = feeds.ical_calendar(
        name=_("EU deadlines: %(name)s") % {"name": title}, events=events, stamp=timezone.now()
    )
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    patch_cache_control(response, private=True, max_age=900)
    return response
