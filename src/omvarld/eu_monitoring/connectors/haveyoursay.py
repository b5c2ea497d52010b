"""Have Your Say (the Commission's Better Regulation portal): initiatives and feedback windows.

The JSON behind the portal (``brpapi/searchInitiatives`` and ``brpapi/groupInitiatives/{id}``)
is undocumented, so everything is read defensively: a missing field is an empty value, an
unknown field is kept as sent in ``extra``, and a record that cannot be read is reported with its
place in the payload while the others go on. Both page shapes seen in public code are accepted:
``initiativeResultDtoPage.content`` and the older ``_embedded.initiativeResultDtoes``.

What the real answers carry (recorded 2026-09-01, see docs/eu-sources.md) and how it is read:

- ``initiativeTranslations``: the short title and summary in 24 languages; Swedish first,
  English second.
- ``topics``: the portal's subject codes, mapped to the platform's areas through
  ``data/haveyoursay_topics.yaml``.
- ``currentStatuses``: the stage the initiative is in, whether it takes feedback and from when
  to when.
- ``publications`` (full record only): one per step, published or still to come; a published one
  gives a stage with its date, its feedback period and its documents (``attachments``, downloaded
  from the portal by ``documentId``). One not yet published gives nothing but is kept in
  ``extra`` (for example a planned adoption with ``plannedPeriod``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from omvarld.core.http_client import HttpClient, SourceHTTPError

from .records import (
    RECORD_ERRORS,
    Fetched,
    ParsedDocument,
    ParsedInitiative,
    ParsedStage,
    ParsedWindow,
    ParseResult,
    Problem,
    load_json,
    parse_date,
)

__all__ = [
    "DETAIL_URL",
    "DOCUMENT_URL",
    "SEARCH_URL",
    "fetch",
    "parse",
    "stage_for",
    "topic_areas",
    "window_kind_for",
]

API = "https://ec.europa.eu/info/law/better-regulation/brpapi"
SEARCH_URL = f"{API}/searchInitiatives"
DETAIL_URL = API + "/groupInitiatives/{id}"
PAGE_URL = "https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/{id}_en"
#: Where the portal serves a published document, by its ``documentId`` (the address public code
#: that downloads the portal's attachments uses).
DOCUMENT_URL = "https://ec.europa.eu/info/law/better-regulation/api/download/{id}"
TOPICS_FILE = Path(__file__).resolve().parent.parent / "data" / "haveyoursay_topics.yaml"
PAGE_SIZE = 100
MAX_PAGES = 60

# The portal's stage and publication codes (as read by public code that parses this JSON) and
# the platform's stages; a code not listed here gives no stage but is kept in ``extra``.
_STAGES = {
    # In the real answers the call for evidence is published, and takes feedback, in the
    # planning workflow; the planned initiative before it is INIT_PLANNED.
    "PLANNING_WORKFLOW": "call_for_evidence",
    "INIT_PLANNED": "planned",
    "CALL_FOR_EVIDENCE": "call_for_evidence",
    "CFE_IMPACT_ASSESS": "call_for_evidence",
    "CFE_EVL_FC": "call_for_evidence",
    "CFE_EVALUATION": "call_for_evidence",
    "IMPACT_ASSESS_INCEP": "call_for_evidence",
    "ROADMAP": "call_for_evidence",
    "OPC_LAUNCHED": "public_consultation",
    "PROP_REG": "proposal",
    "PROP_DIR": "proposal",
    "PROP_DEC": "proposal",
    "REG": "adopted",
    "DIR": "adopted",
    "DEC": "adopted",
    "DEL_REG": "adopted",
    "DEL_DIR": "adopted",
    "DEL_DEC": "adopted",
    "IMPL_REG": "adopted",
    "IMPL_DIR": "adopted",
    "IMPL_DEC": "adopted",
    # The publication types of adopted delegated and implementing acts in the real answers.
    "REG_DEL": "adopted",
    "DIR_DEL": "adopted",
    "DEC_DEL": "adopted",
    "REG_IMPL": "adopted",
    "DIR_IMPL": "adopted",
    "DEC_IMPL": "adopted",
}
_FEEDBACK_STATUS = {"OPEN": "open", "CLOSED": "closed", "UPCOMING": "upcoming"}
#: The Commission official named as a publication's author, and the survey's contact address:
#: personal data the platform does not need, so not kept with the record (the raw payload, kept
#: as provenance, still has what the portal published).
_PERSONAL = frozenset(
    {"authorName", "authorSurname", "authorMail", "authorPhoneNumber", "surveyContactMail"}
)
_WINDOWS = {
    "call_for_evidence": "call_for_evidence",
    "public_consultation": "public_consultation",
    "proposal": "feedback_on_proposal",
}
_DRAFT = re.compile(r"(^|_)DRAFT$|^ISC_WORKFLOW$")
_COM = re.compile(r"COM\s*\(\s*(\d{4})\s*\)\s*(\d{1,4})", re.IGNORECASE)

# Fields read into the platform's own fields; every other top-level field goes to ``extra``.
_READ = frozenset(
    {
        "id",
        "shortTitle",
        "reference",
        "dossierSummary",
        "currentStatuses",
        "publications",
        "initiativeTranslations",
    }
)
_PUBLICATION_READ = frozenset(
    {
        "id",
        "type",
        "frontEndStage",
        "reference",
        "startDate",
        "publishedDate",
        "endDate",
        "adoptionDate",
        "attachments",
        "receivingFeedbackStatus",
    }
)


def stage_for(code: object) -> str:
    """The platform's stage for a portal stage or publication code; empty when unknown."""
    return _STAGES.get(code, "") if isinstance(code, str) else ""


