"""The weekly digest: who gets what (from every registered source), reminders, nobody gets an
empty one, the preview page, the task and the command."""

from __future__ import annotations

import datetime as dt
import smtplib
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from omvarld.accounts.constants import Role
from omvarld.core.tests.worker import DB_TASKS
from omvarld.eu_monitoring.constants import Channel, InboxStatus, Stage
from omvarld.eu_monitoring.models import InfluenceAction, Routing
from omvarld.eu_monitoring.selectors.deadlines import initiative_path
from omvarld.eu_monitoring.selectors.digest import digests_build
from omvarld.eu_monitoring.services.digest import digests_send
from omvarld.eu_monitoring.tasks import (
    digest_schedule_ensure,
    next_send_time,
    send_weekly_digests,
)

from .factories import make_initiative, make_window, route

BROKEN_SMTP = f"{__name__}.BrokenSMTP"


def age(routing: Routing, days: int) -> None:
    Routing.objects.filter(pk=routing.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )


@pytest.fixture
def world(make_body, make_user):
    today = timezone.localdate()
    mn = make_body("MN", "Miljönämnden")
    un = make_body("UN", "Utbildningsnämnden")
    kn = make_body("KN", "Kulturnämnden")
    gone = make_body("GN", "Gamla nämnden", active_until=today - dt.timedelta(days=1))

    water = make_initiative("Översyn av avloppsdirektivet", stage=Stage.PROPOSAL)
    route(water, mn)
    old = make_initiative("Gammalt initiativ")
    age(route(old, mn), 10)
    window = make_window(old, closes=today + dt.timedelta(days=10))
    make_window(old, closes=today + dt.timedelta(days=40), external_id="later")
    InfluenceAction.objects.create(
        initiative=old,
        body=mn,
        date=today,
        channel=Channel.OWN_RESPONSE,
        description="Remissvar",
        window=window,
    )
    closed = make_initiative("Stängt initiativ")
    route(closed, un, status=InboxStatus.CLOSED)
    make_window(closed, closes=today + dt.timedelta(days=5))
    culture = make_initiative("Kulturarvsinitiativet")
    age(route(culture, kn), 3)
    for body in (gone, un):
        forgotten = make_initiative(f"Initiativ för {body.short_name}")
        age(route(forgotten, body), 20)
    gone_only = make_initiative("Den gamla nämndens fråga")
    route(gone_only, gone)

    users = {
        "miljo": make_user(Role.OFFICER, "miljo", bodies=[mn], email="miljo@example.se"),
        "both": make_user(
            Role.READER, "both", bodies=[mn, kn], email="both@example.se", first_name="Britt"
        ),
        "school": make_user(Role.OFFICER, "school", bodies=[un], email="skola@example.se"),
        "inactive": make_user(
            Role.OFFICER, "inactive", bodies=[mn], email="borta@example.se", is_active=False
        ),
        "no_email": make_user(Role.OFFICER, "no_email", bodies=[mn]),
        "no_body": make_user(Role.COORDINATOR, "no_body", email="samordnare@example.se"),
        "gone": make_user(Role.OFFICER, "gone", bodies=[gone], email="gammal@example.se"),
    }
    return {"water": water, "old": old, "window": window, "culture": culture, "users": users}


def test_who_gets_what(world):
    digests = {d.user.username: d for d in digests_build()}

    assert set(digests) == {"miljo", "both"}
    miljo = digests["miljo"]
    assert [r.initiative for r in miljo.new] == [world["water"]]
    assert [(d.uid, d.done) for d in miljo.upcoming] == [
        (f"window-{world['window'].pk}@omvarld", True)
    ]
    assert miljo.overdue == []
    both = digests["both"]
    assert [r.initiative.title for r in both.new] == [
        "Kulturarvsinitiativet",
        "Översyn av avloppsdirektivet",
    ]
    assert [b.short_name for b in both.bodies] == ["KN", "MN"]


