"""Test data of the exchange app (factory-boy). Bodies and users come from the root conftest's
``make_body`` and ``make_user``; the factories take them as arguments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

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


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Konferens {n}")
    kind = EventKind.CONFERENCE
    organiser = "Eurocities"
    place = "Tammerfors"
    country = "FI"
    starts_on = dt.date(2026, 10, 5)
    ends_on = dt.date(2026, 10, 7)

    @factory.post_generation
    def bodies(self, create, extracted, **kwargs):
        if create and extracted:
            self.bodies.set(extracted)

    @factory.post_generation
    def offices(self, create, extracted, **kwargs):
        if create and extracted:
            self.offices.set(extracted)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        if create and extracted:
            self.goals.set(extracted)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    event = factory.SubFactory(EventFactory)
    role = ParticipantRole.PARTICIPANT


class GuestFactory(ParticipationFactory):
    user = None
    guest_name = factory.Sequence(lambda n: f"Gäst {n}")
    guest_organisation = "Tammerfors stad"
    guest_email = factory.Sequence(lambda n: f"gast{n}@example.org")
    legal_basis = LegalBasis.PUBLIC_TASK
    retention_until = dt.date(2028, 12, 31)


class CostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cost

    participation = factory.SubFactory(ParticipationFactory)
    kind = CostKind.TRAVEL
    amount = Decimal("1000.00")


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TripReport

    event = factory.SubFactory(EventFactory)
    purpose = "Lära av andras arbete med cirkulär ekonomi."
    summary = "Tammerfors samordnar avfallsfrågor över förvaltningsgränser."


class SubmittedReportFactory(ReportFactory):
    status = ReportStatus.SUBMITTED
    submitted_at = factory.LazyFunction(lambda: dt.datetime(2026, 10, 10, 9, 0, tzinfo=dt.UTC))


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    report = factory.SubFactory(SubmittedReportFactory)
    text = "Återbruk av byggmaterial sparar pengar när det planeras tidigt."


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    report = factory.SubFactory(SubmittedReportFactory)
    title = "Återbruksnav för skolmöbler"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    event = factory.SubFactory(EventFactory)
    title = "Utred ett återbruksnav"
    due_on = dt.date(2026, 12, 31)
    status = ActionStatus.PROPOSED
