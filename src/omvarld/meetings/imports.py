"""Import batches: the files given together, imported one by one with ``document_import``.

An upload is saved untouched under ``MEDIA_ROOT/imports/<batch id>/`` and processed by a task;
the ``import_meetings`` command runs the same :func:`batch_run` on files in folders. ZIP archives
are expanded in memory (never onto the disk, so a member's name cannot point outside the folder),
within limits on the number of members and the bytes they expand to.

Each file is imported in its own transaction: a bad file is listed with its reason and leaves the
database as it was, and the files after it are still imported. The batch row is updated after
every file so that the progress page can show how far the import has come.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omvarld.accounts.constants import Role
from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.organisation.models import Body

from .constants import MAX_UPLOAD_BYTES, EUCode, ImportStatus
from .models import AgendaItem, ImportBatch, Meeting
from .services import (
    Engine,
    ImportRefusedError,
    MissingMeetingDateError,
    document_import,
    engine_default,
)

logger = logging.getLogger(__name__)

#: An archive with more members than this is refused as a whole.
MAX_ARCHIVE_MEMBERS = 2000
#: The most bytes the members of one archive may expand to, together (a "ZIP bomb" guard).
MAX_ARCHIVE_BYTES = 20 * MAX_UPLOAD_BYTES

_JUNK_FOLDERS = {"__MACOSX"}
_JUNK_FILES = {"thumbs.db", "desktop.ini"}
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGICS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")


# --- who may import, and what an upload must be -------------------------------------------------


def can_import(user: permissions.AnyUser) -> bool:
    """Coordinators, and officers who belong to at least one body."""
    if permissions.is_coordinator(user):
        return True
    return permissions.role_of(user) == Role.OFFICER and bool(permissions.member_ids(user)[0])


def importable_bodies(user: permissions.AnyUser) -> QuerySet[Body]:
    """The bodies the user may import meetings for: every body for a coordinator."""
    bodies = Body.objects.order_by("name")
    if permissions.is_coordinator(user):
        return bodies
    if permissions.role_of(user) != Role.OFFICER:
        return bodies.none()
    return bodies.filter(pk__in=permissions.member_ids(user)[0])


def upload_check(file: File[Any]) -> None:
    """Refuse, with a Swedish reason, a file too large or plainly not a document by its content.

    PDF, ZIP (a Word document or an archive) and text-like files pass; the engine tells the
    finer reasons (scanned, encrypted, damaged) when the file is imported.
    """
    size = file.size or 0
    if size > MAX_UPLOAD_BYTES:
        raise ImportRefusedError(
            _("The file is too large (%(size)d MB; at most %(limit)d MB).")
            % {"size": size // 2**20, "limit": MAX_UPLOAD_BYTES // 2**20}
        )
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    if not head.strip():
        raise ImportRefusedError(_("The file is empty."))
    if b"%PDF-" in head[:1024] or head.startswith(b"PK\x03\x04"):
        return
    if head.startswith(_IMAGE_MAGICS):
        raise ImportRefusedError(
            _("The file is an image, not a document. Upload the text as PDF, Word or text.")
        )
    if head.startswith(_OLE_MAGIC):
        raise ImportRefusedError(
            _("Older Office files (.doc) cannot be read; save the document as .docx or PDF.")
        )
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefusedError(
            _("This type of file cannot be read. Upload PDF, Word (.docx), HTML, text or ZIP.")
        )


# --- creating a batch from an upload --------------------------------------------------------------


def upload_dir(batch_id: int) -> Path:
    """Where the files of one upload are kept, untouched, for the task to read."""
    return Path(settings.MEDIA_ROOT) / "imports" / str(batch_id)


def _safe_name(name: str, fallback: str) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name.strip()
    return base if base not in ("", ".", "..") else fallback


def batch_new(
    *, body: Body, user: User | None, files: int, meeting_date: dt.date | None
) -> ImportBatch:
    """A queued batch; the given meeting date is kept in its summary for the task to use."""
    batch = ImportBatch(
        body=body,
        created_by=user,
        total_files=files,
        summary={"meeting_date": meeting_date.isoformat() if meeting_date else None},
    )
    batch.full_clean()
    batch.save()
    return batch


@transaction.atomic
def batch_create(
    *,
    files: Sequence[File[Any]],
    body: Body,
    user: User,
    meeting_date: dt.date | None = None,
) -> ImportBatch:
    """Save an upload untouched and queue its import; returns the new batch.

    ``meeting_date`` is used for documents that do not give their date. The task is queued when
    the transaction commits, so that it always finds the batch and its files.
    """
    from .tasks import import_batch  # the task module imports this one

    if not permissions.can_edit(user, body):
        raise PermissionDenied
    if not files:
        raise ImportRefusedError(_("Choose at least one file."))
    for file in files:
        upload_check(file)
    batch = batch_new(body=body, user=user, files=len(files), meeting_date=meeting_date)
    folder = upload_dir(batch.pk)
    # A rolled-back upload can leave files under an id that SQLite then gives out again.
    shutil.rmtree(folder, ignore_errors=True)
    for number, file in enumerate(files, start=1):
        # One folder per file keeps the upload order and the original names, even repeated ones.
        target = folder / f"{number:04d}" / _safe_name(file.name or "", f"fil-{number}")
        target.parent.mkdir(parents=True, exist_ok=True)
        file.seek(0)
        with target.open("wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
    transaction.on_commit(lambda: import_batch.enqueue(batch.pk))
    return batch


def batch_uploads(batch_id: int) -> list[Path]:
    """The files saved for a batch, in upload order."""
    folder = upload_dir(batch_id)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*/*") if p.is_file())


# --- files and archive members ------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One document to import: a file, or a member of an archive."""

    name: str
    read: Callable[[], bytes]

    @property
    def file_name(self) -> str:
        return PurePosixPath(self.name).name


