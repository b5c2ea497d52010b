"""The EU Funding & Tenders portal's search API: the request for open and forthcoming calls, and
what its answer means, read defensively. Plain Python, no Django.

The portal's own pages search through ``https://api.tech.ec.europa.eu/search-api/prod/rest/search``
with the public key ``SEDIA``. The paging and the free text go in the query string; the filter,
the languages and the sort go in a ``multipart/form-data`` body, each part a JSON "blob" (public
clients report that the gateway refuses them as plain form fields). The answer is a JSON object with
``totalResults`` and ``results``; each result carries its fields in ``metadata`` as lists of
strings (``identifier``, ``title``, ``callIdentifier``, ``callTitle``, ``startDate``,
``deadlineDate``, ``status``, ``frameworkProgramme``, ``typesOfAction``, ``keywords``,
``budgetOverview`` (a JSON string), ``description`` ...). No answer of the live service was
recorded for this platform: the format is taken from public code that reads it (see
``docs/funding.md``), so every field is optional here and anything unexpected becomes a problem
of its record, never of the payload. Problems are worded in Swedish: the coordinator who imports
a file reads them.

Only :mod:`omvarld.core.http_client` reaches the network.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import secrets
import urllib.parse
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from omvarld.core.http_client import HttpClient

__all__ = [
    "RECORD_ERRORS",
    "SEARCH_URL",
    "Fetched",
    "ParsedCall",
    "PortalResult",
    "Problem",
    "fetch",
    "parse",
    "search_body",
    "topic_url",
]

SEARCH_URL = "https://api.tech.ec.europa.eu/search-api/prod/rest/search"
API_KEY = "SEDIA"
TOPIC_URL = (
    "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
    "topic-details/{identifier}"
)
#: The portal's status codes, as its own pages and every public client send them.
STATUSES = {"31094501": "forthcoming", "31094502": "open", "31094503": "closed"}
#: The kinds of opportunity the portal's grants search asks for (calls for proposals).
GRANT_TYPES = ["1", "2", "8"]
PROGRAMME_PERIOD = "2021 - 2027"
PAGE_SIZE = 100
#: A politeness cap: a sync never asks for more pages than this.
MAX_PAGES = 30
MAX_DESCRIPTION = 10_000
#: Deadlines are given as instants (e.g. 17:00 Brussels time, written in UTC); the day that
#: counts is the day in Stockholm, which keeps Brussels time.
LOCAL = zoneinfo.ZoneInfo("Europe/Stockholm")

#: What reading one record of an unexpected shape can raise (a number where a list was expected,
#: a missing key): caught per record and reported as a problem of that record.
RECORD_ERRORS = (TypeError, ValueError, KeyError, AttributeError)

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t\r\f\v]+")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")


def search_query(statuses: Iterable[str] = ("31094501", "31094502")) -> dict[str, Any]:
    """The portal's filter: grants of 2021–2027 with the given statuses (default: forthcoming
    and open)."""
    return {
        "bool": {
            "must": [
                {"terms": {"type": GRANT_TYPES}},
                {"terms": {"status": list(statuses)}},
                {"term": {"programmePeriod": PROGRAMME_PERIOD}},
            ]
        }
    }


def search_body(query: Mapping[str, Any], *, boundary: str) -> bytes:
    """The multipart body: the filter, the language and the sort, each a JSON part."""
    parts = {
        "query": query,
        "languages": ["en"],
        "sort": {"field": "startDate", "order": "DESC"},
    }
    chunks: list[bytes] = []
    for name, value in parts.items():
        chunks += [
            f"--{boundary}\r\n".encode(),
            f'Content-Disposition: form-data; name="{name}"; filename="blob"\r\n'.encode(),
            b"Content-Type: application/json\r\n\r\n",
            json.dumps(value, separators=(",", ":")).encode("utf-8"),
            b"\r\n",
        ]
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks)


def _total(payload: str) -> int | None:
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    total = data.get("totalResults") if isinstance(data, dict) else None
    return total if isinstance(total, int) and not isinstance(total, bool) else None


def fetch(
    client: HttpClient, *, page_size: int = PAGE_SIZE, max_pages: int = MAX_PAGES
) -> list[Fetched]:
    """Every page of open and forthcoming calls, as the portal answered them.

    Paging stops at ``totalResults``, at an empty or unreadable page, or at ``max_pages``.
    Raises :class:`~omvarld.core.http_client.SourceError` when the portal cannot
    be reached; pages already fetched are then lost with the error, as nothing was applied.
    """
    query = search_query()
    answers: list[Fetched] = []
    for page in range(1, max_pages + 1):
        params: dict[str, str | int] = {
            "apiKey": API_KEY,
            "text": "***",
            "pageSize": page_size,
            "pageNumber": page,
        }
        boundary = f"omvarld{secrets.token_hex(12)}"
        response = client.post(
            SEARCH_URL,
            params=params,
            body=search_body(query, boundary=boundary),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        described = (
            f"POST {SEARCH_URL}?{urllib.parse.urlencode(params)} "
            f"query={json.dumps(query, separators=(',', ':'))}"
        )
        answers.append(Fetched(request=described, status=response.status, payload=response.text))
        total = _total(response.text)
        if total is None or page * page_size >= total:
            break
    return answers


@dataclass(frozen=True, slots=True)
class Fetched:
    """One answer of the portal: what was asked, the HTTP status and the raw payload."""

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
class ParsedCall:
    """A call as the portal describes it; empty fields mean the portal did not say."""

    where: str
    identifier: str
    title: str
    call_identifier: str = ""
    call_title: str = ""
    description: str = ""
    opens: dt.date | None = None
    deadlines: list[dt.date] = field(default_factory=list)
    deadline_model: str = ""
    budget: Decimal | None = None
    types_of_action: str = ""
    keywords: list[str] = field(default_factory=list)
    url: str = ""
    status: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        """The programme part of the topic identifier: CERV for CERV-2025-CITIZENS-TOWN-TT."""
        return self.identifier.split("-", 1)[0].upper()

    def deadline_on(self, day: dt.date) -> dt.date | None:
        """The deadline that counts on the day: the next one, or the last one when all passed."""
        coming = [d for d in self.deadlines if d >= day]
        if coming:
            return min(coming)
        return max(self.deadlines) if self.deadlines else None


@dataclass(slots=True)
class PortalResult:
    calls: list[ParsedCall] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total: int | None = None


def _strings(value: object) -> list[str]:
    """A metadata value as a list of non-empty strings (the portal sends lists of strings)."""
    values = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in values if isinstance(v, str | int | float) and str(v).strip()]


def _first(metadata: Mapping[str, Any], *keys: str) -> str:
    for key in keys:
        found = _strings(metadata.get(key))
        if found:
            return found[0]
    return ""


def plain_text(value: str) -> str:
    """Text from the portal's HTML descriptions: tags out, entities decoded, spaces tidied."""
    text = html.unescape(_TAG.sub(" ", value.replace("<br>", "\n").replace("</p>", "\n")))
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:MAX_DESCRIPTION]


