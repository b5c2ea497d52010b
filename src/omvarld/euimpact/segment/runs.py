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
from itertools import pairwise

from omvarld.euimpact.kinds import item_kind
from omvarld.euimpact.segment.minutes import FURNITURE_TITLE
from omvarld.euimpact.segment.run_words import ANCHOR, MAX_GAP, PROPERTY, Word
from omvarld.euimpact.segment.text import Found, collapse, title_like
from omvarld.euimpact.segment.titles import HEAD_WORDS, is_capitalised, split_points, title_stop
from omvarld.euimpact.segment.vocabulary import words

__all__ = ["read_run"]


@dataclass(slots=True)
class _Piece:
    """Words between two markers, with the numbers of the marker before them."""

    marker: list[Word]
    words: list[Word] = field(default_factory=list)
    chain: int | None = None


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
            options: list[tuple[float, int | None]] = [
                (best[g - 1][u][0] + _step(u, v), u) for u in best[g - 1]
            ]
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
    steps = sum(1 for a, b in pairwise(values) if 1 <= b - a <= MAX_GAP)
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


_FINITE_VERBS = words("finite_verbs")


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
    for a, b in pairwise(numbered):
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
    for a, b in pairwise(numbered):
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
        if not PROPERTY.match(texts[p[0] - 1]) and not _person(texts, p[0], names)
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
        if is_capitalised(texts[k]) and PROPERTY.match(texts[k + 1]):
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
