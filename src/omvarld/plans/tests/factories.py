"""Factories of plans and their activities (factory-boy), for this app's tests and others'."""

from __future__ import annotations

from factory.declarations import PostGeneration, Sequence, SubFactory
from factory.django import DjangoModelFactory

from omvarld.organisation.models import Body, ProgrammeGoal
from omvarld.plans.models import Plan, PlanActivity


class GoalFactory(DjangoModelFactory[ProgrammeGoal]):
    """A helper: the goals are the organisation's (its loader fills them in most tests)."""

    class Meta:
        model = ProgrammeGoal
        django_get_or_create = ("code",)

    code = Sequence(lambda n: f"goal-{n}")
    kind = "local"
    name_sv = Sequence(lambda n: f"Mål {n}")
    source = "Testkommunens program"


class PlanFactory(DjangoModelFactory[Plan]):
    class Meta:
        model = Plan

    year = 2026


class ActivityFactory(DjangoModelFactory[PlanActivity]):
    class Meta:
        model = PlanActivity
        skip_postgeneration_save = True

    plan = SubFactory(PlanFactory)
    title = Sequence(lambda n: f"Aktivitet {n}")

    goals = PostGeneration(
        lambda obj, create, extracted, **kw: (
            obj.goals.set(extracted or [GoalFactory()]) if create else None
        )
    )


def plan_for(body: Body, year: int = 2026) -> Plan:
    return PlanFactory.create(body=body, year=year)