def files_in(paths: Iterable[Path]) -> list[Path]:
    """Every file under the given files and folders, recursively, sorted; hidden files skipped."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not _is_junk(p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return found


def _is_junk(parts: Sequence[str]) -> bool:
    return any(part in _JUNK_FOLDERS or part.startswith(".") for part in parts) or (
        bool(parts) and parts[-1].lower() in _JUNK_FILES
    )


def _read_file(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        with path.open("rb") as handle:
            data = handle.read(MAX_UPLOAD_BYTES + 1)
        return data

    return read


def _open_archive(path: Path, stack: ExitStack) -> zipfile.ZipFile | None:
    """The file as an archive to expand, or None when it is a document (a .docx is a ZIP too)."""
    with path.open("rb") as handle:
        if handle.read(4) != b"PK\x03\x04":
            return None
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None  # the engine names the damage when it reads the file
    names = set(archive.namelist())
    # Office Open XML and OpenDocument files are ZIP packages: they are documents, not folders.
    if "[Content_Types].xml" in names or "mimetype" in names:
        archive.close()
        return None
    stack.enter_context(archive)
    return archive


class _Archive:
    """Reads the members of one archive, within the limits on their number and total size."""

    def __init__(self, archive: zipfile.ZipFile, label: str) -> None:
        self.archive = archive
        self.label = label
        self.expanded = 0

    def entries(self) -> list[Entry]:
        members = sorted(
            (
                info
                for info in self.archive.infolist()
                if not info.is_dir() and not _is_junk(_member_parts(info.filename))
            ),
            key=lambda info: info.filename,
        )
        if len(members) > MAX_ARCHIVE_MEMBERS:
            reason = _("The archive holds more than %(limit)d files; split it into smaller ones.")
            return [Entry(self.label, _refuse(reason % {"limit": MAX_ARCHIVE_MEMBERS}))]
        return [
            Entry(f"{self.label}/{'/'.join(_member_parts(info.filename))}", self._reader(info))
            for info in members
        ]

    def _reader(self, info: zipfile.ZipInfo) -> Callable[[], bytes]:
        def read() -> bytes:
            if info.flag_bits & 0x1:
                raise ImportRefusedError(_("The file is password-protected in the archive."))
            if self.expanded + min(info.file_size, MAX_UPLOAD_BYTES) > MAX_ARCHIVE_BYTES:
                raise ImportRefusedError(
                    _("The archive expands to more than %(limit)d MB; split it into smaller ones.")
                    % {"limit": MAX_ARCHIVE_BYTES // 2**20}
                )
            try:
                with self.archive.open(info) as member:
                    # Read one byte past the limit: the sizes in an archive's header can lie.
                    data = member.read(MAX_UPLOAD_BYTES + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
                raise ImportRefusedError(
                    _("The file is damaged in the archive and cannot be unpacked.")
                ) from exc
            self.expanded += len(data)
            return data

        return read


def _member_parts(name: str) -> tuple[str, ...]:
    # Only the path's own names are kept: "..", "." and drive or root prefixes are dropped.
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return tuple(p for p in parts if p not in ("", ".", "..", "/") and not p.endswith(":"))


def _refuse(reason: str) -> Callable[[], bytes]:
    def read() -> bytes:
        raise ImportRefusedError(reason)

    return read


def _entries(paths: Sequence[Path], labels: Sequence[str], stack: ExitStack) -> list[Entry]:
    entries: list[Entry] = []
    for path, label in zip(paths, labels, strict=True):
        archive = _open_archive(path, stack)
        if archive is None:
            entries.append(Entry(label, _read_file(path)))
        else:
            entries.extend(_Archive(archive, label).entries())
    return entries


# --- running a batch ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileResult:
    """What became of one file of a batch."""

    name: str
    status: Literal["imported", "already", "skipped"]
    message: str = ""
    meeting_id: int | None = None
    items: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    date_source: Literal["", "given", "name"] = ""
    date: dt.date | None = None


Progress = Callable[[int, int, FileResult], None]


def date_in_name(name: str) -> dt.date | None:
    """The last valid YYYY-MM-DD date in a file name or path, if any."""
    for match in reversed(list(_NAME_DATE.finditer(name))):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


def _import_entry(
    entry: Entry,
    *,
    body: Body | None,
    meeting_date: dt.date | None,
    batch: ImportBatch,
    engine: Engine,
) -> FileResult:
    data = entry.read()
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefusedError(
            _("The file is too large (more than %(limit)d MB).")
            % {"limit": MAX_UPLOAD_BYTES // 2**20}
        )
    # The document's own date comes first; the given date, else a date in the file name, is used
    # only when the document has none.
    try:
        outcome = document_import(
            data=data, name=entry.file_name, body=body, batch=batch, engine=engine
        )
        source: Literal["", "given", "name"] = ""
        date: dt.date | None = None
    except MissingMeetingDateError:
        source, date = (
            ("given", meeting_date) if meeting_date else ("name", date_in_name(entry.name))
        )
        if date is None:
            raise
        outcome = document_import(
            data=data,
            name=entry.file_name,
            body=body,
            meeting_date=date,
            batch=batch,
            engine=engine,
        )
    meeting_id = outcome.meeting.pk if outcome.meeting else None
    if not outcome.created:
        return FileResult(entry.name, "already", outcome.message, meeting_id)
    return FileResult(
        entry.name,
        "imported",
        meeting_id=meeting_id,
        items=outcome.items,
        codes=outcome.codes,
        date_source=source,
        date=date,
    )


def _file_result(entry: Entry, **kwargs: Any) -> FileResult:
    try:
        return _import_entry(entry, **kwargs)
    except ImportRefusedError as exc:
        return FileResult(entry.name, "skipped", exc.reason)
    except Exception:
        # The engine reads files from anywhere; a fault on one must not stop the others. The
        # file's transaction is rolled back, and the trace goes to the log for the developers.
        logger.exception("import of %s failed", entry.name)
        return FileResult(entry.name, "skipped", _("The file could not be read (internal error)."))


def batch_run(
    *,
    batch: ImportBatch,
    paths: Sequence[Path],
    labels: Sequence[str] | None = None,
    meeting_date: dt.date | None = None,
    engine: Engine | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Import the files (archives expanded) into the batch's body; returns the summary.

    Not one transaction: every file is its own, so a bad file changes nothing and the rest go on.
    The summary is kept on the batch; its reasons are in the site's first language, Swedish.
    """
    labels = labels if labels is not None else [p.name for p in paths]
    with translation.override(settings.LANGUAGE_CODE), ExitStack() as stack:
        try:
            _set(batch, status=ImportStatus.RUNNING, processed_files=0)
            entries = _entries(paths, labels, stack)
            _set(batch, total_files=len(entries))
            engine = engine or engine_default()
            results: list[FileResult] = []
            for done, entry in enumerate(entries, start=1):
                result = _file_result(
                    entry, body=batch.body, meeting_date=meeting_date, batch=batch, engine=engine
                )
                results.append(result)
                _set(batch, processed_files=done)
                if progress is not None:
                    progress(done, len(entries), result)
            summary = summarise(batch, results, meeting_date=meeting_date)
        except Exception as exc:
            _set(batch, status=ImportStatus.FAILED, error=str(exc), finished_at=timezone.now())
            raise
        _set(batch, status=ImportStatus.DONE, summary=summary, finished_at=timezone.now())
    return summary


