"""Factories of the relations register's records (factory-boy), for this app's tests and others'."""

from __future__ import annotations

import datetime
from decimal import Decimal

from factory.declarations import LazyAttribute, LazyFunction, PostGeneration, Sequence, SubFactory
from factory.django import DjangoModelFactory

from omvarld.organisation.models import Body, Municipality
from omvarld.relations.constants import (
    ActivityKind,
    AgreementKind,
    LegalBasis,
    PartnerKind,
    Relation,
)
from omvarld.relations.models import Activity, Agreement, Contact, Membership, Partner


class MunicipalityFactory(DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    name = "Testköpings kommun"
    code = "9999"


class BodyFactory(DjangoModelFactory[Body]):
    class Meta:
        model = Body
        django_get_or_create = ("municipality", "short_name")

    municipality = SubFactory(MunicipalityFactory)
    short_name = Sequence(lambda n: f"N{n}")
    name = LazyAttribute(lambda o: f"{o.short_name}-nämnden")
    kind = "committee"


class PartnerFactory(DjangoModelFactory[Partner]):
    """A partner saved directly (not through the service), with its keys filled."""

    class Meta:
        model = Partner

    name = Sequence(lambda n: f"Partnerstad {n}")
    kind = PartnerKind.MUNICIPALITY
    relation = Relation.COOPERATION
    country = "FI"
    place = LazyAttribute(lambda o: o.name)
    latitude = Decimal("61.49911")
    longitude = Decimal("23.78712")

    @classmethod
    def _create(cls, model_class: type[Partner], *args, **kwargs) -> Partner:
        bodies = kwargs.pop("bodies", [])
        partner = model_class(**kwargs)
        partner.refresh_keys()
        partner.save()
        partner.bodies.set(bodies)
        return partner


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    partner = SubFactory(PartnerFactory, kind=PartnerKind.NETWORK, country="")


class AgreementFactory(DjangoModelFactory[Agreement]):
    class Meta:
        model = Agreement

    partner = SubFactory(PartnerFactory)
    title = Sequence(lambda n: f"Samarbetsavtal {n}")
    kind = AgreementKind.PARTNERSHIP


class ContactFactory(DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    partner = SubFactory(PartnerFactory)
    name = Sequence(lambda n: f"Kontakt Person{n}")
    email = Sequence(lambda n: f"kontakt{n}@example.fi")
    role = "International coordinator"
    legal_basis = LegalBasis.PUBLIC_TASK
    purpose = "Samordna vänortsutbytet."
    retention_until = LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=365))


class ActivityFactory(DjangoModelFactory[Activity]):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    kind = ActivityKind.STUDY_VISIT
    title = Sequence(lambda n: f"Studiebesök {n}")
    starts = datetime.date(2026, 5, 4)
    purpose = "Lära av partnerns arbete."

    bodies = PostGeneration(
        lambda activity, create, extracted, **kw: _set(activity, "bodies", create, extracted)
    )
    partners = PostGeneration(
        lambda activity, create, extracted, **kw: _set(activity, "partners", create, extracted)
    )


def _set(activity, name, create, extracted) -> None:
    if create and extracted:
        getattr(activity, name).set(extracted)