def test_the_email_in_text_and_html(world):
    digests_send()

    assert sorted(m.to[0] for m in mail.outbox) == ["both@example.se", "miljo@example.se"]
    message = next(m for m in mail.outbox if m.to == ["both@example.se"])
    week = timezone.localdate().isocalendar().week
    assert str(week) in message.subject
    assert "\n" not in message.subject
    text = message.body
    base = settings.SITE_URL
    assert "Britt" in text
    assert "Kulturarvsinitiativet" in text
    assert base + initiative_path(world["culture"].pk) in text
    assert world["window"].closes.isoformat() in text
    assert "Gammalt initiativ" in text
    assert "Miljönämnden, Kulturnämnden" in text or "Kulturnämnden, Miljönämnden" in text
    assert "Stängt initiativ" not in text
    assert "\n\n\n" not in text
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="sv">' in html
    assert f'href="{base}{initiative_path(world["water"].pk)}"' in html
    assert "Översyn av avloppsdirektivet" in html


def test_nobody_gets_an_empty_digest(make_body, make_user):
    body = make_body("MN")
    make_user(Role.OFFICER, bodies=[body], email="a@example.se")
    assert digests_build() == []
    assert digests_send() == []
    assert mail.outbox == []


def test_an_inactive_user_gets_nothing(world):
    digests_send()
    recipients = {address for m in mail.outbox for address in m.to}
    assert "borta@example.se" not in recipients
    assert "gammal@example.se" not in recipients


def test_a_week_later_the_new_initiatives_are_no_longer_new(world):
    later = timezone.now() + dt.timedelta(days=8)
    digests = {d.user.username: d for d in digests_build(now=later)}
    assert digests["miljo"].new == []
    # The window closes two days after the run, and is still told.
    later_day = timezone.localdate(later)
    assert [d.days_left(later_day) for d in digests["miljo"].upcoming] == [2]
    assert "both" in digests


def test_dry_run_sends_nothing(world):
    assert len(digests_send(dry_run=True)) == 2
    assert mail.outbox == []


def test_command(world):
    out = StringIO()
    call_command("eu_digest", "--dry-run", stdout=out)
    assert "miljo@example.se: 1 new initiative(s), 1 step(s) due, 0 reminder(s)" in out.getvalue()
    assert "2 digest(s) would be sent." in out.getvalue()
    assert mail.outbox == []
    out = StringIO()
    call_command("eu_digest", stdout=out)
    assert "2 digest(s) sent." in out.getvalue()
    assert len(mail.outbox) == 2


def test_next_send_time_is_the_next_monday_morning():
    tz = timezone.get_default_timezone()
    wednesday = dt.datetime(2026, 11, 25, 12, 0, tzinfo=tz)
    assert next_send_time(wednesday) == dt.datetime(2026, 11, 30, 7, 0, tzinfo=tz)
    early_monday = dt.datetime(2026, 11, 30, 6, 0, tzinfo=tz)
    assert next_send_time(early_monday) == dt.datetime(2026, 11, 30, 7, 0, tzinfo=tz)
    monday_run = dt.datetime(2026, 11, 30, 7, 0, 5, tzinfo=tz)
    assert next_send_time(monday_run) == dt.datetime(2026, 12, 7, 7, 0, tzinfo=tz)


def test_the_task_sends_and_queues_itself_a_week_later(world):
    with override_settings(TASKS=DB_TASKS):
        result = send_weekly_digests.call()
        queued = list(DBTaskResult.objects.filter(task_path=send_weekly_digests.module_path))
        # Queuing again while one waits changes nothing.
        assert digest_schedule_ensure() == queued[0].run_after
        assert DBTaskResult.objects.count() == 1
    assert result["sent"] == 2
    assert len(mail.outbox) == 2
    (row,) = queued
    assert row.status == "READY"
    assert row.run_after == next_send_time()
    assert dt.datetime.fromisoformat(result["next_run"]) == row.run_after
    assert timezone.now() < row.run_after <= timezone.now() + dt.timedelta(days=7)


def test_on_a_backend_that_cannot_wait_the_task_still_sends(world):
    result = send_weekly_digests.enqueue().return_value
    assert result == {"sent": 2, "next_run": None}
    assert len(mail.outbox) == 2


def test_the_command_queues_the_weekly_task(db):
    out = StringIO()
    with override_settings(TASKS=DB_TASKS):
        call_command("eu_digest", "--schedule", stdout=out)
        call_command("eu_digest", "--schedule", stdout=out)
        assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert "The weekly EU digest is queued for" in out.getvalue()


def test_the_command_says_when_the_backend_cannot_queue(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="database backend"):
        call_command("eu_digest", "--schedule")


