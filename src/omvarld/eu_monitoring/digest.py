"""The weekly e-mail digest of EU monitoring, and the task that sends it every Monday morning.

Each active member of a body with an e-mail address gets, in Swedish, the initiatives routed to
their bodies during the past week and the feedback windows of their bodies closing within 30 days.
Nobody gets an empty digest.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from omvarld.accounts.models import User
from omvarld.core.scheduling import ScheduleError, task_schedule_once
from omvarld.organisation.models import Body

from .deadlines import Deadline, deadline_list, initiative_path, routings_followed
from .models import Routing

logger = logging.getLogger(__name__)

PERIOD = dt.timedelta(days=7)
DAYS_AHEAD = 30
SEND_WEEKDAY = 0  # Monday
SEND_HOUR = 7


@dataclass(frozen=True)
class Digest:
    """What one user is told this week."""

    user: User
    bodies: list[Body]
    new: list[Routing]
    closing: list[Deadline]


def digests_build(*, now: dt.datetime | None = None) -> list[Digest]:
    """The digests due at ``now`` (default: now), one per user with something to tell."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    active_bodies = Body.objects.active_on(today).order_by("name")
    users = list(
        User.objects.filter(is_active=True, bodies__in=active_bodies)
        .exclude(email="")
        .distinct()
        .order_by("username")
        .prefetch_related(Prefetch("bodies", queryset=active_bodies, to_attr="digest_bodies"))
    )
    body_ids = {b.pk for u in users for b in u.digest_bodies}
    new = list(
        routings_followed(body_ids=body_ids)
        .filter(created_at__gte=now - PERIOD, created_at__lt=now)
        .select_related("initiative", "body")
        .order_by("body__name", "-created_at")
    )
    closing = deadline_list(
        body_ids=body_ids,
        date_from=today,
        date_to=today + dt.timedelta(days=DAYS_AHEAD),
        today=today,
        stages=False,
    )
    digests = []
    for user in users:
        bodies: list[Body] = user.digest_bodies
        own = {b.pk for b in bodies}
        digest = Digest(
            user=user,
            bodies=bodies,
            new=[r for r in new if r.body_id in own],
            closing=[d for d in closing if d.routing.body_id in own],
        )
        if digest.new or digest.closing:
            digests.append(digest)
    return digests


def digest_message(*, digest: Digest, site_url: str) -> EmailMultiAlternatives:
    """The e-mail of one digest, plain text with an HTML alternative, in the site's language."""
    base = site_url.rstrip("/")
    context = {
        "user": digest.user,
        "body_names": ", ".join(b.name for b in digest.bodies),
        "new": [(r, base + initiative_path(r.initiative_id)) for r in digest.new],
        "closing": [(d, base + d.initiative_url) for d in digest.closing],
        "deadlines_url": base + reverse("eu_monitoring:deadline_list"),
        "subscribe_url": base + reverse("eu_monitoring:deadline_subscribe"),
        "week": timezone.localdate().isocalendar().week,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("eu_monitoring/digest_subject.txt", context)
        # The template's tags leave blank lines behind; one is enough between paragraphs.
        text = re.sub(
            r"\n{3,}", "\n\n", render_to_string("eu_monitoring/digest_email.txt", context)
        )
        html = render_to_string("eu_monitoring/digest_email.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[digest.user.email]
    )
    message.attach_alternative(html, "text/html")
    return message


def digests_send(*, now: dt.datetime | None = None, dry_run: bool = False) -> list[Digest]:
    """Build this week's digests and, unless a dry run, send them over one connection."""
    digests = digests_build(now=now)
    if digests and not dry_run:
        messages = [digest_message(digest=d, site_url=settings.SITE_URL) for d in digests]
        with get_connection() as connection:
            connection.send_messages(messages)
    return digests


def next_send_time(now: dt.datetime | None = None) -> dt.datetime:
    """The next Monday 07:00 local time after ``now``."""
    local = timezone.localtime(now or timezone.now())
    days = (SEND_WEEKDAY - local.weekday()) % 7
    run = timezone.make_aware(
        dt.datetime.combine(local.date() + dt.timedelta(days=days), dt.time(SEND_HOUR))
    )
    if run <= local:
        run = timezone.make_aware(
            dt.datetime.combine(run.date() + dt.timedelta(days=7), dt.time(SEND_HOUR))
        )
    return run


@task()
def send_weekly_digests() -> dict[str, Any]:
    """Send this week's digests, then queue the next run a week later.

    The next run is queued even when sending fails (an SMTP error, anything unexpected); that
    error then still fails this run, visibly. On a backend that cannot defer tasks the digests
    still go out; the next run is then left to whoever queues it, and the result says so.
    """
    next_run: str | None = None
    try:
        digests = digests_send()
    finally:
        try:
            next_run = digest_schedule_ensure().isoformat()
        except ScheduleError as exc:
            logger.warning("weekly digest not rescheduled: %s", exc)
    return {"sent": len(digests), "next_run": next_run}


def digest_schedule_ensure() -> dt.datetime:
    """Queue the weekly digest for its next time unless one is already waiting; return its time."""
    return task_schedule_once(send_weekly_digests, next_time=next_send_time)
