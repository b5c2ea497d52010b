"""Sending the weekly digest: one e-mail per recipient, plain text with an HTML alternative."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ..selectors.deadlines import initiative_path
from ..selectors.digest import DAYS_AHEAD, Digest, digests_build

__all__ = ["digest_context", "digest_message", "digests_send"]


def digest_context(*, digest: Digest, site_url: str) -> dict[str, Any]:
    """What the digest's templates show, with absolute addresses for an e-mail."""
    base = site_url.rstrip("/")

    def step(row: Any) -> dict[str, Any]:
        return {
            "step": row,
            "url": base + row.url,
            "body": digest.body_names.get(row.body_id, ""),
            "days_left": row.days_left(digest.today),
            "days_overdue": -row.days_left(digest.today),
        }

    return {
        "recipient": digest.user,
        "body_names": ", ".join(b.name for b in digest.bodies),
        "new": [(r, base + initiative_path(r.initiative_id)) for r in digest.new],
        "upcoming": [step(row) for row in digest.upcoming],
        "overdue": [step(row) for row in digest.overdue],
        "days_ahead": DAYS_AHEAD,
        "deadlines_url": base + reverse("eu_monitoring:deadline_list"),
        "subscribe_url": base + reverse("eu_monitoring:deadline_subscribe"),
        "week": digest.today.isocalendar().week,
    }


def digest_message(*, digest: Digest, site_url: str) -> EmailMultiAlternatives:
    """The e-mail of one digest, plain text with an HTML alternative, in the site's language."""
    context = digest_context(digest=digest, site_url=site_url)
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
