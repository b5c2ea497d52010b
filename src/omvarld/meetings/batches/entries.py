"""The documents of a batch: its files, and the members of the ZIP archives among them.

A file is read through an opener (a local path for the command, Django's storage for an upload),
so that the same run serves both. Archives are expanded in memory (never onto the disk, so a
member's name cannot point outside the folder), within limits on the number of members and the
bytes they expand to.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from ..constants import MAX_UPLOAD_BYTES
from ..services import ImportRefusedError

#: An archive with more members than this is refused as a whole.
MAX_ARCHIVE_MEMBERS = 2000
#: The most bytes the members of one archive may expand to, together (a "ZIP bomb" guard).
MAX_ARCHIVE_BYTES = 20 * MAX_UPLOAD_BYTES

_JUNK_FOLDERS = {"__MACOSX"}
_JUNK_FILES = {"thumbs.db", "desktop.ini"}

Opener = Callable[[], IO[bytes]]


@dataclass(frozen=True)
class Source:
    """One file given to a batch: the name it is shown by, and how to open it."""

    label: str
    open: Opener


@dataclass(frozen=True)
class Entry:
    """One document to import: a file, or a member of an archive."""

    name: str
    read: Callable[[], bytes]

    @property
    def file_name(self) -> str:
        return PurePosixPath(self.name).name


def local_source(path: Path, label: str) -> Source:
    return Source(label, lambda: path.open("rb"))


def stored_source(storage_name: str, label: str) -> Source:
    """A file kept in the storage (an upload): any worker on any machine can read it."""
    return Source(label, lambda: default_storage.open(storage_name, "rb"))


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


def _unreadable() -> ImportRefusedError:
    return ImportRefusedError(_("The file could not be read from the storage; upload it again."))


def _read_source(source: Source) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            with source.open() as handle:
                return handle.read(MAX_UPLOAD_BYTES + 1)
        except OSError as exc:
            raise _unreadable() from exc

    return read


def _open_archive(source: Source, stack: ExitStack) -> zipfile.ZipFile | None:
    """The file as an archive to expand, or None when it is a document (a .docx is a ZIP too)."""
    try:
        handle = source.open()
    except OSError:
        return None  # reading it names the problem
    try:
        if handle.read(4) != b"PK\x03\x04":
            handle.close()
            return None
        handle.seek(0)
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError):
        handle.close()
        return None  # the engine names the damage when it reads the file
    names = set(archive.namelist())
    # Office Open XML and OpenDocument files are ZIP packages: they are documents, not folders.
    if "[Content_Types].xml" in names or "mimetype" in names:
        archive.close()
        handle.close()
        return None
    stack.enter_context(handle)
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


def entries_of(sources: Sequence[Source], stack: ExitStack) -> list[Entry]:
    """The documents of the sources in order, archives expanded; open archives stay on ``stack``."""
    entries: list[Entry] = []
    for source in sources:
        archive = _open_archive(source, stack)
        if archive is None:
            entries.append(Entry(source.label, _read_source(source)))
        else:
            entries.extend(_Archive(archive, source.label).entries())
    return entries
