"""A body's year, computed by hand.

VA-nämnden in 2025:
- A (high): window A1 closes 2025-03-10, answered 2025-03-01 → met; window A2 closes 2025-09-30,
  unanswered (another body's answer does not count) → missed.
- B (medium): window B1 closes 2025-05-01, answered late on 2025-05-15 → missed.
- C (low): window C1 closes 2025-06-01, unanswered → neither (not relevant enough); an action
  without a window on 2025-07-01.
- D (none): assessed in 2024 → not in the 2025 figures.
- E (routed, never assessed): window E1 closes 2025-04-01 → neither.
- F (high): window F1 closes 2026-02-01 → another year; F2 closes 2025-12-20 and is still open
  on the report day 2025-12-10 → neither.
- An action of VA-nämnden in 2024 → not counted.
So: 4 assessed (high 2, medium 1, low 1, none 0); 3 actions (own response, SKR, MEP);
met [A1]; missed [A2, B1].
"""

from __future__ import annotations

import datetime as dt

import pytest

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring import selectors, services
from omvarld.eu_monitoring.constants import Channel, Relevance, WindowKind
from omvarld.eu_monitoring.models import Assessment, FeedbackWindow, Initiative, Routing

pytestmark = pytest.mark.django_db

REPORT_DAY = dt.date(2025, 12, 10)


@pytest.fixture
def year(make_body, make_user):
    va = make_body("VA", "VA-nämnden")
    other = make_body("ANNAN", "Andra nämnden")
    coordinator = make_user(Role.COORDINATOR)
    made: dict[str, object] = {"va": va}

    def initiative(name, relevance=None, assessed_on=dt.date(2025, 2, 1)):
        created = Initiative.objects.create(title_sv=f"Initiativ {name}")
        routing = Routing.objects.create(initiative=created, body=va, score=1.0)
        if relevance:
            services.assessment_save(routing=routing, user=coordinator, relevance=relevance)
            Assessment.objects.filter(routing=routing).update(
                created_at=dt.datetime(
                    assessed_on.year, assessed_on.month, assessed_on.day, 12, tzinfo=dt.UTC
                )
            )
        made[name] = created
        return created

    def window(initiative, name, closes):
        made[name] = FeedbackWindow.objects.create(
            initiative=initiative,
            kind=WindowKind.FEEDBACK_ON_PROPOSAL,
            external_id=name,
            opens=closes - dt.timedelta(days=60),
            closes=closes,
        )
        return made[name]

    def act(initiative, date, channel, body=va, answers=None):
        services.action_create(
            initiative=initiative,
            user=coordinator,
            body=body,
            date=date,
            channel=channel,
            description="Gjort",
            window=answers,
        )

    a = initiative("A", Relevance.HIGH)
    act(a, dt.date(2025, 3, 1), Channel.OWN_RESPONSE, answers=window(a, "A1", dt.date(2025, 3, 10)))
    act(
        a,
        dt.date(2025, 9, 1),
        Channel.NETWORK,
        body=other,
        answers=window(a, "A2", dt.date(2025, 9, 30)),
    )
    b = initiative("B", Relevance.MEDIUM)
    act(b, dt.date(2025, 5, 15), Channel.SKR, answers=window(b, "B1", dt.date(2025, 5, 1)))
    c = initiative("C", Relevance.LOW)
    window(c, "C1", dt.date(2025, 6, 1))
    act(c, dt.date(2025, 7, 1), Channel.MEP)
    initiative("D", Relevance.NONE, assessed_on=dt.date(2024, 11, 1))
    e = initiative("E")
    window(e, "E1", dt.date(2025, 4, 1))
    f = initiative("F", Relevance.HIGH)
    window(f, "F1", dt.date(2026, 2, 1))
    window(f, "F2", dt.date(2025, 12, 20))
    act(f, dt.date(2024, 6, 1), Channel.COR)
    return made


def test_the_figures_of_a_year(year):
    report = selectors.body_report(body=year["va"], year=2025, today=REPORT_DAY)
    assert report.assessed == 4
    assert report.by_relevance == [
        (str(Relevance.HIGH.label), 2),
        (str(Relevance.MEDIUM.label), 1),
        (str(Relevance.LOW.label), 1),
        (str(Relevance.NONE.label), 0),
    ]
    assert report.actions == 3
    assert dict(report.by_channel) == {
        str(Channel.OWN_RESPONSE.label): 1,
        str(Channel.SKR.label): 1,
        str(Channel.MEP.label): 1,
    }
    assert [row.window for row in report.met] == [year["A1"]]
    assert report.met[0].action.date == dt.date(2025, 3, 1)
    assert [row.window for row in report.missed] == [year["B1"], year["A2"]]
    assert [row.relevance for row in report.missed] == [Relevance.MEDIUM, Relevance.HIGH]


def test_a_window_still_open_is_not_missed_yet(year):
    later = selectors.body_report(body=year["va"], year=2025, today=dt.date(2026, 1, 5))
    assert [row.window for row in later.missed] == [year["B1"], year["A2"], year["F2"]]


def test_the_report_page(client_as, year):
    va = year["va"]
    response = client_as(Role.READER).get(f"/eu-bevakning/organ/{va.pk}/rapport/2025/")
    assert response.status_code == 200
    assert response.context["report"].assessed == 4
    html = response.content.decode()
    assert "Initiativ A" in html
    assert "Initiativ B" in html
    assert (
        client_as(Role.READER).get(f"/eu-bevakning/organ/{va.pk}/rapport/1990/").status_code == 404
    )
