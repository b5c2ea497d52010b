"""Test data of EU funding (factory-boy): calls, projects and their follow-up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from omvarld.funding.constants import CallSource, Currency
from omvarld.funding.models import Call, PaymentClaim, Project, ReportingPeriod


class CallFactory(DjangoModelFactory[Call]):
    class Meta:
        model = Call

    title = factory.Sequence(lambda n: f"Call {n}")
    source = CallSource.MANUAL
    opens = dt.date(2027, 1, 1)
    deadline = dt.date(2027, 3, 1)


class ProjectFactory(DjangoModelFactory[Project]):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Project {n}")
    currency = Currency.EUR
    exchange_rate = Decimal("11.0000")

    @factory.post_generation
    def bodies(self, create: bool, extracted: list[object] | None, **kwargs: object) -> None:
        if create and extracted:
            self.bodies.set(extracted)

    @factory.post_generation
    def offices(self, create: bool, extracted: list[object] | None, **kwargs: object) -> None:
        if create and extracted:
            self.offices.set(extracted)


class PeriodFactory(DjangoModelFactory[ReportingPeriod]):
    class Meta:
        model = ReportingPeriod

    project = factory.SubFactory(ProjectFactory)
    starts = dt.date(2027, 1, 1)
    ends = dt.date(2027, 6, 30)
    report_due = dt.date(2027, 8, 31)


class ClaimFactory(DjangoModelFactory[PaymentClaim]):
    class Meta:
        model = PaymentClaim

    project = factory.SubFactory(ProjectFactory)
    due = dt.date(2027, 9, 30)
    currency = Currency.EUR
