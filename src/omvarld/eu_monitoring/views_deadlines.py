"""The deadlines page, the subscription page and the digest preview.

The deadlines are every registered source's (:func:`omvarld.core.contributions.deadlines_for`):
EU monitoring's feedback windows and stages, and whatever other apps report.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from omvarld.accounts import services as account_services
from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.core.contributions import BodyDeadline, deadline_sources, deadlines_for
from omvarld.organisation.models import Body

from .selectors import digest as digest_selectors
from .selectors.feeds import MY_BODIES
from .services.digest import digest_context

ALL_BODIES = "all"
PERIODS = {"30": 30, "90": 90, "180": 180, "365": 365}
#: The one default period: the form shows it and the list uses it.
DEFAULT_PERIOD = "90"


class DeadlineFilterForm(forms.Form):
    body = forms.ChoiceField(label=gettext_lazy("Body"), required=False)
    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        choices=[
            ("30", gettext_lazy("30 days")),
            ("90", gettext_lazy("3 months")),
            ("180", gettext_lazy("6 months")),
            ("365", gettext_lazy("12 months")),
        ],
    )
    source = forms.ChoiceField(label=gettext_lazy("From"), required=False)
    earlier = forms.BooleanField(
        label=gettext_lazy("Show earlier"),
        required=False,
        help_text=gettext_lazy("Also the steps of the same period back, marked as passed."),
    )

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [  # type: ignore[attr-defined]
            ("", _("My bodies")),
            (ALL_BODIES, _("All bodies")),
            *((b.short_name, b.name) for b in bodies),
        ]
        self.fields["source"].choices = [  # type: ignore[attr-defined]
            ("", _("Every part of the platform")),
            *((key, str(label)) for key, label in deadline_sources()),
        ]


def _filter_form(request: HttpRequest, bodies: list[Body]) -> tuple[DeadlineFilterForm, bool]:
    """The filter form, always bound so that it shows exactly what the list uses.

    A field with a value it cannot use falls back to its default; the second value says so.
    """
    data: dict[str, Any] = {"period": DEFAULT_PERIOD}
    data.update({k: v for k, v in request.GET.items() if k in DeadlineFilterForm.base_fields})
    form = DeadlineFilterForm(data, bodies=bodies)
    if form.is_valid():
        return form, False
    for name in form.errors:
        data[name] = DEFAULT_PERIOD if name == "period" else ""
    form = DeadlineFilterForm(data, bodies=bodies)
    form.is_valid()
    return form, True


@dataclass(frozen=True)
class Row:
    """A deadline as the page shows it."""

    step: BodyDeadline
    body: str
    today: datetime.date

    @property
    def is_window(self) -> bool:
        """A period that takes answers until its date (a feedback window, a call)."""
        return self.step.starts is not None or self.step.extra.get("kind") == "window"

    @property
    def days_left(self) -> int:
        return self.step.days_left(self.today)

    @property
    def passed(self) -> bool:
        return self.step.date < self.today

    @property
    def is_open(self) -> bool:
        """Takes answers today: opened (or no opening date) and not past its date."""
        starts = self.step.starts
        return (
            self.step.action_needed and not self.passed and (starts is None or starts <= self.today)
        )

    @property
    def opens_later(self) -> bool:
        starts = self.step.starts
        return starts is not None and starts > self.today

    @property
    def overdue(self) -> bool:
        return self.step.is_overdue(self.today)


@login_required
def deadline_list(request: HttpRequest) -> HttpResponse:
    """Every registered source's dated steps of the bodies the user chose."""
    bodies = list(Body.objects.active_on().order_by("name"))
    form, fell_back = _filter_form(request, bodies)
    data = form.cleaned_data
    choice = data.get("body") or ""
    days = PERIODS[data["period"]]
    own_ids = permissions.member_ids(request.user)[0]
    if choice == ALL_BODIES:
        shown = bodies
    elif choice:
        shown = [b for b in bodies if b.short_name == choice]
    else:
        shown = [b for b in bodies if b.pk in own_ids] or bodies
    today = timezone.localdate()
    date_from = today - datetime.timedelta(days=days) if data.get("earlier") else today
    date_to = today + datetime.timedelta(days=days)
    source = data.get("source") or ""
    names = {b.pk: b.name for b in shown}
    steps = deadlines_for(
        body_ids=list(names),
        date_from=date_from,
        date_to=date_to,
        today=today,
        sources=[source] if source else None,
    )
    context = {
        "form": form,
        "fell_back": fell_back,
        "rows": [Row(step, names.get(step.body_id, ""), today) for step in steps],
        "shown_names": ", ".join(b.name for b in shown),
        "all_shown": len(shown) == len(bodies),
        "no_own_bodies": not choice and not own_ids.intersection(b.pk for b in bodies),
        "several_sources": len(deadline_sources()) > 1,
        "date_from": date_from,
        "date_to": date_to,
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
    key = account_services.feed_key_ensure(user=user).key
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
        "my_calendar": address("calendar", name=MY_BODIES) if own_ids else "",
        "links": links,
    }
    return render(request, "eu_monitoring/deadline_subscribe.html", context)


@login_required
@require_POST
def feed_key_replace(request: HttpRequest) -> HttpResponse:
    account_services.feed_key_regenerate(user=cast(User, request.user))
    messages.success(
        request,
        _("Your calendar and feed addresses were replaced. The old addresses no longer work."),
    )
    return redirect("eu_monitoring:deadline_subscribe")


class DigestPreviewForm(forms.Form):
    user = forms.ModelChoiceField(
        label=gettext_lazy("Recipient"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, recipients: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(pk__in=[u.pk for u in recipients]).order_by("username")
        field.label_from_instance = lambda obj: f"{obj.display_name} ({obj.email})"  # type: ignore[method-assign]


@login_required
def digest_preview(request: HttpRequest) -> HttpResponse:
    """This week's digest as a chosen recipient would get it (coordinators)."""
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    recipients = digest_selectors.digest_recipients(today=today)
    form = DigestPreviewForm(request.GET or None, recipients=recipients)
    chosen = form.cleaned_data.get("user") if form.is_valid() else None
    if chosen is None and recipients:
        chosen = recipients[0]
        form = DigestPreviewForm(initial={"user": chosen.pk}, recipients=recipients)
    digest = digest_selectors.digest_for(user=chosen) if chosen else None
    context: dict[str, Any] = {
        "form": form,
        "recipients": len(recipients),
        "digest": digest,
        "sent_count": len(digest_selectors.digests_build()),
    }
    if digest is not None:
        context.update(digest_context(digest=digest, site_url=request.build_absolute_uri("/")))
    return render(request, "eu_monitoring/digest_preview.html", context)
