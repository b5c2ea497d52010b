"""Fixtures of the relations tests: the default organisation with its relations, and users."""

from __future__ import annotations

import pytest
from django.conf import settings

from omvarld.knowledge.services import knowledge_load_areas
from omvarld.organisation.models import Body
from omvarld.organisation.services import organisation_load_file
from omvarld.relations.defaults import relations_load_file


@pytest.fixture
def norrkoping(db):
    """Norrköping's organisation and policy areas, without the relations."""
    knowledge_load_areas()
    organisation_load_file(path=settings.ORGANISATION_FILE)


@pytest.fixture
def relations(norrkoping):
    """Norrköping's default relations loaded from the shipped data file."""
    return relations_load_file()


@pytest.fixture
def ks(norrkoping):
    return Body.objects.get(short_name="KS")


@pytest.fixture
def un(norrkoping):
    return Body.objects.get(short_name="UN")
