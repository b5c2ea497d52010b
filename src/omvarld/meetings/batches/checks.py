"""Who may import, and what an upload must be before anything is stored."""

from __future__ import annotations

from typing import Any

from django.core.files import File
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from omvarld.accounts.constants import Role
from omvarld.core import permissions
from omvarld.organisation.models import Body

from ..constants import MAX_UPLOAD_BYTES
from ..services import ImportRefusedError

#: The most files one upload may hold; more go in a ZIP archive (Django refuses the request
#: beyond ``DATA_UPLOAD_MAX_NUMBER_FILES``, which the settings keep above this).
MAX_UPLOAD_FILES = 100

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGICS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")


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


def upload_count_check(count: int) -> None:
    """Refuse an upload of more files than one batch takes, saying what to do instead."""
    if count > MAX_UPLOAD_FILES:
        raise ImportRefusedError(
            _(
                "You chose %(count)d files; at most %(limit)d can be uploaded at a time. Upload "
                "them in several rounds, or put them in a ZIP archive and upload that."
            )
            % {"count": count, "limit": MAX_UPLOAD_FILES}
        )


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
