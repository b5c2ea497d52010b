"""Test data of EU funding (factory-boy): calls, projects and their follow-up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from factory.declarations import PostGeneration, Sequence, SubFactory
from factory.django import DjangoModelFactory

from omvarld.funding.constants import CallSource, Currency
from omvarld.funding.models import Call, PaymentClaim, Project, ReportingPeriod


class CallFactory(DjangoModelFactory[Call]):
    class Meta:
        model = Call

    title = Sequence(lambda n: f"Call {n}")
    source = CallSource.MANUAL
    opens = dt.date(2027, 1, 1)
    deadline = dt.date(2027, 3, 1)


def _set(related: Any, values: list[object] | None) -> None:
    if values:
        related.set(values)


class ProjectFactory(DjangoModelFactory[Project]):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = Sequence(lambda n: f"Project {n}")
    currency = Currency.EUR
    exchange_rate = Decimal("11.0000")

    bodies = PostGeneration(lambda project, create, extracted, **_: _set(project.bodies, extracted))
    offices = PostGeneration(
        lambda project, create, extracted, **_: _set(project.offices, extracted)
    )


class PeriodFactory(DjangoModelFactory[ReportingPeriod]):
    class Meta:
        model = ReportingPeriod

    project = SubFactory(ProjectFactory)
    starts = dt.date(2027, 1, 1)
    ends = dt.date(2027, 6, 30)
    report_due = dt.date(2027, 8, 31)


class ClaimFactory(DjangoModelFactory[PaymentClaim]):
    class Meta:
        model = PaymentClaim

    project = SubFactory(ProjectFactory)
    due = dt.date(2027, 9, 30)
    currency = Currency.EUR
