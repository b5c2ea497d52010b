"""Test data of the exchange app (factory-boy). Bodies and users come from the root conftest's
``make_body`` and ``make_user``; the factories take them as arguments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from factory.declarations import LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory
from factory.helpers import post_generation

from omvarld.exchange.constants import (
    ActionStatus,
    CostKind,
    EventKind,
    LegalBasis,
    ParticipantRole,
    ReportStatus,
)
from omvarld.exchange.models import (
    Cost,
    Event,
    FollowUpAction,
    Idea,
    Lesson,
    Participation,
    TripReport,
)


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = Sequence(lambda n: f"Konferens {n}")
    kind = EventKind.CONFERENCE
    organiser = "Eurocities"
    place = "Tammerfors"
    country = "FI"
    starts_on = dt.date(2026, 10, 5)
    ends_on = dt.date(2026, 10, 7)

    @post_generation
    def bodies(self, create, extracted, **kwargs):
        if create and extracted:
            self.bodies.set(extracted)

    @post_generation
    def offices(self, create, extracted, **kwargs):
        if create and extracted:
            self.offices.set(extracted)

    @post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)

    @post_generation
    def goals(self, create, extracted, **kwargs):
        if create and extracted:
            self.goals.set(extracted)


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation

    event = SubFactory(EventFactory)
    role = ParticipantRole.PARTICIPANT


class GuestFactory(ParticipationFactory):
    user = None
    guest_name = Sequence(lambda n: f"Gäst {n}")
    guest_organisation = "Tammerfors stad"
    guest_email = Sequence(lambda n: f"gast{n}@example.org")
    legal_basis = LegalBasis.PUBLIC_TASK
    retention_until = dt.date(2028, 12, 31)


class CostFactory(DjangoModelFactory):
    class Meta:
        model = Cost

    participation = SubFactory(ParticipationFactory)
    kind = CostKind.TRAVEL
    amount = Decimal("1000.00")


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = TripReport

    event = SubFactory(EventFactory)
    purpose = "Lära av andras arbete med cirkulär ekonomi."
    summary = "Tammerfors samordnar avfallsfrågor över förvaltningsgränser."


class SubmittedReportFactory(ReportFactory):
    status = ReportStatus.SUBMITTED
    submitted_at = LazyFunction(lambda: dt.datetime(2026, 10, 10, 9, 0, tzinfo=dt.UTC))


class LessonFactory(DjangoModelFactory):
    class Meta:
        model = Lesson

    report = SubFactory(SubmittedReportFactory)
    text = "Återbruk av byggmaterial sparar pengar när det planeras tidigt."


class IdeaFactory(DjangoModelFactory):
    class Meta:
        model = Idea

    report = SubFactory(SubmittedReportFactory)
    title = "Återbruksnav för skolmöbler"


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    event = SubFactory(EventFactory)
    title = "Utred ett återbruksnav"
    due_on = dt.date(2026, 12, 31)
    status = ActionStatus.PROPOSED
