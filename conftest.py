"""Fixtures shared by every test package of the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parent.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data written by others in ``../shared/data``.

    Skipped with a visible reason on a machine without it; on CI (``CI=true``)
    a missing folder is a failure, because CI always has it.
    """
    if SHARED_DATA.is_dir():
        return SHARED_DATA
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but the shared data folder {SHARED_DATA} is missing")
    pytest.skip(f"the shared data folder {SHARED_DATA} is not on this machine")
