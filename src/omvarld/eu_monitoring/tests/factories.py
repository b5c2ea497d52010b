"""Test data of the EU monitoring app (factory-boy, and the recorded source payloads), shared
through the root conftest."""

from __future__ import annotations

import datetime
from pathlib import Path

import factory

from omvarld.eu_monitoring.constants import InboxStatus, Source, Stage, WindowKind
from omvarld.eu_monitoring.models import FeedbackWindow, Initiative, Routing, StageEvent
from omvarld.organisation.tests.factories import BodyFactory

RECORDINGS = Path(__file__).parent / "recordings"
#: The recorded payloads, in the order the daily task runs the sources.
FILES = [
    ("eurlex", RECORDINGS / "eurlex" / "proposals.json"),
    ("eurlex", RECORDINGS / "eurlex" / "acts.json"),
    ("haveyoursay", RECORDINGS / "haveyoursay" / "search_initiatives.json"),
    ("haveyoursay", RECORDINGS / "haveyoursay" / "group_initiative_900102.json"),
    ("europarl", RECORDINGS / "europarl" / "procedure_2021-0211.json"),
    ("europarl", RECORDINGS / "europarl" / "procedures.json"),
]


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title_sv = factory.Sequence(lambda n: f"Initiativ {n + 1}")

    @factory.post_generation
    def areas(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.areas.set(extracted)


class FeedbackWindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackWindow

    initiative = factory.SubFactory(InitiativeFactory)
    kind = WindowKind.CALL_FOR_EVIDENCE
    opens = None
    closes = None
    external_id = factory.LazyAttribute(lambda o: f"{o.kind}-{o.closes}")


class StageEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageEvent

    initiative = factory.SubFactory(InitiativeFactory)
    stage = Stage.PROPOSAL
    source = Source.MANUAL


class RoutingFactory(factory.django.DjangoModelFactory):
    """An initiative in a body's inbox."""

    class Meta:
        model = Routing

    initiative = factory.SubFactory(InitiativeFactory)
    body = factory.SubFactory(BodyFactory)
    status = InboxStatus.NEW


def make_initiative(title: str, **extra) -> Initiative:
    return InitiativeFactory.create(title_sv=title, **extra)


def make_window(
    initiative: Initiative,
    closes: datetime.date | None,
    opens: datetime.date | None = None,
    kind: str = WindowKind.CALL_FOR_EVIDENCE,
    **extra,
) -> FeedbackWindow:
    return FeedbackWindowFactory.create(
        initiative=initiative, kind=kind, opens=opens, closes=closes, **extra
    )


def make_stage(initiative: Initiative, stage: str, date: datetime.date) -> StageEvent:
    return StageEventFactory.create(initiative=initiative, stage=stage, date=date)


def route(initiative: Initiative, body, status: str = InboxStatus.NEW) -> Routing:
    return RoutingFactory.create(initiative=initiative, body=body, status=status)
