"""The knowledge base's matchers: names as a trie, Swedish inflections, cues by literal prefix."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .schema import Cue

__all__ = ["CueMatcher", "NameTarget", "literal_prefixes", "name_variants", "trie_pattern"]


@dataclass(frozen=True, slots=True)
class NameTarget:
    """What a matched name or abbreviation refers to."""

    kind: str  # "act", "statute" or "policy"
    ref: str


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, factored as a trie.

    Python's ``re`` tries the branches of an alternation one by one at every position; a trie lets
    it follow one branch per character, which keeps hundreds of names cheap to search. Greedy
    optional tails make it prefer the longest word at a position.
    """
    root: dict[str, Any] = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            if len(branches) == 1 and len(body) > 1:
                body = "(?:" + body + ")"
            return body + "?"
        return body

    return build(root)


def name_variants(name: str) -> list[str]:
    """Lower-cased forms of a name that also catch Swedish inflections.

    Knowledge files give names in the definite form ("dataskyddsförordningen", "lagen om ...");
    texts also write the indefinite form ("EU:s dataskyddsförordning", "lag om ..."). The matcher
    is open to the right, so the indefinite stem also catches genitives and plurals.
    """
    low = " ".join(name.lower().split())
    variants = [low]
    if " " not in low and len(low) >= 10 and low.endswith(("en", "et")):
        variants.append(low[:-2])
    if low.startswith("lagen "):
        variants.append("lag " + low[6:])
    if low.startswith("förordningen "):
        variants.append("förordning " + low[13:])
    return variants


_QUANTIFIER = frozenset("?*+{")
_PLAIN = re.compile(r"[\w \-.:/'&]")


def literal_prefixes(pattern: str) -> list[str] | None:
    """The literal text each top-level alternative of a cue pattern starts with.

    Used to find candidate cues with one trie search; ``None`` when some alternative has no
    literal start of at least two characters (such a cue is then tried on every text).
    """
    alternatives: list[str] = []
    depth = 0
    escaped = False
    in_class = False
    start = 0
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            alternatives.append(pattern[start:i])
            start = i + 1
    alternatives.append(pattern[start:])
    prefixes: list[str] = []
    for alt in alternatives:
        # Anchors at the start do not change the literal text that follows them; the full
        # pattern still checks them when it is matched at the candidate position.
        if alt.startswith("\\b"):
            alt = alt[2:]
        elif alt.startswith("^"):
            alt = alt[1:]
        chars: list[str] = []
        i = 0
        while i < len(alt):
            ch = alt[i]
            if ch == "\\" and i + 1 < len(alt) and alt[i + 1] in "-.' /:":
                literal, step = alt[i + 1], 2
            elif ch in ".()[]|\\^$" or not _PLAIN.match(ch):
                break
            else:
                literal, step = ch, 1
            if i + step < len(alt) and alt[i + step] in _QUANTIFIER:
                break
            chars.append(literal)
            i += step
        prefix = "".join(chars)
        if len(prefix) < 2:
            return None
        prefixes.append(prefix[:6])
    return prefixes


class CueMatcher:
    """Finds every cue that matches a lower-cased text, with one trie search for candidates."""

    def __init__(self, cues: Sequence[Cue]) -> None:
        self.cues = tuple(cues)
        by_prefix: dict[str, list[int]] = {}
        self.always: list[int] = []
        for index, cue in enumerate(self.cues):
            prefixes = literal_prefixes(cue.pattern)
            if prefixes is None:
                self.always.append(index)
                continue
            for prefix in prefixes:
                by_prefix.setdefault(prefix, []).append(index)
        # A matched prefix also stands for every shorter prefix it starts with.
        self.candidates: dict[str, tuple[int, ...]] = {}
        for prefix in by_prefix:
            found = [
                i
                for other, indexes in by_prefix.items()
                if prefix.startswith(other)
                for i in indexes
            ]
            self.candidates[prefix] = tuple(sorted(set(found)))
        body = trie_pattern(by_prefix) if by_prefix else "(?!)"
        self.prefilter = re.compile(f"(?=({body}))")

    def find(self, lowered: str) -> list[tuple[Cue, int, int]]:
        """Each matching cue with the span of its first match, in text order."""
        hits: dict[int, tuple[int, int]] = {}
        for m in self.prefilter.finditer(lowered):
            pos = m.start()
            for index in self.candidates[m.group(1)]:
                if index in hits:
                    continue
                cm = self.cues[index].regex.match(lowered, pos)
                if cm is not None and cm.end() > cm.start():
                    hits[index] = (cm.start(), cm.end())
        for index in self.always:
            cm = self.cues[index].regex.search(lowered)
            if cm is not None and cm.end() > cm.start():
                hits[index] = (cm.start(), cm.end())
        ordered = sorted(hits.items(), key=lambda item: (item[1][0], item[0]))
        return [(self.cues[i], start, end) for i, (start, end) in ordered]
