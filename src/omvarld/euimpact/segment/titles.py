"""Where an agenda title starts and where it stops, in text whose line breaks were lost.

Run-together text ("… verksamheter Dnr Budgetuppföljning Dnr Kommunplan …", "… skolor Jesper
Sundbärg 6 Närvarofrämjande arbete …") gives no line to end a title. These rules read the
words instead, by the habits of Swedish agendas:

* a title starts with a capital letter (or a quotation mark); a capitalised word after a lower
  case word that is not a function word starts a new title or a sentence ("… i Veinge Motion
  om …"), and so does a word that agendas open titles with ("Prognos Intern kontroll …");
* a title stops before a case reference ("Dnr …"), an appendix mark ("Bilaga", "/bilaga"), a
  time ("kl 15.00"), the name of a presenter known from the document's list of participants,
  and before the decision text of minutes ("Kommunstyrelsen beslutar …", "Beskrivning av
  ärendet …").

The word lists are the general vocabulary of Swedish agendas (the codebook's kinds of items,
DOMAIN.md §2-3), not titles of any labelled document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from omvarld.euimpact.segment.text import FUNCTION_WORDS
from omvarld.euimpact.segment.vocabulary import words

__all__ = [
    "HEAD_WORDS",
    "SplitPoint",
    "decision_start",
    "document_names",
    "is_capitalised",
    "is_reference",
    "split_points",
    "title_stop",
]

# Words that open agenda titles: procedure, elections, motions and questions, and the
# common heads of decisions (plans, budgets, tariffs, agreements, reports, purchases).
HEAD_WORDS = words("head_words")

# Single-word items that are complete titles: a capitalised word after one starts anew
# ("Justering Debattimme: …", "Delgivningar Sammanträdet webbsänds …").
_WHOLE_TITLES = words("whole_titles")

# Words that open the decision text of a minuted item, or a presenter's role.
_DECISION_WORDS = words("decision_words")
_DECISION_PHRASE = re.compile(
    r"^(?:beskrivning av ärendet|förslag till beslut|[\wåäö-]+s beslut|beslut\b|"
    r"[a-zåäö-]+a\s+(?:nämnden|styrelsen|utskottet)\b)",
    re.I,
)
_BODY_NOMINATIVE = re.compile(r"^[A-ZÅÄÖ][\wåäö-]{2,40}(?:nämnden|styrelsen|utskottet)$")

# Lower-case infinitives that open a decision whose "att" the copy lost ("Fastställande av
# dagordning fastställa dagens dagordning").
_DECISION_VERBS = words("decision_verbs")

# Abbreviations that end with a full stop without ending a sentence.
_ABBREVIATIONS = words("abbreviations")

# Adjectives in the definite form, which precede the (capitalised) name they describe
# ("historiska Kalmar", "södra Dalarna").
_ADJECTIVE_END = ("iska", "ska", "liga", "ella", "ala", "ära")
_GENITIVE_END = ("ens", "ets", "nas")
_DEFINITE_END = ("en", "et", "na")
_PROPERTY = re.compile(r"^\d{1,4}:\d{1,4},?$")
_ADJECTIVES = words("adjectives")

_REFERENCE = re.compile(
    r"^\(?(?:[A-ZÅÄÖ]{1,6}[/ -]?)?\d{2,4}[/:]\d{0,6}\)?[,.;]?$|^\(?[A-ZÅÄÖ]{2,6}/\d{4}[:/]\d+\)?$"
)
_DNR_WORD = re.compile(r"^[(/]?(?:dnr|änr|diarienummer|diarienr)\.?:?$", re.I)
_TIME_WORD = re.compile(r"^(?:kl|kl\.|klockan)$", re.I)
_APPENDIX = re.compile(r"^/?bilaga[.:]?$|^/bilagor?$", re.I)
_PARTY = re.compile(r"^\((?:[A-ZÅÄÖ]{1,3}|[a-zåäö]{1,3}|-)\)[,.]?$")
_INITIAL = re.compile(r"^[A-ZÅÄÖ]\.?$")
_NAME_WORD = re.compile(r"^[A-ZÅÄÖ][a-zåäöéüø]+(?:-[A-ZÅÄÖ][a-zåäöéüø]+)?[,]?$")

# "Anna Berg (S)", "Anna V Svensson, ekonom": the first names of the document's people.
_PERSON = re.compile(
    # A lookahead, so that "Kallade Anna Berg, rektor" yields both "Kallade" and "Anna".
    r"(?=(?<![\w-])(?P<first>[A-ZÅÄÖ][a-zåäöéü]{1,20})(?:-[A-ZÅÄÖ][a-zåäöéü]{1,20})?"
    r"(?:\s[A-ZÅÄÖ]\.?)?\s[A-ZÅÄÖ][a-zåäöéü]{1,25}(?:-[A-ZÅÄÖ][a-zåäöéü]{1,25})?"
    r"(?:\s[A-ZÅÄÖ][a-zåäöéü]{1,25})?"
    r"(?:\s?\((?:S|M|C|L|KD|V|MP|SD|FP|SPI|KIM|RP|NS|SL|OFA|-|s|m|c|fp|kd|v|mp)\)"
    r"|,\s(?:tf\.?\s|bitr\.?\s)?(?:[A-ZÅÄÖ]{2,3}-)?[a-zåäö][a-zåäö]{2,30}-?(?=[\s,./]|$)))"
)


_QUOTES = "\"”“'«("


def is_capitalised(word: str) -> bool:
    """A word that can open a title: a capital letter, or a quotation mark before one."""
    return word[:1].isupper() or (word[:1] in _QUOTES and word.lstrip(_QUOTES)[:1].isupper())


def _lower_word(word: str) -> bool:
    return bool(word) and word[0].islower() and any(c.isalpha() for c in word)


def _bare(word: str) -> str:
    return word.strip("\"”“'«»(),.:;").lower()


def is_reference(word: str) -> bool:
    """A case reference, its parts or an appendix mark: "Dnr", "2015/", "KS 2013/0463"."""
    return bool(_DNR_WORD.match(word) or _REFERENCE.match(word) or _APPENDIX.match(word))


def document_names(text: str) -> frozenset[str]:
    """First names of the people the document lists with a party or a role."""
    names = {m.group("first") for m in _PERSON.finditer(text[:60_000])}
    return frozenset(
        n
        for n in names
        if n.lower() not in HEAD_WORDS
        and n.lower() not in _DECISION_WORDS
        and n.lower() not in _NOT_NAMES
    )


# Captions of the list of participants that stand where a first name would.
_NOT_NAMES = words("not_names")


def decision_start(words: Sequence[str], k: int) -> bool:
    """True when ``words[k]`` opens the decision text or a presenter's note after a title."""
    word = words[k]
    previous = words[k - 1] if k else ""
    if _bare(previous) in FUNCTION_WORDS or previous.endswith(("-", ",", ":")):
        return False
    bare = _bare(word)
    if is_capitalised(word) and (bare in _DECISION_WORDS or _BODY_NOMINATIVE.match(word)):
        return True
    phrase = " ".join(words[k : k + 3])
    if is_capitalised(word) and _DECISION_PHRASE.match(phrase):
        return True
    return (
        bare in _DECISION_VERBS
        and word == bare
        and _lower_word(previous)
        and _bare(previous) not in FUNCTION_WORDS
    )


