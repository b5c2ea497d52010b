"""What the connectors make of a payload: plain records, no Django, ready for the sync services."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "RECORD_ERRORS",
    "Fetched",
    "ParseResult",
    "ParsedAct",
    "ParsedDocument",
    "ParsedInitiative",
    "ParsedStage",
    "ParsedWindow",
    "Problem",
    "com_number_for",
    "load_json",
    "parse_date",
]

#: What reading one record of an unexpected shape can raise (a number where a list was
#: expected, a missing key, ...): the parsers catch these per record and report a problem.
RECORD_ERRORS = (TypeError, ValueError, KeyError, AttributeError)


def load_json(payload: str | bytes) -> Any:
    """The payload decoded; ``ValueError`` for anything that is not JSON, including a document
    nested deeper than the decoder can follow (which raises ``RecursionError`` in the standard
    library and would otherwise escape every per-payload error handler)."""
    try:
        return json.loads(payload)
    except RecursionError:
        raise ValueError("the payload is nested too deeply to be read") from None


_DATE = re.compile(r"^(\d{4})[-/](\d{2})[-/](\d{2})")


@dataclass(frozen=True, slots=True)
class Fetched:
    """One answer from a source: what was asked, the HTTP status and the raw payload."""

    request: str
    status: int | None
    payload: str


@dataclass(frozen=True, slots=True)
class Problem:
    """A record that could not be read, and where it was in the payload."""

    where: str
    error: str

    def as_dict(self) -> dict[str, str]:
        return {"where": self.where, "error": self.error}


@dataclass(slots=True)
class ParsedAct:
    """An EU act as a source describes it, keyed by CELEX."""

    celex: str
    title_sv: str = ""
    title_en: str = ""
    eli: str = ""
    date_adopted: dt.date | None = None
    date_in_force: dt.date | None = None
    transposition_deadline: dt.date | None = None
    resource_type: str = ""
    eurovoc: list[str] = field(default_factory=list)
    amends: list[str] = field(default_factory=list)
    repeals: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A document a source published at a stage (an annex, a call for evidence, a draft act)."""

    title: str
    language: str
    url: str
    filename: str = ""
    original: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "language": self.language,
            "url": self.url,
            "filename": self.filename,
            "original": self.original,
        }


@dataclass(frozen=True, slots=True)
class ParsedStage:
    stage: str
    date: dt.date | None
    note: str = ""
    documents: tuple[ParsedDocument, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedWindow:
    kind: str
    opens: dt.date | None
    closes: dt.date | None
    external_id: str
    url: str = ""
    #: The source's own word on it: "open", "closed", "upcoming" or "" (not said).
    status: str = ""


@dataclass(slots=True)
class ParsedInitiative:
    """An initiative as one source describes it; empty fields mean the source did not say."""

    where: str
    haveyoursay_id: int | None = None
    procedure_reference: str = ""
    com_number: str = ""
    proposal_celex: str = ""
    commission_reference: str = ""
    title_sv: str = ""
    title_en: str = ""
    summary_sv: str = ""
    summary_en: str = ""
    url: str = ""
    eurovoc: list[str] = field(default_factory=list)
    #: The platform's area codes the source's own subject codes point to.
    areas: list[str] = field(default_factory=list)
    acts: list[tuple[str, str]] = field(default_factory=list)
    stages: list[ParsedStage] = field(default_factory=list)
    windows: list[ParsedWindow] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    #: Only complete an initiative already followed; never start one.
    update_only: bool = False


@dataclass(slots=True)
class ParseResult:
    acts: list[ParsedAct] = field(default_factory=list)
    initiatives: list[ParsedInitiative] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def records(self) -> int:
        return len(self.acts) + len(self.initiatives)


def parse_date(value: object) -> dt.date | None:
    """A date from the forms the sources use: ``2021-07-14``, ``2021/07/14 23:59:59``,
    ``2021-07-14T00:00:00Z``; anything else is None."""
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_PROPOSAL_CELEX = re.compile(r"^5(\d{4})PC(\d{4})")


def com_number_for(celex: str) -> str:
    """``COM(2021) 551`` for the proposal ``52021PC0551``; empty for anything else."""
    m = _PROPOSAL_CELEX.match(celex)
    if not m:
        return ""
    return f"COM({m.group(1)}) {int(m.group(2))}"