def portal_date(value: str) -> dt.date | None:
    """The day (in Stockholm) of an instant such as ``2026-05-01T17:00:00.000+0000``, or of a
    plain ``2026-05-01``; None for anything else."""
    text = value.strip()
    plain = _DATE.match(text)
    if plain:
        try:
            return dt.date(int(plain[1]), int(plain[2]), int(plain[3]))
        except ValueError:
            return None
    text = _OFFSET.sub(r"\1:\2", text.replace("Z", "+00:00"))
    try:
        instant = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if instant.tzinfo is None:
        return instant.date()
    return instant.astimezone(LOCAL).date()


def topic_url(identifier: str) -> str:
    return TOPIC_URL.format(identifier=urllib.parse.quote(identifier, safe=""))


def _budget(raw: str, identifier: str) -> tuple[Decimal | None, dict[str, Any]]:
    """The topic's budget from ``budgetOverview``: the sum of the per-year amounts of its
    actions (those named "<identifier> - ..."), or of the only action when there is one."""
    if not raw:
        return None, {}
    overview = json.loads(raw)
    action_map = overview.get("budgetTopicActionMap") if isinstance(overview, dict) else None
    if not isinstance(action_map, dict):
        return None, {}
    actions = [
        a for v in action_map.values() if isinstance(v, list) for a in v if isinstance(a, dict)
    ]
    mine = [a for a in actions if str(a.get("action", "")).startswith(f"{identifier} - ")]
    chosen = mine or (actions if len(actions) == 1 else [])
    total = Decimal(0)
    for action in chosen:
        years = action.get("budgetYearMap")
        if isinstance(years, dict):
            for amount in years.values():
                try:
                    total += Decimal(str(amount))
                except InvalidOperation:
                    raise ValueError(f"budgetbeloppet {amount!r} är inget tal") from None
    kept = {
        key: chosen[0][key]
        for key in ("expectedGrants", "minContribution", "maxContribution")
        if chosen and key in chosen[0]
    }
    return (total if chosen and total > 0 else None), kept