def title_stop(words: Sequence[str], names: frozenset[str], *, minutes: bool) -> int:
    """How many of ``words`` (which open with a title) belong to the title.

    The title stops before a case reference, an appendix mark, a time, a presenter's name and,
    in minutes (``minutes``), before the decision text.
    """
    for k in range(1, len(words)):
        word = words[k]
        first = word[:1]
        if first.islower():
            # Most words are plain lower-case words: test only what such a word can be.
            if first in "dä" and _DNR_WORD.match(word):
                return _trim_dash(words, k)
            if first == "k" and _TIME_WORD.match(word) and _digit_after(words, k):
                return _trim_dash(words, _presenter_start(words, k, names))
            if word == "au" and k + 1 < len(words) and words[k + 1].startswith("§"):
                return _trim_dash(words, k)
            if first == "b" and _APPENDIX.match(word):
                return _trim_dash(words, k)
            if minutes and word in _DECISION_VERBS and decision_start(words, k):
                return _trim_dash(words, k)
            continue
        if first.isdigit():
            continue
        if (
            _DNR_WORD.match(word)
            or _APPENDIX.match(word)
            or (first == "(" and "/" in word and _REFERENCE.match(word))
        ):
            return _trim_dash(words, k)
        if _TIME_WORD.match(word) and _digit_after(words, k):
            return _trim_dash(words, _presenter_start(words, k, names))
        if word in names and _person_here(words, k, names):
            return _trim_dash(words, k)
        if minutes and (decision_start(words, k) or _sentence_start(words, k)):
            return _trim_dash(words, k)
    return len(words)


def _digit_after(words: Sequence[str], k: int) -> bool:
    return k + 1 < len(words) and words[k + 1][:1].isdigit()


def _trim_dash(words: Sequence[str], k: int) -> int:
    """Leave out a dash or comma left hanging before the stop."""
    while k > 1 and words[k - 1] in {"-", "–", "—", ",", "/"}:
        k -= 1
    return k