def window_kind_for(code: object) -> str:
    """The kind of feedback window a stage or publication code opens."""
    if not isinstance(code, str):
        return "other"
    if _DRAFT.search(code):
        return "feedback_on_draft_act"
    return _WINDOWS.get(stage_for(code), "other")


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _html_text(value: object) -> str:
    """Plain text from the portal's HTML summaries."""
    text = re.sub(r"<[^>]+>", " ", _text(value))
    text = re.sub(r"&nbsp;|&#160;", " ", text)
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return re.sub(r"\s+", " ", text).strip()


def _identifier(value: object) -> int:
    """The initiative id: the portal sends it as a number, sometimes as a float (14628.0)."""
    if isinstance(value, bool):
        raise ValueError("the id is not a number")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or value <= 0:
        raise ValueError(f"no usable id ({value!r})")
    return value


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _com_number(value: object) -> str:
    m = _COM.search(_text(value))
    return f"COM({m.group(1)}) {int(m.group(2))}" if m else ""


@lru_cache(maxsize=1)
def _topic_map() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    return {str(code): tuple(entry["areas"]) for code, entry in data["topics"].items()}


def topic_areas(topics: object) -> list[str]:
    """The platform's area codes of the portal's topics (``[{"code": "FOOD", ...}]``), in the
    order given, each once; a topic not in the table gives none."""
    mapping = _topic_map()
    areas: list[str] = []
    for topic in _list(topics):
        code = topic.get("code") if isinstance(topic, Mapping) else None
        for area in mapping.get(code, ()) if isinstance(code, str) else ():
            if area not in areas:
                areas.append(area)
    return areas


def _translations(item: dict[str, Any]) -> dict[tuple[str, str], str]:
    """``initiativeTranslations`` as (field, language) → text, e.g. ("SHORT_TITLE", "SV")."""
    found: dict[tuple[str, str], str] = {}
    for entry in _list(item.get("initiativeTranslations")):
        if not isinstance(entry, Mapping):
            continue
        field, language, value = entry.get("field"), entry.get("language"), entry.get("value")
        if isinstance(field, str) and isinstance(language, str) and isinstance(value, str):
            found[(field.upper(), language.upper())] = value.strip()
    return found


def _feedback_status(value: object) -> str:
    return _FEEDBACK_STATUS.get(value, "") if isinstance(value, str) else ""


def _documents(publication: Mapping[str, Any]) -> tuple[ParsedDocument, ...]:
    documents = []
    for attachment in _list(publication.get("attachments")):
        if not isinstance(attachment, Mapping) or attachment.get("published") is False:
            continue
        ident = _text(attachment.get("documentId"))
        if not ident:
            continue
        documents.append(
            ParsedDocument(
                title=_text(attachment.get("title")) or _text(publication.get("title")),
                language=_text(attachment.get("language")).lower(),
                url=DOCUMENT_URL.format(id=ident),
                filename=_text(attachment.get("ersFileName")) or _text(attachment.get("filename")),
                original=attachment.get("isOriginal") is True,
            )
        )
    return tuple(documents)


def _current(parsed: ParsedInitiative, status: Mapping[str, Any]) -> None:
    """The stage and feedback period the search page says the initiative is in now."""
    code = status.get("frontEndStage")
    opens = parse_date(status.get("feedbackStartDate"))
    closes = parse_date(status.get("feedbackEndDate"))
    stage = stage_for(code)
    if code == "PLANNING_WORKFLOW" and not (opens or closes):
        # The planning workflow before its call for evidence takes feedback.
        stage = "planned"
    if stage:
        parsed.stages.append(ParsedStage(stage, opens))
    if opens or closes:
        parsed.windows.append(
            ParsedWindow(
                window_kind_for(code),
                opens,
                closes,
                "",
                parsed.url,
                _feedback_status(status.get("receivingFeedbackStatus")),
            )
        )


