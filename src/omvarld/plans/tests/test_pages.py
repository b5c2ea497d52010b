"""The plans pages by role: who may create, change and adopt, and what each role cannot do;
bad input keeps what was typed; lists in a fixed number of queries; plan dates on the deadlines
provider."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from omvarld.plans import services
from omvarld.plans.contributions import plan_deadlines
from omvarld.plans.models import AnnualReport, Plan

from .factories import ActivityFactory, PlanFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def plan(goals, kfn, users):
    plan = services.plan_create(user=users["officer"], body=kfn, year=YEAR)
    services.activity_create(
        user=users["officer"], plan=plan, goals=[goals["eu"]], title="Bevaka kulturprogrammen"
    )
    return plan


def login(client, user):
    client.force_login(user)
    return client


def test_every_page_answers_each_role(client, plan, users, kfn):
    activity = plan.activities.get()
    pages = [
        "/planer/",
        "/planer/mal/",
        "/planer/indikatorer/",
        f"/planer/{plan.pk}/",
        f"/planer/uppfoljning/{YEAR}/",
        f"/planer/uppfoljning/{YEAR}/organ/{kfn.pk}/",
    ]
    for role in ("admin", "coordinator", "officer", "other", "reader"):
        login(client, users[role])
        for page in pages:
            assert client.get(page).status_code == 200, (role, page)
    client.logout()
    for page in [*pages, f"/planer/aktivitet/{activity.pk}/andra/"]:
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/logga-in/")


@pytest.mark.parametrize("role", ["other", "reader"])
def test_who_cannot_change_a_plan(client, plan, users, role):
    activity = plan.activities.get()
    login(client, users[role])
    assert client.get(f"/planer/{plan.pk}/andra/").status_code == 403
    assert client.get(f"/planer/{plan.pk}/aktivitet/ny/").status_code == 403
    assert client.get(f"/planer/aktivitet/{activity.pk}/andra/").status_code == 403
    assert (
        client.post(f"/planer/aktivitet/{activity.pk}/status/", {"status": "done"}).status_code
        == 403
    )
    assert client.post(f"/planer/aktivitet/{activity.pk}/ta-bort/").status_code == 403
    assert client.post(f"/planer/{plan.pk}/ta-bort/").status_code == 403
    html = client.get(f"/planer/{plan.pk}/").content.decode()
    assert "Markera som klar" not in html
    assert "Lägg till en aktivitet" not in html
    activity.refresh_from_db()
    assert activity.status == "planned"


def test_who_cannot_prepare_or_adopt_a_report(client, plan, users, kfn):
    for role in ("other", "reader"):
        login(client, users[role])
        url = f"/planer/uppfoljning/{YEAR}/organ/{kfn.pk}/"
        assert "Registrera antagandet" not in client.get(url).content.decode()
        assert client.post(url + "anta/", {"adopted_on": "2026-12-01"}).status_code == 403
        assert client.post(url + "hojdpunkter/", {"highlights": "X"}).status_code == 403
    login(client, users["officer"])
    assert (
        client.post(f"/planer/uppfoljning/{YEAR}/anta/", {"adopted_on": "2026-12-01"}).status_code
        == 403
    )
    assert not AnnualReport.objects.exists()
    assert client.get("/planer/ny/").status_code == 200
    login(client, users["reader"])
    assert client.get("/planer/ny/").status_code == 403


def test_an_officer_marks_an_activity_done_and_the_share_moves(client, plan, users):
    activity = plan.activities.get()
    login(client, users["officer"])
    assert "0 av 1 aktivitet (0,0\xa0%)" in client.get(f"/planer/{plan.pk}/").content.decode()
    response = client.post(
        f"/planer/aktivitet/{activity.pk}/status/", {"status": "done"}, follow=True
    )
    html = response.content.decode()
    assert "Bevaka kulturprogrammen: klar." in html
    assert "1 av 1 aktivitet (100,0\xa0%)" in html
    activity.refresh_from_db()
    assert activity.done_on == timezone.localdate()


def test_bad_input_keeps_what_was_typed(client, plan, users, goals):
    login(client, users["officer"])
    response = client.post(
        f"/planer/{plan.pk}/aktivitet/ny/",
        {
            "title": "Nätverksmöte i Riga",
            "status": "planned",
            "starts": "2026-05-01",
            "due": "2026-04-01",
            "planned_cost": "-5",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nätverksmöte i Riga"' in html
    assert "Det här fältet är obligatoriskt." in html  # goals
    assert plan.activities.count() == 1
    response = client.post(
        f"/planer/{plan.pk}/aktivitet/ny/",
        {
            "title": "Nätverksmöte i Riga",
            "status": "planned",
            "starts": "2026-05-01",
            "due": "2026-04-01",
            "goals": [goals["relations"].pk],
        },
    )
    assert "Slutdatumet kan inte komma före starten." in response.content.decode()
    response = client.post(
        "/planer/ny/", {"owner": f"body:{plan.body_id}", "year": YEAR, "copy_previous": "on"}
    )
    assert f"Det finns redan en plan för {YEAR}." in response.content.decode()
    html = client.get("/planer/indikatorer/?year=tjugo").content.decode()
    assert "Året gick inte att tolka" in html


def test_a_new_plan_from_the_form_starts_from_last_years(client, goals, kfn, users):
    old = PlanFactory(body=kfn, year=YEAR - 1)
    ActivityFactory(plan=old, title="Vänortsträff i Odense", goals=[goals["relations"]])
    login(client, users["officer"])
    response = client.post(
        "/planer/ny/",
        {"owner": f"body:{kfn.pk}", "year": YEAR, "copy_previous": "on"},
        follow=True,
    )
    html = response.content.decode()
    assert f"Planen är skapad utifrån planen för {YEAR - 1}." in html
    assert "Vänortsträff i Odense" in html
    assert Plan.objects.get(year=YEAR).copied_from == old


def test_the_plan_list_does_not_grow_with_plans(
    client, goals, norrkoping, users, django_assert_max_num_queries
):
    from omvarld.organisation.models import Body

    bodies = list(Body.objects.all()[:8])
    login(client, users["reader"])
    PlanFactory(body=bodies[0], year=YEAR)
    with django_assert_max_num_queries(30) as one:
        client.get("/planer/")
    for body in bodies[1:]:
        plan = PlanFactory(body=body, year=YEAR)
        ActivityFactory(plan=plan)
    with django_assert_max_num_queries(30) as many:
        client.get("/planer/")
    assert len(many.captured_queries) == len(one.captured_queries)


def test_plan_due_dates_join_the_deadlines(plan, kfn, un, users, goals):
    activity = plan.activities.get()
    services.activity_update(
        activity=activity, user=users["officer"], changes={"due": dt.date(2026, 12, 20)}
    )
    services.activity_create(
        user=users["officer"],
        plan=plan,
        goals=[goals["eu"]],
        title="Klar sedan länge",
        due=dt.date(2026, 12, 10),
        status="done",
        done_on=dt.date(2026, 11, 1),
    )
    rows = plan_deadlines(
        body_ids=[kfn.pk, un.pk],
        date_from=dt.date(2026, 12, 1),
        date_to=dt.date(2026, 12, 31),
        today=dt.date(2026, 12, 6),
    )
    assert [(r.title, r.date, r.done, r.body_id) for r in rows] == [
        ("Klar sedan länge", dt.date(2026, 12, 10), True, kfn.pk),
        ("Bevaka kulturprogrammen", dt.date(2026, 12, 20), False, kfn.pk),
    ]
    assert (
        plan_deadlines(
            body_ids=[un.pk],
            date_from=dt.date(2026, 1, 1),
            date_to=dt.date(2026, 12, 31),
            today=dt.date(2026, 12, 6),
        )
        == []
    )
