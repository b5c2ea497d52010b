"""The European Parliament's open data (``data.europarl.europa.eu/api/v2``): procedures and the
dated events that move them through their stages, as JSON-LD (``{"data": [...], "@context"}``).
"""

from __future__ import annotations

import re
from typing import Any

from omvarld.core.http_client import HttpClient, SourceHTTPError

from .records import (
    RECORD_ERRORS,
    Fetched,
    ParsedInitiative,
    ParsedStage,
    ParseResult,
    Problem,
    load_json,
    parse_date,
)

__all__ = ["API", "fetch", "parse", "procedure_url", "stage_for_activity"]

API = "https://data.europarl.europa.eu/api/v2"
PROCEDURE = re.compile(r"^(\d{4})/(\d{4})\(([A-Z]{3})\)$")
PROCESS_ID = re.compile(r"^(\d{4})-(\d{4})$")

# Activity types by their last path segment (``def/ep-activities/PLENARY_AMEND_PROPOSAL``). The
# words are matched in order, so the more final stages come first.
_ACTIVITY_STAGES = (
    ("SIGNATURE", "adopted"),
    ("FINAL_ACT", "adopted"),
    ("PUBLICATION_OFFICIAL_JOURNAL", "adopted"),
    ("PROVISIONAL_AGREEMENT", "agreement"),
    ("INTERINSTITUTIONAL", "agreement"),
    ("TRILOGUE", "agreement"),
    ("COMMISSION_PROPOSAL", "proposal"),
    ("PLENARY", "parliament_council"),
    ("COMMITTEE", "parliament_council"),
    ("REFERRAL", "parliament_council"),
    ("COUNCIL", "parliament_council"),
)


def stage_for_activity(activity_type: object) -> str:
    """The platform's stage for a Parliament activity type; empty when it says nothing of one."""
    if not isinstance(activity_type, str) or not activity_type:
        return ""
    code = activity_type.rstrip("/").rsplit("/", 1)[-1].upper()
    for word, stage in _ACTIVITY_STAGES:
        if word in code:
            return stage
    return ""


def procedure_url(reference: str) -> str:
    """The API address of one procedure, from its reference ``2021/0211(COD)``."""
    m = PROCEDURE.match(reference)
    if not m:
        raise ValueError(f"not a procedure reference: {reference!r}")
    return f"{API}/procedures/{m.group(1)}-{m.group(2)}"


def _reference(item: dict[str, Any]) -> str:
    label = item.get("label")
    if isinstance(label, str) and PROCEDURE.match(label.strip()):
        return label.strip()
    process_id = item.get("process_id")
    process_type = item.get("process_type")
    if isinstance(process_id, str) and isinstance(process_type, str):
        m = PROCESS_ID.match(process_id.strip())
        kind = process_type.rstrip("/").rsplit("/", 1)[-1].upper()
        if m and re.fullmatch(r"[A-Z]{3}", kind):
            return f"{m.group(1)}/{m.group(2)}({kind})"
    raise ValueError("no procedure reference (neither label nor process_id and process_type)")


def _titles(item: dict[str, Any]) -> tuple[str, str]:
    titles = item.get("process_title")
    if not isinstance(titles, dict):
        return "", ""
    sv, en = titles.get("sv"), titles.get("en")
    return (sv.strip() if isinstance(sv, str) else "", en.strip() if isinstance(en, str) else "")


_READ = frozenset({"label", "process_id", "process_type", "process_title", "consists_of"})


def _activities(value: object) -> list[Any]:
    """The events of a procedure: a list, or one event alone (JSON-LD compacts a one-item list)."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    if not isinstance(value, list):
        raise ValueError(f"consists_of is not a list of events ({type(value).__name__})")
    return value


def _procedure(item: dict[str, Any], where: str) -> ParsedInitiative:
    reference = _reference(item)
    title_sv, title_en = _titles(item)
    parsed = ParsedInitiative(
        where=where,
        procedure_reference=reference,
        title_sv=title_sv,
        title_en=title_en,
        url=(
            "https://oeil.secure.europarl.europa.eu/oeil/popups/ficheprocedure.do"
            f"?reference={reference}&l=en"
        ),
        extra={k: v for k, v in item.items() if k not in _READ},
    )
    first: dict[str, Any] = {}
    unknown: list[str] = []
    for activity in _activities(item.get("consists_of")):
        if not isinstance(activity, dict):
            continue
        kind = activity.get("had_activity_type")
        stage = stage_for_activity(kind)
        day = parse_date(activity.get("activity_date"))
        if not stage:
            if isinstance(kind, str) and kind not in unknown:
                unknown.append(kind)
            continue
        if stage not in first or (day and (first[stage] is None or day < first[stage])):
            first[stage] = day
    parsed.stages = [ParsedStage(stage, day) for stage, day in first.items()]
    # A list entry names only the procedure (the real /procedures list): it completes an
    # initiative already followed but does not start a nameless one.
    parsed.update_only = not (title_sv or title_en or parsed.stages)
    if unknown:
        parsed.extra["activity_types_without_stage"] = unknown
    return parsed


def parse(payload: str | bytes) -> ParseResult:
    """Procedures from a list or detail answer of ``/procedures``.

    Raises ``ValueError`` only when the payload is not JSON-LD with a ``data`` list.
    """
    data = load_json(payload)
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise ValueError("not a Parliament open-data answer (no data list)")
    result = ParseResult()
    for index, item in enumerate(data["data"]):
        where = f"data[{index}]"
        if not isinstance(item, dict):
            result.problems.append(Problem(where, "the record is not an object"))
            continue
        try:
            result.initiatives.append(_procedure(item, where))
        except RECORD_ERRORS as exc:
            result.problems.append(Problem(where, str(exc) or exc.__class__.__name__))
    return result


def fetch(client: HttpClient, *, references: list[str]) -> list[Fetched]:
    """The full record of each followed procedure."""
    answers: list[Fetched] = []
    for reference in references:
        url = procedure_url(reference)
        try:
            response = client.get(url, params={"format": "application/ld+json"})
        except SourceHTTPError as exc:
            # A procedure the Parliament does not know (yet) is logged; the others go on.
            answers.append(Fetched(f"GET {url}", exc.status, ""))
            continue
        answers.append(Fetched(f"GET {url}", response.status, response.text))
    return answers
