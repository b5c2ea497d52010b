"""Test data of the accounts app (factory-boy), shared through the root conftest."""

from __future__ import annotations

import factory

from omvarld.accounts.models import User
from omvarld.core.constants import Role

#: Every test user's password: long enough for the validators, never used outside tests.
PASSWORD = "ett långt testlösenord"


class UserFactory(factory.django.DjangoModelFactory):
    """A user of a role (reader unless told), member of the given bodies and offices."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.LazyAttributeSequence(lambda o, n: f"{o.role}-{n + 1}")
    role = Role.READER
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def bodies(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.bodies.set(extracted)

    @factory.post_generation
    def offices(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.offices.set(extracted)
