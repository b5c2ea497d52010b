"""Lists whose line breaks were lost: items run together in one paragraph.

A copy of a PDF on a document-sharing site often holds an agenda or a table of contents as one
long line: "93 Dnr Information 94 Dnr Riktlinjer för markanvisning … Dnr Budgetuppföljning Dnr
Kommunplan …", "Justering...2 Dagordning...3 215 Information från kommundirektören...4",
"Fyllnadsval för regionfullmäktige Information om Island Games Revisorernas information …".

The reading works on words. Markers split the run into pieces: numbers before a capitalised
word, "§ 12", "Kf 130", case references ("Dnr …"), appendix marks ("Bilaga"), dot leaders with
page numbers, letter points ("A/", "b)"). The numbers that count up by one are the items'
numbers; a gap of k between two of them says k titles lie between, and a piece is split at its
k - 1 most likely title starts (:func:`~omvarld.euimpact.segment.titles.split_points`). Where no
numbers say how many titles there are, a piece is split at every strong title start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from omvarld.euimpact.classify import item_kind
from omvarld.euimpact.segment.minutes import FURNITURE_TITLE
from omvarld.euimpact.segment.text import Found, Line, collapse, title_like
from omvarld.euimpact.segment.titles import (
    HEAD_WORDS,
    is_capitalised,
    split_points,
    title_stop,
)

__all__ = ["ANCHOR", "Word", "read_run", "run_words"]

# Headings that open a list of items or a table of contents.
ANCHOR = re.compile(
    r"(?<![\w-])(?:ärendelista|föredragningslista|dagordning|innehållsförteckning|"
    r"ärendeförteckning|innehåll|förteckning över ärenden|ärende/föredragande)(?![\w-])",
    re.I,
)
_LEADER = re.compile(r"^(?P<word>.*?)(?P<leader>(?:\.{3,}|…+|_{3,})[.…_]*)(?P<page>\d{1,3})?$")
_NUMBER = re.compile(r"^(?P<n>\d{1,3})(?P<letter>[a-z])?[.):]?$")
_LETTER_POINT = re.compile(r"^[A-Za-z][/)]$")
_SEPARATOR = re.compile(r"^(?:bilaga|sid\.?|sidan|sida|änr|dnr\.?)$", re.I)
_PREFIX = re.compile(r"^(?:§|[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,4})$")
_PROPERTY = re.compile(r"^\d{1,4}:\d{1,4},?$")
# A chain of item numbers may skip this many numbers between two markers.
MAX_GAP = 8


@dataclass(slots=True)
class Word:
    """A token of the run: a word of a title, or a marker between titles."""

    text: str
    start: int
    end: int
    kind: str = "word"  # "word", "number", "leader", "reference", "point"
    value: int | None = None


@dataclass(slots=True)
class _Piece:
    """Words between two markers, with the numbers of the marker before them."""

    marker: list[Word]
    words: list[Word] = field(default_factory=list)
    chain: int | None = None


_CASE_GROUP = re.compile(
    r"^\((?:dnr\.?\s*)?(?!(?:S|M|C|L|KD|V|MP|SD|FP)\))[A-ZÅÄÖ]{1,6}[\s/-]*"
    r"(?:\d{2,4}[/:.-]\d{0,6})?\s*\)[,.;]?$",
    re.I,
)
# Slash references ("12/30", "2015/", "KS 2013/0463") separate titles; "SOU 2019:40" and
# "(1998:808)" are part of theirs.
_SLASH_REFERENCE = re.compile(r"^\(?(?:[A-ZÅÄÖ]{1,6}[ -]?)?\d{1,4}/\d{0,6}\)?[,.;]?$")


def run_words(text: str, start: int, end: int, prefixes: frozenset[str]) -> list[Word]:
    """The words of ``text[start:end]``, markers typed; dot leaders split off their words."""
    raw_tokens = [(m.group(), start + m.start()) for m in re.finditer(r"\S+", text[start:end])]
    result: list[Word] = []
    k = 0
    while k < len(raw_tokens):
        raw, offset = raw_tokens[k]
        if raw.startswith("(") and not raw.endswith(")"):
            group = _case_group(raw_tokens, k)
            if group:
                for raw_part, part_offset in raw_tokens[k : k + group]:
                    result.append(
                        Word(raw_part, part_offset, part_offset + len(raw_part), "reference")
                    )
                k += group
                continue
        result.extend(_typed(raw, offset, prefixes))
        k += 1
    return result


def _case_group(raw_tokens: list[tuple[str, int]], k: int) -> int:
    """How many tokens from ``k`` make a bracketed case reference: "(KS )", "(KS 2014/12)"."""
    for size in (2, 3):
        joined = " ".join(t for t, _ in raw_tokens[k : k + size])
        if len(raw_tokens) >= k + size and _CASE_GROUP.match(joined):
            return size
    return 0


def _typed(raw: str, offset: int, prefixes: frozenset[str]) -> list[Word]:
    end = offset + len(raw)
    leader = _LEADER.match(raw) if ("..." in raw or "…" in raw or "___" in raw) else None
    if leader:
        typed: list[Word] = []
        if leader.group("word"):
            word = leader.group("word")
            typed.append(Word(word, offset, offset + len(word)))
        typed.append(Word(leader.group("leader"), offset, end, "leader"))
        if leader.group("page"):
            typed.append(Word(leader.group("page"), offset, end, "page"))
        return typed
    number = _NUMBER.match(raw)
    if number:
        return [Word(raw, offset, end, "number", int(number.group("n")))]
    if _LONG_NUMBER.match(raw):
        # A date or a case number written as digits ("Ks 120521").
        return [Word(raw, offset, end, "reference")]
    if _LETTER_POINT.match(raw) or raw == ")":
        return [Word(raw, offset, end, "point")]
    if raw == "§" or raw in prefixes:
        return [Word(raw, offset, end, "prefix")]
    if _SEPARATOR.match(raw) or _CASE_GROUP.match(raw) or _SLASH_REFERENCE.match(raw):
        return [Word(raw, offset, end, "reference")]
    return [Word(raw, offset, end)]


def _can_open(word: Word) -> bool:
    return word.kind == "word" and not word.text.startswith("(") and is_capitalised(word.text)


def _pieces(words: list[Word]) -> list[_Piece]:
    """Split at markers: runs of non-words followed by a word that can open a title."""
    pieces: list[_Piece] = [_Piece(marker=[])]
    k = 0
    while k < len(words):
        word = words[k]
        if word.kind == "word":
            pieces[-1].words.append(word)
            k += 1
            continue
        j = k
        while j < len(words) and words[j].kind != "word":
            j += 1
        cluster = words[k:j]
        opens = j < len(words) and _can_open(words[j])
        leader = any(w.kind == "leader" for w in cluster)
        if (opens and _is_marker(cluster)) or leader:
            # A leader ends a title even when what follows cannot open one. A body's letters
            # before a case number ("BUN 2018/41") go with the reference.
            previous = pieces[-1].words
            if (
                cluster[0].kind == "reference"
                and previous
                and _ABBREVIATION.match(previous[-1].text)
            ):
                cluster = [previous.pop(), *cluster]
            pieces.append(_Piece(marker=cluster))
        else:
            pieces[-1].words.extend(cluster)
        k = j
    return pieces


_ABBREVIATION = re.compile(r"^(?:[A-ZÅÄÖ]{2,5}|[A-ZÅÄÖ][a-zåäö])$")
_LONG_NUMBER = re.compile(r"^\d{5,8}[,.]?$")


def _is_marker(cluster: list[Word]) -> bool:
    kinds = {w.kind for w in cluster}
    return bool(kinds & {"point", "reference", "prefix", "page", "number"})


def _chain(pieces: list[_Piece]) -> float:
    """Pick each marker's item number so the numbers count up; returns the share of +1 steps.

    A marker can hold several numbers ("6 67": a page and an item; "141 4": an item and a
    page); the choice that makes most consecutive steps wins (dynamic programming).
    """
    groups = [
        (index, [w.value for w in piece.marker if w.kind == "number" and w.value is not None])
        for index, piece in enumerate(pieces)
    ]
    groups = [(i, values[-4:]) for i, values in groups if values]
    if not groups:
        return 0.0
    # best[g][v] = (score, previous value) for value v chosen at group g.
    best: list[dict[int, tuple[float, int | None]]] = []
    for g, (_, values) in enumerate(groups):
        row: dict[int, tuple[float, int | None]] = {}
        for v in values:
            if g == 0:
                row[v] = (0.0, None)
                continue
            options = [(best[g - 1][u][0] + _step(u, v), u) for u in best[g - 1]]
            options.append((max(s for s, _ in best[g - 1].values()) - 0.5, None))
            row[v] = max(options, key=lambda o: o[0])
        best.append(row)
    _pick(groups, best, pieces)
    return _share_of_steps(pieces)


def _pick(
    groups: list[tuple[int, list[int]]],
    best: list[dict[int, tuple[float, int | None]]],
    pieces: list[_Piece],
) -> None:
    """Walk back through the best choices and give each marker its item number."""
    value: int | None = max(best[-1], key=lambda v: best[-1][v][0])
    for g in range(len(groups) - 1, -1, -1):
        if value is None or value not in best[g]:
            value = max(best[g], key=lambda v: best[g][v][0])
        pieces[groups[g][0]].chain = value
        value = best[g][value][1]
    # A number that goes back is no item number ("Back 2 Basics", "Montören 7").
    last: int | None = None
    for piece in pieces:
        if piece.chain is None:
            continue
        if last is not None and piece.chain <= last:
            piece.chain = None
            continue
        last = piece.chain


def _share_of_steps(pieces: list[_Piece]) -> float:
    values = [p.chain for p in pieces if p.chain is not None]
    if len(values) < 2:
        return 0.0
    steps = sum(1 for a, b in zip(values, values[1:], strict=False) if 1 <= b - a <= MAX_GAP)
    return steps / (len(values) - 1)


def _step(u: int, v: int) -> float:
    if v - u == 1:
        return 2.0
    if 1 < v - u <= MAX_GAP:
        return 1.0
    return -1.0


def read_run(
    text: str,
    words: list[Word],
    names: frozenset[str],
    *,
    anchored: bool,
    paragraphs: bool = False,
) -> list[Found]:
    """The titles of a run-together list (see the module docstring).

    Before the first marker, only titles that open with a head word count (what precedes
    them is the document's heading); the last piece ends where text that is no title starts.
    Titles between two numbered ones take the numbers in between; ``paragraphs`` writes the
    numbers as paragraphs ("§ 12"), for the list of contents of minutes.
    """
    pieces = [p for p in _pieces(words) if p.words]
    if not pieces:
        return []
    strong_chain = _chain(pieces) >= 0.75
    pieces = _merge_stray_numbers(pieces, strong_chain)
    capitalised_heads = [w.text.lower() for w in words if w.kind == "word" and w.text[:1].isupper()]
    repeated = {
        h for h in HEAD_WORDS.intersection(capitalised_heads) if capitalised_heads.count(h) >= 2
    }
    wanted = _wanted(pieces) if strong_chain else {}
    precise = _precise(pieces)
    first_chain = next((p.chain for p in pieces if p.chain is not None), None)
    found: list[Found] = []
    numbers: list[int] = []
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        titles = _split_piece(piece.words, wanted.get(index), repeated, names, index in precise)
        if index == 0 and not piece.marker and len(pieces) > 1:
            titles = _opening_titles(titles, first_chain)
        taken = False
        for n, part in enumerate(titles):
            texts = [w.text for w in part]
            part = part[: title_stop(texts, names, minutes=last and n == len(titles) - 1)]
            title = _clean(collapse(" ".join(w.text for w in part)))
            if not title or not title_like(title, limit=240) or _not_a_title(title, names, last):
                if last and taken:
                    # Text after the list's last title.
                    break
                continue
            taken = True
            number = piece.chain if piece.chain is not None and n == 0 else None
            if number is None and strong_chain and numbers:
                number = numbers[-1] + 1
            if number is not None:
                numbers.append(number)
            label = "" if number is None else (f"§ {number}" if paragraphs else str(number))
            end = titles[n + 1][0].start if n + 1 < len(titles) else piece.words[-1].end
            found.append(Found(label, title, part[0].start, max(end, part[-1].end)))
    return found


def _opening_titles(titles: list[list[Word]], first_chain: int | None) -> list[list[Word]]:
    """Titles before the first marker: the trailing ones that read as procedural items
    ("Val av justerare"), or, unless the numbers start at 1, that open with a head word; what
    comes before them is the document's heading."""
    if first_chain == 1:
        return []
    kept: list[list[Word]] = []
    for part in reversed(titles):
        if part[0].text.strip('"”').lower() not in HEAD_WORDS:
            break
        kept.insert(0, part)
    if first_chain is not None and 1 < first_chain <= MAX_GAP:
        kept = kept[-(first_chain - 1) :]
    return kept


_FINITE_VERBS = frozenset(
    "har är ska skall kan får blir var hade finns gäller innebär föreslår beslutar "
    "behöver måste vill anser bedöms ges sker kommer sänder".split()
)


def _not_a_title(title: str, names: frozenset[str], last: bool) -> bool:
    """A person's name, a caption, a list heading; in the list's last piece, also the
    sentences of text that follow the list."""
    words = title.split()
    if words[0] in names and len(words) > 1 and is_capitalised(words[1]):
        return True
    if (title.endswith(":") and not words[-1][:1].isdigit()) or FURNITURE_TITLE.match(title):
        return True
    if ANCHOR.fullmatch(title) and item_kind(title) != "formal":
        # A column heading ("Ärende/Föredragande"), not the item "Dagordning".
        return True
    if last and len(words) >= 6 and any(w.lower() in _FINITE_VERBS for w in words):
        return True
    return last and len(words) > 10 and title.endswith(".")


def _merge_stray_numbers(pieces: list[_Piece], strong_chain: bool) -> list[_Piece]:
    """A number that is no item number ("Back 2 Basics", "detaljplan 5 Vega") is part of a
    title: outside a chain of item numbers, or, where no chain is found, before a word that
    opens no title ("5 Vega" but not "2 Förslag")."""
    merged: list[_Piece] = [pieces[0]]
    for piece in pieces[1:]:
        plain = all(w.kind == "number" for w in piece.marker)
        if strong_chain:
            stray = plain and piece.chain is None
        else:
            stray = plain and piece.words[0].text.strip('"”').lower() not in HEAD_WORDS
        if stray and merged[-1].words:
            merged[-1].words.extend(piece.marker + piece.words)
            if not strong_chain:
                piece.chain = None
        else:
            merged.append(piece)
    if not strong_chain:
        for piece in merged:
            piece.chain = None
    return merged


def _wanted(pieces: list[_Piece]) -> dict[int, int]:
    """How many titles each piece holds, where the item numbers around it say so."""
    wanted: dict[int, int] = {}
    numbered = [i for i, p in enumerate(pieces) if p.chain is not None]
    for a, b in zip(numbered, numbered[1:], strict=False):
        gap = (pieces[b].chain or 0) - (pieces[a].chain or 0)
        span = list(range(a, b))
        if not 1 <= gap <= MAX_GAP or gap < len(span):
            continue
        # The extra titles go to the pieces with the most words.
        extra = gap - len(span)
        for i in span:
            wanted[i] = 1
        for i in sorted(span, key=lambda i: -len(pieces[i].words))[:extra]:
            wanted[i] += _extra_share(pieces, span, extra)
    return wanted


def _precise(pieces: list[_Piece]) -> set[int]:
    """Pieces between two item numbers one apart from the next-but-one: at most one title is
    missing there, so even a weak title start may be taken."""
    numbered = [i for i, p in enumerate(pieces) if p.chain is not None]
    precise: set[int] = set()
    for a, b in zip(numbered, numbered[1:], strict=False):
        gap = (pieces[b].chain or 0) - (pieces[a].chain or 0)
        if gap - (b - a) == 1:
            precise.update(range(a, b))
    return precise


def _extra_share(pieces: list[_Piece], span: list[int], extra: int) -> int:
    """A long piece takes all the extra titles when it is the only long one."""
    long_pieces = [i for i in span if len(pieces[i].words) >= 4]
    return extra if len(long_pieces) <= 1 else 1


def _split_piece(
    words: list[Word],
    wanted: int | None,
    repeated: set[str],
    names: frozenset[str],
    precise: bool,
) -> list[list[Word]]:
    texts = [w.text for w in words][:_MAX_PIECE]
    points = [
        p
        for p in split_points(texts, repeated)
        if not _PROPERTY.match(texts[p[0] - 1]) and not _person(texts, p[0], names)
    ]
    points = sorted(set(points + _property_points(texts)))
    if wanted is not None:
        # Weak starts only fill the count where at most one title is missing, or where the
        # strong ones cannot make up the count at all.
        strong = [p for p in points if p[1] >= 1]
        usable = points if precise or len(strong) < wanted - 1 else strong
        chosen = sorted(usable, key=lambda p: (-p[1], p[0]))[: max(0, wanted - 1)]
    else:
        chosen = [p for p in points if p[1] >= 2]
    cuts = sorted({k for k, _ in chosen})
    parts: list[list[Word]] = []
    previous = 0
    for cut in cuts:
        parts.append(words[previous:cut])
        previous = cut
    parts.append(words[previous:])
    return [p for p in parts if p]


# A piece longer than this many words is text, not titles; only its start is read.
_MAX_PIECE = 400


def _person(texts: list[str], k: int, names: frozenset[str]) -> bool:
    """A presenter's name ends a title rather than starting one."""
    return texts[k] in names and k + 1 < len(texts) and is_capitalised(texts[k + 1])


def _property_points(texts: list[str]) -> list[tuple[int, int]]:
    """A property ("Bäcken 1:31") may open a title of a building committee's list."""
    points = []
    for k in range(1, len(texts) - 1):
        if is_capitalised(texts[k]) and _PROPERTY.match(texts[k + 1]):
            previous = texts[k - 1]
            if is_capitalised(previous) and not previous.endswith((",", "-")):
                points.append((k, 1))
    return points


def _clean(title: str) -> str:
    """A title without the punctuation a run leaves at its ends, nor a time word cut off
    from its time ("… - Information kl")."""
    words = title.split()
    while words and words[-1].lower() in {"kl", "kl.", "klockan", "ca"}:
        words.pop()
    # Column numbers left at the end ("… medborgarförslag 12 80").
    if len(words) > 2 and words[-1].isdigit() and words[-2].isdigit():
        while words and words[-1].isdigit():
            words.pop()
    title = " ".join(words).strip(" ,;/-–")
    return title if title.endswith(("m.fl.", "m.m.")) else title.rstrip(".")


# --- where run-together lists are --------------------------------------------------------------

_ENUMERATION = re.compile(r"(?<!\S)1\)\s+[A-ZÅÄÖ]")
_NUMBER_BEFORE_TITLE = re.compile(r"(?<![\w/:.-])(\d{1,3})[.)]?\s+(?=[\"”«A-ZÅÄÖ])")
_SENTENCE_END = re.compile(r"(?<!\S)(?P<word>[A-Za-zÅÄÖåäö]{2,30})\.\s+(?=[A-ZÅÄÖ§])")
# A line at least this long is text whose line breaks were lost.
RUN_LINE = 150


def run_regions(masked: str, lines: list[Line]) -> list[tuple[int, int, bool]]:
    """(start, end, anchored) of each stretch of text that may be a run-together list.

    A stretch starts after a list heading ("Ärendelista", "Innehållsförteckning" …) on a long
    line, at an enumeration "1) …", or is a long line of its own; it goes on into the next
    lines while they carry on the item numbers.
    """
    regions: list[tuple[int, int, bool]] = []
    for index, line in enumerate(lines):
        if len(line.raw) < RUN_LINE:
            continue
        starts: list[tuple[int, bool]] = []
        for match in ANCHOR.finditer(line.raw):
            starts.append((line.start + match.end(), True))
        enumeration = _ENUMERATION.search(line.raw)
        if enumeration:
            starts.append((line.start + enumeration.start(), True))
        ending = line.raw.rstrip()
        prose_end = ending.endswith(".") and not ending.endswith("...")
        if _sentences(line.raw) <= 1 and not _prose(line.raw) and not prose_end:
            if not _attendance(line.raw):
                starts.append((line.start, False))
        for start, anchored in starts:
            end = _continued(lines, index, masked[start : line.end])
            regions.append((start, end, anchored))
    return regions


# Finite verbs: a line with many of them is prose, not a list of titles.
_FINITE_VERBS = frozenset(
    "har är ska skall kan får blir var hade finns gäller innebär föreslår beslutar beslutade "
    "behöver måste vill anser bedöms ges sker".split()
)


def _prose(raw: str) -> bool:
    words = raw.lower().split()
    verbs = sum(1 for w in words if w in _FINITE_VERBS)
    return verbs >= 1 and verbs * 60 > len(words)


_PARTY = re.compile(r"\((?:S|M|C|L|KD|V|MP|SD|FP|s|m|c|fp|kd|v|mp)\)")
_ATTENDANCE_WORDS = re.compile(
    r"närvarande|ersättare|justerande|beslutande|sekreterare|ordförande|underskrifter", re.I
)


def _attendance(raw: str) -> bool:
    """A list of the people at the meeting: parties in brackets and their roles."""
    return len(_PARTY.findall(raw)) >= 3 or len(_ATTENDANCE_WORDS.findall(raw)) >= 2


def _sentences(raw: str) -> int:
    """Sentences ended in a line, not counting a head word's full stop ("Motion. Titel")."""
    return sum(1 for m in _SENTENCE_END.finditer(raw) if m.group("word").lower() not in HEAD_WORDS)


def _continued(lines: list[Line], index: int, first: str) -> int:
    """The end of a list that may go on over the following lines (a transcript's pages)."""
    numbers = [int(n) for n in _NUMBER_BEFORE_TITLE.findall(first)]
    last = max(numbers) if numbers else None
    end = lines[index].end
    for line in lines[index + 1 :]:
        if not line.stripped:
            continue
        if last is None:
            break
        head = line.raw.split()[:4]
        following = [int(w.rstrip(".)")) for w in head if w.rstrip(".)").isdigit()]
        if not any(last < n <= last + MAX_GAP for n in following):
            break
        more = [int(n) for n in _NUMBER_BEFORE_TITLE.findall(line.raw)]
        last = max([last, *more])
        end = line.end
    return end