def _presenter_start(words: Sequence[str], k: int, names: frozenset[str]) -> int:
    """Before "kl 15.00", a presenter written as "- Anna Berg," or "Anna Berg," goes too."""
    j = k
    while j > 1 and (_NAME_WORD.match(words[j - 1]) or words[j - 1] in {"och", "&"}):
        j -= 1
    if j < k and (words[j - 1] in {"-", "–"} or words[j].rstrip(",") in names):
        return j - 1 if words[j - 1] in {"-", "–"} else j
    return k


def _person_here(words: Sequence[str], k: int, names: frozenset[str]) -> bool:
    """A known first name followed by a surname, not part of the title's own phrase."""
    word = words[k]
    if word not in names or k + 1 >= len(words):
        return False
    following = words[k + 1]
    if _INITIAL.match(following) and k + 2 < len(words):
        following = words[k + 2]
    if not _NAME_WORD.match(following):
        return False
    previous = _bare(words[k - 1])
    if previous in FUNCTION_WORDS or previous in {"motion", "interpellation", "fråga"}:
        return False
    # "ordförande Anna Berg (S)": a name with a party is someone the title speaks of.
    after = words[k + 2] if k + 2 < len(words) else ""
    return not _PARTY.match(after)


def _sentence_start(words: Sequence[str], k: int) -> bool:
    """A capitalised word after a lower-case word or a full stop: a new sentence."""
    word, previous = words[k], words[k - 1]
    if not is_capitalised(word) or word.isupper():
        return False
    if previous.endswith(".") and previous.lower() not in _ABBREVIATIONS:
        return _bare(previous) not in HEAD_WORDS
    if previous.endswith(":") and previous[:1].isdigit():
        return True
    if not _lower_word(previous) or _bare(previous) in FUNCTION_WORDS:
        return False
    if previous.endswith(("-", ",", ":", "/", "&")):
        return False
    if _adjective(previous) and _bare(words[k]) not in HEAD_WORDS:
        return False
    bare = _bare(previous)
    # "nämndens Mål": a genitive describes the capitalised noun after it.
    if len(bare) > 4 and bare.endswith(_GENITIVE_END):
        return False
    # "fastigheterna Söderbymalm 3:274": a definite noun introduces the property it names.
    following = words[k + 1] if k + 1 < len(words) else ""
    return not (_PROPERTY.match(following) and bare.endswith(_DEFINITE_END))


def _house_number(words: Sequence[str], k: int) -> bool:
    """ "Montören 7 Tillbyggnad": the number after a name is a property's, not a list's."""
    before = words[k - 2] if k >= 2 else ""
    return bool(before) and is_capitalised(before) and _bare(before) not in HEAD_WORDS


def _adjective(word: str) -> bool:
    bare = _bare(word)
    return bare in _ADJECTIVES or (len(bare) > 5 and bare.endswith(_ADJECTIVE_END))


SplitPoint = tuple[int, int]  # (index of the word that opens a new title, strength 0-3)


def split_points(words: Sequence[str], heads_in_list: Iterable[str] = ()) -> list[SplitPoint]:
    """Where a run of words may hold the start of another title, with a strength.

    3: a capitalised word after a lower-case word or a sentence's full stop; 2: a head word
    after a capitalised word, a number or a whole one-word title, or a head word that opens
    other titles of the same list; 1: a head word after a function word; 0: any other
    capitalised word that does not follow a function word.
    """
    repeated = {w.lower() for w in heads_in_list}
    points: list[SplitPoint] = []
    for k in range(1, len(words)):
        word, previous = words[k], words[k - 1]
        if not is_capitalised(word) or previous in {"-", "–", "—"} or word[0] == "(":
            continue
        if previous.endswith(".") and _bare(previous) in HEAD_WORDS:
            # "Interpellation. Sjukresor": the kind of item before its title.
            continue
        if previous.endswith(":") and not previous[:1].isdigit():
            # "Debattimme: Haninge kulturpark" is one title; "SOU 2019: Ansökan" is two.
            continue
        bare = _bare(word)
        head = bare in HEAD_WORDS
        if _sentence_start(words, k) and not (previous.endswith(".") and k == 1):
            points.append((k, 3))
        elif (
            (
                head
                and (
                    is_capitalised(previous)
                    or previous[:1].isdigit()
                    or previous.endswith((")", "”", '"'))
                )
            )
            or (is_capitalised(previous) and _bare(previous) in _WHOLE_TITLES)
            or (head and bare in repeated)
        ):
            points.append((k, 2))
        elif head:
            points.append((k, 1))
        elif (
            _bare(previous) not in FUNCTION_WORDS
            and not previous.endswith(("-", ","))
            and not (len(previous) > 4 and previous.lower().endswith(_GENITIVE_END))
            and not (is_capitalised(previous) and previous.endswith("s"))
        ):
            # Any other capitalised word: a title start only where the count of titles
            # between two item numbers asks for one more.
            points.append((k, 0))
    return points