def _initiative(item: dict[str, Any], where: str) -> ParsedInitiative:
    ident = _identifier(item.get("id"))
    texts = _translations(item)
    parsed = ParsedInitiative(
        where=where,
        haveyoursay_id=ident,
        commission_reference=_text(item.get("reference"))[:60],
        title_sv=texts.get(("SHORT_TITLE", "SV"), ""),
        title_en=texts.get(("SHORT_TITLE", "EN")) or _text(item.get("shortTitle")),
        summary_sv=_html_text(texts.get(("SUMMARY", "SV"), "")),
        summary_en=_html_text(texts.get(("SUMMARY", "EN")) or item.get("dossierSummary")),
        url=PAGE_URL.format(id=ident),
        areas=topic_areas(item.get("topics")),
        extra={k: v for k, v in item.items() if k not in _READ},
    )
    for status in _list(item.get("currentStatuses")):
        if isinstance(status, Mapping):
            _current(parsed, status)
    publications = []
    for index, publication in enumerate(_list(item.get("publications"))):
        if not isinstance(publication, dict):
            continue
        code = publication.get("type") or publication.get("frontEndStage")
        published = parse_date(publication.get("startDate")) or parse_date(
            publication.get("publishedDate")
        )
        adopted = parse_date(publication.get("adoptionDate"))
        closes = parse_date(publication.get("endDate"))
        stage = stage_for(code)
        if stage and (published or adopted):
            # A step still to come (no date of publication or adoption) is no stage reached.
            parsed.stages.append(
                ParsedStage(stage, published or adopted, documents=_documents(publication))
            )
        if closes:
            external = publication.get("id")
            external_id = str(external) if isinstance(external, (int, str)) else f"{code}-{index}"
            parsed.windows.append(
                ParsedWindow(
                    window_kind_for(code),
                    published,
                    closes,
                    external_id[:60],
                    parsed.url,
                    _feedback_status(publication.get("receivingFeedbackStatus")),
                )
            )
        if stage == "proposal" and not parsed.com_number:
            parsed.com_number = _com_number(publication.get("reference"))
        rest = {
            k: v
            for k, v in publication.items()
            if k not in _PUBLICATION_READ and k not in _PERSONAL
        }
        if rest:
            publications.append(rest)
    if publications:
        parsed.extra["publications"] = publications
    return parsed


def _items(data: dict[str, Any]) -> tuple[list[Any], str] | None:
    page = data.get("initiativeResultDtoPage")
    if isinstance(page, dict) and isinstance(page.get("content"), list):
        return page["content"], "initiativeResultDtoPage.content"
    if isinstance(data.get("content"), list):
        return data["content"], "content"
    embedded = data.get("_embedded")
    if isinstance(embedded, dict) and isinstance(embedded.get("initiativeResultDtoes"), list):
        return embedded["initiativeResultDtoes"], "_embedded.initiativeResultDtoes"
    return None


def parse(payload: str | bytes) -> ParseResult:
    """Initiatives from a search page or a single initiative (``groupInitiatives/{id}``).

    Raises ``ValueError`` only when the payload is not JSON or has neither shape.
    """
    data = load_json(payload)
    if not isinstance(data, dict):
        raise ValueError("not a Have Your Say answer (not a JSON object)")
    found = _items(data)
    if found is None:
        if "id" not in data:
            raise ValueError("not a Have Your Say answer (no initiatives and no initiative id)")
        records: Iterable[tuple[str, Any]] = [("groupInitiatives", data)]
    else:
        items, path = found
        records = [(f"{path}[{i}]", item) for i, item in enumerate(items)]
    result = ParseResult()
    for where, item in records:
        if not isinstance(item, dict):
            result.problems.append(Problem(where, "the record is not an object"))
            continue
        try:
            result.initiatives.append(_initiative(item, where))
        except RECORD_ERRORS as exc:
            result.problems.append(Problem(where, str(exc) or exc.__class__.__name__))
    return result


def _recent(item: dict[str, Any], since: dt.date | None) -> bool:
    if since is None:
        return True
    for status in _list(item.get("currentStatuses")):
        if isinstance(status, dict):
            for key in ("feedbackStartDate", "feedbackEndDate"):
                day = parse_date(status.get(key))
                if day and day >= since:
                    return True
    return False


def fetch(client: HttpClient, *, since: dt.date | None) -> list[Fetched]:
    """Every search page, then the full record of each initiative with a window since ``since``."""
    answers: list[Fetched] = []
    wanted: list[int] = []
    for page in range(MAX_PAGES):
        params: dict[str, str | int] = {"page": page, "size": PAGE_SIZE, "language": "EN"}
        response = client.get(SEARCH_URL, params=params)
        request = f"GET {SEARCH_URL}?{_query(params)}"
        answers.append(Fetched(request, response.status, response.text))
        try:
            data = load_json(response.body)
        except ValueError:
            # Stored as it came, with the reason, by the sync; no page can follow it.
            break
        found = _items(data) if isinstance(data, dict) else None
        items = found[0] if found else []
        for item in items:
            if not isinstance(item, dict):
                continue
            try:
                if _recent(item, since):
                    wanted.append(_identifier(item.get("id")))
            except RECORD_ERRORS:
                # Reported with its place when the page itself is parsed.
                continue
        if len(items) < PAGE_SIZE:
            break
    for ident in dict.fromkeys(wanted):
        url = DETAIL_URL.format(id=ident)
        try:
            response = client.get(url)
        except SourceHTTPError as exc:
            # One missing record is logged; the others go on.
            answers.append(Fetched(f"GET {url}", exc.status, ""))
            continue
        answers.append(Fetched(f"GET {url}", response.status, response.text))
    return answers


def _query(params: dict[str, str | int]) -> str:
    return "&".join(f"{k}={v}" for k, v in params.items())
