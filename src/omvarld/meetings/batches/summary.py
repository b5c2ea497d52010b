"""What a batch did: the summary kept on the batch for its page, and as lines for the command."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..constants import EUCode
from ..models import AgendaItem, ImportBatch

if TYPE_CHECKING:
    from .run import FileResult


def summarise(
    batch: ImportBatch, results: Sequence[FileResult], *, meeting_date: Any
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


def printable_name(name: str) -> str:
    """A file name as it can be printed on a terminal or in a log: line breaks, tabs, other
    control characters and bidirectional overrides are shown as escapes (``\\n``, ``\\u202e``),
    so a name cannot break a line, forge one or reorder what is shown around it."""
    out = []
    for char in name:
        if char.isprintable() and unicodedata.category(char) not in ("Cf", "Zl", "Zp"):
            out.append(char)
        elif char in "\n\r\t":
            out.append(repr(char)[1:-1])
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
    return "".join(out)


def summary_lines(summary: dict[str, Any]) -> Iterator[str]:
    """The summary as lines of text, for the command line; file names printed safely."""
    return (printable_name(line) for line in _lines(summary))


def _lines(summary: dict[str, Any]) -> Iterator[str]:
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
