"""Fixtures of the EU-funding tests: the policy areas, Norrköping's organisation and the
programme file, loaded for real; and users of every role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

RECORDINGS = Path(__file__).parent / "recordings" / "portal"


def _load() -> None:
    from omvarld.funding.services import programmes_load_file
    from omvarld.knowledge.services import knowledge_load_areas
    from omvarld.organisation.services import organisation_load_file

    knowledge_load_areas()
    organisation_load_file(path=settings.ORGANISATION_FILE)
    programmes_load_file()


@pytest.fixture(scope="session")
def funding_rows(capture_rows):
    return capture_rows(_load)


@pytest.fixture
def funding_data(insert_rows, funding_rows):
    """The policy areas, the default organisation and the programme file (the rows the loaders
    wrote once, inserted in bulk: see the root conftest's ``capture_rows``)."""
    insert_rows(funding_rows, _load)


@pytest.fixture
def bodies(funding_data):
    from omvarld.organisation.models import Body

    return {b.short_name: b for b in Body.objects.all()}


@pytest.fixture
def search_open() -> str:
    return (RECORDINGS / "search-open.json").read_text(encoding="utf-8")


@pytest.fixture
def people(make_user, bodies):
    """A user of each role; the officers belong to UN and to KFN."""
    from omvarld.accounts.constants import Role

    return {
        "admin": make_user(Role.ADMINISTRATOR, username="admin"),
        "coordinator": make_user(Role.COORDINATOR, username="samordnare"),
        "officer": make_user(Role.OFFICER, username="un-handlaggare", bodies=[bodies["UN"]]),
        "other": make_user(Role.OFFICER, username="kfn-handlaggare", bodies=[bodies["KFN"]]),
        "reader": make_user(Role.READER, username="lasare"),
    }
