"""The meeting's date and body, read from the lines of a document that speak of the meeting."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

__all__ = [
    "DATE_TEXT",
    "ISO_DATE",
    "SIGNATURE_DATE",
    "find_body",
    "find_meeting_date",
    "is_date_line",
]


_MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
# Bounded repetition: a run of weekday words cannot make the search quadratic.
DATE_TEXT = re.compile(
    r"(?:(?:den|måndag(?:en)?|tisdag(?:en)?|onsdag(?:en)?|torsdag(?:en)?|fredag(?:en)?|"
    r"lördag(?:en)?|söndag(?:en)?)\s+){0,3}(?:den\s+)?(?P<day>\d{1,2})(?::e|:a)?\s+"
    r"(?P<month>" + "|".join(_MONTHS) + r")(?:,?\s+(?P<year>(?:19|20)\d{2}))?",
    re.I,
)
ISO_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
_MEETING_WORDS = re.compile(
    r"sammanträd|kallas|kallelse|möte|protokoll|kungörelse|föredragningslista\b|"
    r"dagordning\b|\blive\b|^datum\s*:",
    re.I,
)
_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_NOT_MEETING_WORDS = re.compile(
    r"publicerad|uppdaterad|justerad|anslag|beslutade den|inkom|\bden\s+\d.*\bkl\s+\d", re.I
)
SIGNATURE_DATE = re.compile(r"^[A-ZÅÄÖ][\wåäö-]+\s+den\s+\d{1,2}\s+[a-zåäö]+\s+\d{4}\s*$")


@dataclass(frozen=True, slots=True)
class _DateCandidate:
    score: int
    line_no: int
    year: int | None
    month: int
    day: int
    weekday: int | None


def find_meeting_date(text: str) -> dt.date | None:
    """The meeting's date, from a line about the meeting ("sammanträder", "kallas", "Möte").

    A date without a year ("måndagen den 21 mars") takes the year of the same date written
    in full elsewhere, else a year mentioned in the text on which that day falls on the
    weekday given, else the year of the nearest full date, else the year mentioned most.
    Dates on no line about a meeting (a publication date, a decision cited in the text) are
    not taken: None is better than a wrong date.
    """
    candidates: list[_DateCandidate] = []
    for line_no, line in enumerate(text[:6000].split("\n")):
        stripped = line.strip()
        score = 2 if _MEETING_WORDS.search(stripped) else 0
        if _NOT_MEETING_WORDS.search(stripped) or SIGNATURE_DATE.match(stripped):
            score -= 3
        for match in DATE_TEXT.finditer(stripped):
            year = int(match.group("year")) if match.group("year") else None
            words = match.group().lower()
            weekday = next((k for k, name in enumerate(_WEEKDAYS) if name in words), None)
            month = _MONTHS[match.group("month").lower()]
            candidates.append(
                _DateCandidate(score, line_no, year, month, int(match.group("day")), weekday)
            )
        for match in ISO_DATE.finditer(stripped):
            year, month, day = (int(match.group(k)) for k in ("year", "month", "day"))
            candidates.append(_DateCandidate(score, line_no, year, month, day, None))
    meeting = [c for c in candidates if c.score > 0]
    if not meeting:
        return None
    best = max(meeting, key=lambda c: (c.score, c.year is not None, -c.line_no))
    year = best.year if best.year is not None else _year_for(candidates, best, text)
    if year is None:
        return None
    try:
        return dt.date(year, best.month, best.day)
    except ValueError:
        return None


def _year_for(candidates: list[_DateCandidate], best: _DateCandidate, text: str) -> int | None:
    for other in candidates:
        if other.year is not None and (other.month, other.day) == (best.month, best.day):
            return other.year
    mentioned = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text[:6000]))
    weekday = next(
        (
            c.weekday
            for c in candidates
            if c.weekday is not None and (c.month, c.day) == (best.month, best.day)
        ),
        None,
    )
    if weekday is not None:
        years = sorted({y + d for y in mentioned for d in (-1, 0, 1)}, key=lambda y: -mentioned[y])
        for year in years:
            try:
                if dt.date(year, best.month, best.day).weekday() == weekday:
                    return year
            except ValueError:
                continue
        return None
    # Without a weekday, the nearest date written with its year tells the year best: the
    # most mentioned year is often last year's accounts or next year's budget.
    dated = [c for c in candidates if c.year is not None]
    if dated:
        return min(dated, key=lambda c: abs(c.line_no - best.line_no)).year
    return mentioned.most_common(1)[0][0] if mentioned else None


_BODY = re.compile(
    r"\b(?P<name>kommunfullmäktige|kommunstyrelse|regionfullmäktige|regionstyrelse|"
    r"[a-zåäö]{3,}a\s+nämnd|[a-zåäö][a-zåäö-]{2,}nämnd|[a-zåäö][a-zåäö-]{2,}utskott)"
    r"(?:s|n|ns|en|ens|et|ets)?\b",
    re.I,
)
_BODY_CANONICAL = {
    "kommunstyrelse": "kommunstyrelsen",
    "regionstyrelse": "regionstyrelsen",
}


def find_body(text: str) -> str | None:
    """The body (council or committee) holding the meeting, in lower case, or None.

    Only a body named on a line about the meeting ("... kallas att sammanträda",
    "Protokoll fört vid ...") or in the document's first lines counts: bodies named in
    item texts say nothing about who meets.
    """
    nonblank = [line for line in text[:4000].split("\n") if line.strip()]
    for line in nonblank:
        match = _BODY.search(line)
        if match and _MEETING_WORDS.search(line):
            return _body_name(match.group("name"))
    for line in nonblank[:3]:
        match = _BODY.search(line)
        if match:
            return _body_name(match.group("name"))
    return None


def _body_name(raw: str) -> str:
    name = " ".join(raw.lower().split())
    if name.endswith("nämnd"):
        return name + "en"
    if name.endswith("utskott"):
        return name + "et"
    return _BODY_CANONICAL.get(name, name)


def is_date_line(text: str) -> bool:
    """True for a line that is nothing but a date ("3 mars 2025", "2023-05-02")."""
    return bool(DATE_TEXT.fullmatch(text.strip(" .,")) or ISO_DATE.fullmatch(text.strip()))