def _call(index: int, result: Mapping[str, Any]) -> ParsedCall:
    metadata = result.get("metadata") or {}
    if not isinstance(metadata, Mapping):
        raise ValueError("metadata är inget objekt")
    identifier = _first(metadata, "identifier")
    where = f"results[{index}]" + (f" {identifier}" if identifier else "")
    if not identifier:
        raise ValueError("ämnes-id (identifier) saknas")
    title = _first(metadata, "title") or str(result.get("title") or "").strip()
    title = title or str(result.get("summary") or "").strip()
    if not title:
        raise ValueError("titel saknas")
    starts = [d for d in map(portal_date, _strings(metadata.get("startDate"))) if d]
    deadlines = sorted({d for d in map(portal_date, _strings(metadata.get("deadlineDate"))) if d})
    budget, budget_terms = _budget(_first(metadata, "budgetOverview"), identifier)
    code = _first(metadata, "status")
    description = _first(metadata, "description", "descriptionByte")
    description = description or str(result.get("content") or result.get("summary") or "")
    extra: dict[str, Any] = {
        "reference": str(result.get("reference") or ""),
        "status_code": code,
        "frameworkProgramme": _first(metadata, "frameworkProgramme"),
        "programmeDivision": _strings(metadata.get("programmeDivision")),
        "type": _first(metadata, "type"),
        "crossCuttingPriorities": _strings(metadata.get("crossCuttingPriorities")),
        "language": str(result.get("language") or _first(metadata, "language")),
        **({"budget_terms": budget_terms} if budget_terms else {}),
    }
    return ParsedCall(
        where=where,
        identifier=identifier,
        title=plain_text(title)[:500],
        call_identifier=_first(metadata, "callIdentifier")[:120],
        call_title=plain_text(_first(metadata, "callTitle"))[:500],
        description=plain_text(description),
        opens=min(starts) if starts else None,
        deadlines=deadlines,
        deadline_model=_first(metadata, "deadlineModel")[:40],
        budget=budget,
        types_of_action=_first(metadata, "typesOfAction")[:300],
        keywords=_strings(metadata.get("keywords"))[:50],
        url=topic_url(identifier),
        status=STATUSES.get(code, ""),
        extra={k: v for k, v in extra.items() if v},
    )


def _merge(kept: ParsedCall, other: ParsedCall) -> None:
    """One topic, several records (one per cut-off or language): one call, every deadline."""
    kept.deadlines = sorted({*kept.deadlines, *other.deadlines})
    if other.opens and (kept.opens is None or other.opens < kept.opens):
        kept.opens = other.opens
    for name in ("description", "call_identifier", "call_title", "budget", "types_of_action"):
        if not getattr(kept, name):
            setattr(kept, name, getattr(other, name))
    kept.keywords = list(dict.fromkeys([*kept.keywords, *other.keywords]))


def parse(payload: str) -> PortalResult:
    """The calls of one search answer, merged per topic identifier, and the records that could
    not be read (each with its place in the payload). Raises ValueError when the payload is not
    a search answer at all."""
    data = json.loads(payload)
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise ValueError("inget svar från portalens sökning: listan results saknas")
    result = PortalResult(total=_total(payload))
    by_identifier: dict[str, ParsedCall] = {}
    for index, record in enumerate(data["results"]):
        try:
            if not isinstance(record, Mapping):
                raise ValueError("posten är inget objekt")
            call = _call(index, record)
        except RECORD_ERRORS as exc:
            identifier = ""
            if isinstance(record, Mapping) and isinstance(record.get("metadata"), Mapping):
                identifier = _first(record["metadata"], "identifier")
            where = f"results[{index}]" + (f" {identifier}" if identifier else "")
            result.problems.append(Problem(where, str(exc) or exc.__class__.__name__))
            continue
        known = by_identifier.get(call.identifier)
        if known is None:
            by_identifier[call.identifier] = call
            result.calls.append(call)
        else:
            _merge(known, call)
    return result
