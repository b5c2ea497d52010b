"""Fixtures of the population tests: the municipality (Norrköping, 0581), the countries of
birth from the real mapping file, and the recorded SCB responses."""

from __future__ import annotations

from pathlib import Path

import pytest

from omvarld.population.services import population_countries_load


@pytest.fixture
def norrkoping(db):
    from omvarld.organisation.models import Municipality

    return Municipality.objects.create(
        name="Norrköpings kommun", code="0581", county="Östergötlands län"
    )


@pytest.fixture(scope="session")
def country_rows(capture_rows):
    return capture_rows(population_countries_load)


@pytest.fixture
def countries(insert_rows, country_rows):
    """The countries of birth from the mapping file (the rows the loader wrote once, inserted in
    bulk: see the root conftest's ``capture_rows``)."""
    insert_rows(country_rows, population_countries_load)


@pytest.fixture
def recordings(shared_data) -> Path:
    """The real responses of SCB's PxWebApi 2.0 in ../shared/data/statistics/scb-pxwebapi2."""
    return shared_data / "statistics" / "scb-pxwebapi2"