def _set(batch: ImportBatch, **values: Any) -> None:
    for name, value in values.items():
        setattr(batch, name, value)
    batch.save(update_fields=list(values))


def batch_process(*, batch_id: int) -> dict[str, Any]:
    """Import the files saved for an uploaded batch (what the task runs)."""
    batch = ImportBatch.objects.select_related("body").get(pk=batch_id)
    given = (batch.summary or {}).get("meeting_date")
    paths = batch_uploads(batch_id)
    return batch_run(
        batch=batch,
        paths=paths,
        labels=[p.name for p in paths],
        meeting_date=dt.date.fromisoformat(given) if given else None,
    )


# --- the summary ----------------------------------------------------------------------------------


def summarise(
    batch: ImportBatch, results: Sequence[FileResult], *, meeting_date: dt.date | None
) -> dict[str, Any]:
    """The summary as JSON-ready data: counts, codes, meetings, and every file not imported."""
    imported = [r for r in results if r.status == "imported"]
    meeting_ids = sorted({r.meeting_id for r in imported if r.meeting_id is not None})
    # A meeting is new when every item it has came from this batch.
    older = set(
        AgendaItem.objects.filter(meeting_id__in=meeting_ids)
        .exclude(document__batch=batch)
        .values_list("meeting_id", flat=True)
    )
    codes = dict.fromkeys(EUCode.values, 0)
    for result in imported:
        for code, count in result.codes.items():
            codes[code] = codes.get(code, 0) + count
    return {
        "meeting_date": meeting_date.isoformat() if meeting_date else None,
        "files": len(results),
        "imported": len(imported),
        "meetings": meeting_ids,
        "meetings_created": len([m for m in meeting_ids if m not in older]),
        "meetings_touched": len([m for m in meeting_ids if m in older]),
        "items": sum(r.items for r in imported),
        "codes": codes,
        "already_imported": [
            {"name": r.name, "message": r.message, "meeting": r.meeting_id}
            for r in results
            if r.status == "already"
        ],
        "skipped": [
            {"name": r.name, "reason": r.message} for r in results if r.status == "skipped"
        ],
        "dated": [
            {"name": r.name, "date": r.date.isoformat(), "source": r.date_source}
            for r in imported
            if r.date_source and r.date
        ],
    }


