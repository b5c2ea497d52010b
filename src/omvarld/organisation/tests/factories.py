"""Test data of the organisation app (factory-boy), shared through the root conftest."""

from __future__ import annotations

import factory

from omvarld.organisation.constants import BodyKind
from omvarld.organisation.models import Body, Municipality, Office


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    name = "Testköpings kommun"
    code = "9999"


class BodyFactory(factory.django.DjangoModelFactory):
    """A committee of the test municipality; ``short_name`` names it ("VA" -> "VA-nämnden")."""

    class Meta:
        model = Body
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    short_name = factory.Sequence(lambda n: f"N{n + 1}")
    name = factory.LazyAttribute(lambda o: f"{o.short_name}-nämnden")
    kind = BodyKind.COMMITTEE

    @factory.post_generation
    def areas(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.areas.set(extracted)


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    short_name = factory.Sequence(lambda n: f"K{n + 1}")
    name = factory.LazyAttribute(lambda o: f"{o.short_name}-kontoret")

    @factory.post_generation
    def bodies(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.bodies.set(extracted)