def test_another_apps_steps_and_reminders_reach_the_digest(world, make_body, make_user, other_app):
    """Steps an app registered in the test reports are told with no change to EU monitoring;
    an overdue step that is not done is a reminder, a done one is not, nor is a missed EU window.
    """
    today = timezone.localdate()
    users = world["users"]
    mn = users["miljo"].bodies.get()
    notice = other_app.add(mn, today + dt.timedelta(days=6), "Vänortsavtal med Tammerfors")
    late = other_app.add(
        mn,
        today - dt.timedelta(days=4),
        "Studieresa till Riga",
        label="Reserapport ska lämnas",
        source="Utbyte och resor",
        url="/utbyte/resa/9/",
    )
    other_app.add(mn, today - dt.timedelta(days=2), "Inlämnad rapport", done=True)
    other_app.add(mn, today + dt.timedelta(days=45), "För långt fram")
    missed = make_initiative("Missat samråd")
    age(route(missed, mn), 20)
    make_window(missed, closes=today - dt.timedelta(days=3), opens=today - dt.timedelta(days=40))
    # A user whose only news is a reminder still gets a digest.
    pn = make_body("PN", "Personalnämnden")
    make_user(Role.OFFICER, "personal", bodies=[pn], email="personal@example.se")
    other_app.add(pn, today - dt.timedelta(days=30), "Uppföljning av utbytet", uid="follow-1")

    digests = {d.user.username: d for d in digests_build()}

    miljo = digests["miljo"]
    assert [s.uid for s in miljo.upcoming] == [notice.uid, f"window-{world['window'].pk}@omvarld"]
    assert [s.uid for s in miljo.overdue] == [late.uid]
    assert [s.uid for s in digests["personal"].overdue] == ["follow-1"]
    assert digests["personal"].new == digests["personal"].upcoming == []

    digests_send()
    message = next(m for m in mail.outbox if m.to == ["miljo@example.se"])
    text = message.body
    assert "Påminnelser: datum passerat men inte gjort" in text
    assert "4 dagar försenat" in text
    assert "Reserapport ska lämnas, Studieresa till Riga (Miljönämnden, Utbyte och resor)" in text
    assert settings.SITE_URL + "/utbyte/resa/9/" in text
    assert "Vänortsavtal med Tammerfors" in text
    assert "Inlämnad rapport" not in text
    assert "För långt fram" not in text
    assert "Missat samråd" not in text
    html, _mimetype = message.alternatives[0]
    assert "Studieresa till Riga" in html
    assert "Internationella relationer" in html


def test_a_coordinator_previews_the_digest(client_as, world, other_app):
    today = timezone.localdate()
    mn = world["users"]["miljo"].bodies.get()
    other_app.add(mn, today - dt.timedelta(days=1), "Avtal med Linz")
    client = client_as(Role.COORDINATOR)

    response = client.get("/eu-bevakning/veckosammanfattning/")
    assert response.status_code == 200
    html = response.content.decode()
    # The first recipient by user name, "both", is shown first.
    assert "both@example.se" in html
    assert "Kulturarvsinitiativet" in html

    miljo = world["users"]["miljo"]
    html = client.get("/eu-bevakning/veckosammanfattning/", {"user": miljo.pk}).content.decode()
    assert "miljo@example.se" in html
    assert "Avtal med Linz" in html
    assert "Påminnelser" in html
    assert mail.outbox == []


@pytest.mark.parametrize("role", [Role.OFFICER, Role.READER])
def test_others_cannot_preview_the_digest(client_as, world, role):
    assert client_as(role).get("/eu-bevakning/veckosammanfattning/").status_code == 403


def test_the_digest_link_is_in_the_menu_of_coordinators_only(client_as, db):
    assert (
        "/eu-bevakning/veckosammanfattning/"
        in client_as(Role.COORDINATOR).get("/eu-bevakning/").content.decode()
    )
    assert (
        "/eu-bevakning/veckosammanfattning/"
        not in client_as(Role.OFFICER).get("/eu-bevakning/").content.decode()
    )


class BrokenSMTP(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_an_smtp_error_fails_the_task_visibly_but_the_next_run_is_queued(world):
    with override_settings(TASKS=DB_TASKS, EMAIL_BACKEND=BROKEN_SMTP):
        with pytest.raises(smtplib.SMTPServerDisconnected):
            send_weekly_digests.call()
        (row,) = DBTaskResult.objects.filter(task_path=send_weekly_digests.module_path)
    assert row.status == "READY"
    assert row.run_after == next_send_time()
    assert mail.outbox == []