def summary_lines(summary: dict[str, Any]) -> Iterator[str]:
    """The summary as lines of text, for the command line."""
    yield ngettext(
        "%(count)d file: %(imported)d imported, %(already)d already imported, %(skipped)d skipped.",
        "%(count)d files: %(imported)d imported, %(already)d already imported, "
        "%(skipped)d skipped.",
        summary["files"],
    ) % {
        "count": summary["files"],
        "imported": summary["imported"],
        "already": len(summary["already_imported"]),
        "skipped": len(summary["skipped"]),
    }
    yield _("Meetings: %(created)d new, %(touched)d with new items.") % {
        "created": summary["meetings_created"],
        "touched": summary["meetings_touched"],
    }
    labels = dict(EUCode.choices)
    codes = ", ".join(f"{labels[code]} {summary['codes'].get(code, 0)}" for code in EUCode.values)
    yield _("Agenda items: %(items)d (%(codes)s).") % {"items": summary["items"], "codes": codes}
    for dated in summary["dated"]:
        template = (
            _("%(name)s: no date in the document; the date in the file name, %(date)s, was used.")
            if dated["source"] == "name"
            else _("%(name)s: no date in the document; the given date, %(date)s, was used.")
        )
        yield template % dated
    for already in summary["already_imported"]:
        yield f"{already['name']}: {already['message']}"
    for skipped in summary["skipped"]:
        yield _("Skipped %(name)s: %(reason)s") % skipped


def batch_list() -> QuerySet[ImportBatch]:
    """Earlier imports, newest first, with what their rows show."""
    return ImportBatch.objects.select_related("body", "created_by").order_by("-created_at")


def batch_meetings(batch: ImportBatch) -> QuerySet[Meeting]:
    """The meetings the batch imported into, oldest first."""
    ids = (batch.summary or {}).get("meetings", [])
    return Meeting.objects.filter(pk__in=ids).select_related("body").order_by("date", "body__name")
