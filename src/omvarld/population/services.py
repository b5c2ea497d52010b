"""Writes of the population app: the country mapping, imports from files and syncs with SCB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from omvarld.core import permissions
from omvarld.organisation import selectors as organisation_selectors

from .constants import MAX_UPLOAD_BYTES, FetchKind, FetchState
from .countries import COUNTRIES_FILE, LoadResult, country_load_file
from .importing import ImportSummary, fetch_apply, fetch_store
from .models import Fetch
from .scb.client import ScbClient
from .sync import SyncSummary, stats_sync

__all__ = [
    "ImportRefusedError",
    "NoMunicipalityError",
    "municipality_code",
    "population_countries_load",
    "stats_import_fetch",
    "stats_import_file",
    "stats_import_upload",
    "stats_sync_now",
]


class NoMunicipalityError(Exception):
    """The organisation names no municipality, so there is no code to ask SCB for."""


class ImportRefusedError(Exception):
    """An upload the platform does not take; ``reason`` says why in the reader's language."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def municipality_code() -> str:
    """SCB's four-digit code of the municipality the platform serves (organisation settings)."""
    municipality = organisation_selectors.municipality_current()
    if municipality is None:
        raise NoMunicipalityError(
            "No municipality is set up: run manage.py load_reference_data first."
        )
    return municipality.code


def population_countries_load(*, path: Path = COUNTRIES_FILE) -> LoadResult:
    """Load the mapping of countries of birth (part of the reference data)."""
    return country_load_file(path=path)


def population_load_reference(*, path: Path | None) -> dict[str, Any]:
    """The countries of birth as reference data (registered in the app's ``ready()``)."""
    return population_countries_load(path=path or COUNTRIES_FILE).as_dict()


def stats_import_file(*, path: Path, municipality: str | None = None) -> ImportSummary:
    """Import a payload saved from SCB's API (JSON-stat 2.0), as ``manage.py stats_import``."""
    payload = path.read_text(encoding="utf-8")
    fetch = fetch_store(kind=FetchKind.FILE, request=f"file {path}", payload=payload)
    return fetch_apply(fetch=fetch, municipality=municipality or municipality_code())


def stats_import_upload(*, file: UploadedFile, user: Any) -> Fetch:
    """Keep an uploaded file untouched as a queued import and queue its task."""
    if not permissions.can_manage(user):
        raise ImportRefusedError(_("Only coordinators may import statistics."))
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise ImportRefusedError(
            _("The file is larger than %(limit)d MB.") % {"limit": MAX_UPLOAD_BYTES // 2**20}
        )
    try:
        payload = file.read().decode("utf-8")
    except UnicodeDecodeError:
        raise ImportRefusedError(
            _("The file is not text in UTF-8; save the JSON from SCB's API as it came.")
        ) from None
    from .tasks import population_import  # the task module imports this one

    with transaction.atomic():
        fetch = fetch_store(
            kind=FetchKind.FILE,
            # Who uploaded it is kept as a reference to the user only, so erasing the user
            # leaves no name behind.
            request=_("uploaded file %(name)s") % {"name": file.name},
            payload=payload,
            state=FetchState.QUEUED,
            started_by=user,
        )
        transaction.on_commit(lambda: population_import.enqueue(fetch.pk))
    return fetch


def stats_import_fetch(*, fetch_id: int) -> ImportSummary | None:
    """Run a queued import (what the task does); None when there is no such import."""
    fetch = Fetch.objects.filter(pk=fetch_id, state=FetchState.QUEUED).first()
    if fetch is None:
        return None
    Fetch.objects.filter(pk=fetch.pk).update(state=FetchState.RUNNING)
    try:
        summary = fetch_apply(fetch=fetch, municipality=municipality_code())
    except Exception as exc:
        Fetch.objects.filter(pk=fetch.pk).update(state=FetchState.FAILED, error=str(exc)[:2000])
        raise
    Fetch.objects.filter(pk=fetch.pk).update(state=FetchState.DONE)
    return summary


def stats_sync_now(
    *, table: str | None = None, since: int | None = None, client: ScbClient | None = None
) -> SyncSummary:
    """Fetch the followed tables from SCB for the organisation's municipality."""
    return stats_sync(municipality=municipality_code(), table=table, since=since, client=client)
