"""Every registered indicator against numbers counted by hand, per body and for the whole
municipality, from records of the apps that supply them."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from omvarld.core.contributions import indicator_values, indicators
from omvarld.eu_monitoring.constants import Channel, Relevance, WindowKind
from omvarld.eu_monitoring.models import (
    Assessment,
    FeedbackWindow,
    InfluenceAction,
    Initiative,
    Routing,
)
from omvarld.meetings.models import AgendaItem, Meeting, SourceDocument
from omvarld.organisation.models import Office
from omvarld.relations.constants import ActivityKind, PartnerStatus

from .factories import ActivityFactory, PlanFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 6)
_sha = itertools.count()


def meeting(body, day: dt.date, codes: list[tuple[str, bool, bool]]) -> None:
    """A meeting with items of the given (eu, funding, superseded) codes."""
    n = next(_sha)
    document = SourceDocument.objects.create(
        sha256=f"{n:064d}",
        original=f"originals/{n}.txt",
        original_name=f"{n}.txt",
        size=1,
        file_format="txt",
        shape="agenda",
        text="",
    )
    held = Meeting.objects.create(body=body, date=day)
    for position, (eu, funding, superseded) in enumerate(codes, start=1):
        AgendaItem.objects.create(
            meeting=held,
            document=document,
            position=position,
            number=str(position),
            title=f"Ärende {position}",
            text="",
            kind="decision",
            eu=eu,
            funding=funding,
            superseded=superseded,
        )


def values(body_ids, year=2026):
    return indicator_values(body_ids=body_ids, year=year, today=TODAY)


def pairs(result, key, kfn, un):
    v = result[key]
    return (v.by_body[kfn.pk].value, v.by_body[un.pk].value, v.total.value)


def test_every_indicator_is_defined_once_with_its_app(db):
    keys = [i.key for i in indicators()]
    assert len(keys) == len(set(keys))
    assert {
        "meetings.eu_share",
        "meetings.funding_items",
        "eu_monitoring.routed",
        "eu_monitoring.assessed",
        "eu_monitoring.acted_on",
        "eu_monitoring.actions",
        "eu_monitoring.windows_used",
        "eu_monitoring.windows_missed",
        "relations.partners",
        "relations.activities",
        "relations.visits",
        "relations.agreements_signed",
        "plans.activities_done",
    } <= set(keys)
    for indicator in indicators():
        assert str(indicator.name)
        assert str(indicator.definition)
        assert str(indicator.app)


def test_agenda_items_with_eu_influence(kfn, un):
    # KFN 2026: legal, policy, none, none (EU funding) -> 2 of 4 = 50.0 %, 1 on funding.
    meeting(
        kfn,
        dt.date(2026, 3, 2),
        [("legal", False, False), ("policy", False, False), ("none", False, False)],
    )
    meeting(kfn, dt.date(2026, 9, 7), [("none", True, False)])
    # UN 2026: legal, none, none, and a legal item the minutes superseded -> 1 of 3 = 33.3 %.
    meeting(
        un,
        dt.date(2026, 4, 6),
        [("legal", False, False), ("none", False, False), ("none", False, False)],
    )
    meeting(un, dt.date(2026, 4, 7), [("legal", True, True)])
    # Another year does not count.
    meeting(kfn, dt.date(2025, 5, 5), [("legal", True, False)])
    result = values([kfn.pk, un.pk])
    assert pairs(result, "meetings.eu_share", kfn, un) == (50.0, 33.3, 42.9)
    assert result["meetings.eu_share"].by_body[kfn.pk].base == 4
    assert result["meetings.eu_share"].total.base == 7
    assert pairs(result, "meetings.funding_items", kfn, un) == (1, 0, 1)
    # A body without items has no basis for a share: None, never 0.
    ks = kfn.__class__.objects.get(short_name="KS")
    assert values([ks.pk])["meetings.eu_share"].by_body[ks.pk].value is None


def test_work_on_eu_initiatives(kfn, un):
    a, b, c = (Initiative.objects.create(title_sv=t) for t in ("A", "B", "C"))
    ra_kfn = Routing.objects.create(initiative=a, body=kfn)
    ra_un = Routing.objects.create(initiative=a, body=un)
    rb_kfn = Routing.objects.create(initiative=b, body=kfn)
    # Removed by a coordinator: in no inbox, not counted.
    Routing.objects.create(initiative=c, body=un, removed=True)
    Assessment.objects.create(routing=ra_kfn, relevance=Relevance.HIGH)
    Assessment.objects.create(routing=rb_kfn, relevance=Relevance.NONE)
    Assessment.objects.create(routing=ra_un, relevance=Relevance.MEDIUM)
    wa = FeedbackWindow.objects.create(
        initiative=a, kind=WindowKind.CALL_FOR_EVIDENCE, closes=dt.date(2026, 3, 31)
    )
    FeedbackWindow.objects.create(
        initiative=b, kind=WindowKind.PUBLIC_CONSULTATION, closes=dt.date(2026, 6, 30)
    )
    FeedbackWindow.objects.create(
        initiative=a, kind=WindowKind.FEEDBACK_ON_PROPOSAL, closes=dt.date(2027, 1, 31)
    )

    def act(initiative, body, day, window=None):
        InfluenceAction.objects.create(
            initiative=initiative,
            body=body,
            date=day,
            channel=Channel.OWN_RESPONSE,
            description="Svar",
            window=window,
        )

    act(a, kfn, dt.date(2026, 3, 15), wa)  # answers window A in time
    act(a, kfn, dt.date(2026, 4, 1))
    act(b, un, dt.date(2026, 5, 1))
    act(b, None, dt.date(2025, 11, 1))  # another year
    result = values([kfn.pk, un.pk])
    assert pairs(result, "eu_monitoring.routed", kfn, un) == (2, 1, 2)
    assert pairs(result, "eu_monitoring.assessed", kfn, un) == (2, 1, 3)
    assert pairs(result, "eu_monitoring.actions", kfn, un) == (2, 1, 3)
    assert pairs(result, "eu_monitoring.acted_on", kfn, un) == (1, 1, 2)
    assert pairs(result, "eu_monitoring.windows_used", kfn, un) == (1, 0, 1)
    # Window A: UN judged it moderately relevant and did not answer; KFN did, so the
    # municipality as a whole did not miss it. Window B: nobody judged B relevant.
    assert pairs(result, "eu_monitoring.windows_missed", kfn, un) == (0, 1, 0)


def test_international_relations(kfn, un, factories):
    shared = factories.Partner(bodies=[kfn, un], status=PartnerStatus.ACTIVE)
    factories.Partner(bodies=[kfn], status=PartnerStatus.ENDED)
    factories.Partner(bodies=[un], status=PartnerStatus.DORMANT)
    factories.Partner(status=PartnerStatus.ACTIVE)  # no body: counts for the municipality only
    factories.Activity(kind=ActivityKind.VISIT_IN, bodies=[kfn], starts=dt.date(2026, 2, 1))
    factories.Activity(kind=ActivityKind.STUDY_VISIT, bodies=[kfn], starts=dt.date(2026, 3, 1))
    factories.Activity(kind=ActivityKind.JOINT_EVENT, bodies=[kfn, un], starts=dt.date(2026, 4, 1))
    factories.Activity(kind=ActivityKind.VISIT_OUT, bodies=[un], starts=dt.date(2026, 5, 1))
    factories.Activity(kind=ActivityKind.VISIT_OUT, bodies=[kfn], starts=dt.date(2025, 5, 1))
    factories.Agreement(partner=shared, body=kfn, signed=dt.date(2026, 1, 15))
    factories.Agreement(partner=shared, signed=dt.date(2026, 6, 1))
    factories.Agreement(partner=shared, body=un, signed=dt.date(2024, 6, 1))
    result = values([kfn.pk, un.pk])
    assert pairs(result, "relations.partners", kfn, un) == (1, 2, 3)
    assert pairs(result, "relations.activities", kfn, un) == (3, 2, 4)
    assert pairs(result, "relations.visits", kfn, un) == (1, 1, 2)
    assert pairs(result, "relations.agreements_signed", kfn, un) == (1, 0, 2)


def test_plan_activities_done(goals, kfn, un):
    kfn_plan = PlanFactory(body=kfn, year=2026)
    for status in ("done", "done", "planned", "cancelled"):
        ActivityFactory(
            plan=kfn_plan,
            status=status,
            done_on=dt.date(2026, 5, 1) if status == "done" else None,
        )
    ActivityFactory(plan=PlanFactory(body=un, year=2026))
    office_plan = PlanFactory(office=Office.objects.get(short_name="KFK"), year=2026)
    ActivityFactory(plan=office_plan, status="done", done_on=dt.date(2026, 6, 1))
    ActivityFactory(
        plan=PlanFactory(body=kfn, year=2025), status="done", done_on=dt.date(2025, 6, 1)
    )
    result = values([kfn.pk, un.pk])
    # KFN 2 of 3 (cancelled left out); UN 0 of 1; all plans of 2026: 3 of 5.
    assert pairs(result, "plans.activities_done", kfn, un) == (66.7, 0.0, 60.0)
    assert result["plans.activities_done"].total.base == 5


def test_indicators_answer_in_a_fixed_number_of_queries(
    kfn, un, norrkoping, django_assert_max_num_queries
):
    from omvarld.organisation.models import Body

    few = [kfn.pk]
    every = list(Body.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(40) as few_queries:
        values(few)
    with django_assert_max_num_queries(40) as many_queries:
        values(every)
    assert len(many_queries.captured_queries) == len(few_queries.captured_queries)
