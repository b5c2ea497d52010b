"""Fixtures of the relations tests: the default organisation with its relations, and users."""

from __future__ import annotations

import pytest
from django.conf import settings

from omvarld.knowledge.services import knowledge_load_areas
from omvarld.organisation.models import Body
from omvarld.organisation.services import organisation_load_file
from omvarld.relations.defaults import relations_load_file


def _organisation() -> None:
    knowledge_load_areas()
    organisation_load_file(path=settings.ORGANISATION_FILE)


def _relations():
    _organisation()
    return relations_load_file()


@pytest.fixture(scope="session")
def organisation_rows(capture_rows):
    return capture_rows(_organisation)


@pytest.fixture(scope="session")
def relations_rows(capture_rows):
    return capture_rows(_relations)


@pytest.fixture
def norrkoping(insert_rows, organisation_rows):
    """Norrköping's organisation and policy areas, without the relations (the rows the loaders
    wrote once, inserted in bulk: see the root conftest's ``capture_rows``)."""
    insert_rows(organisation_rows, _organisation)


@pytest.fixture
def relations(insert_rows, relations_rows):
    """Norrköping's default relations loaded from the shipped data file, with the organisation;
    the loader's summary is returned."""
    return insert_rows(relations_rows, _relations)


@pytest.fixture
def ks(norrkoping):
    return Body.objects.get(short_name="KS")


@pytest.fixture
def un(norrkoping):
    return Body.objects.get(short_name="UN")
