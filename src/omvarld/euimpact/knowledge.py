"""Load, validate and compile the knowledge base (EU acts, statutes, policies, areas, cues).

The YAML files are described in ``docs/knowledge-format.md``. Loading validates every entry and
raises :class:`KnowledgeError` naming the file and the entry, so a bad edit fails loudly instead of
silently changing results. The compiled matchers are built once per :class:`Knowledge`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from omvarld.euimpact.model import AREA_SET, EU_LEVELS, KINDS, MAX_AREAS, SUBSTANTIVE_KINDS

__all__ = [
    "DEFAULT_DIRECTORY",
    "FILES",
    "Area",
    "Cue",
    "EuAct",
    "Knowledge",
    "KnowledgeError",
    "Policy",
    "Statute",
    "load_knowledge",
    "trie_pattern",
]

# Found relative to this file so that it also works from an installed wheel.
DEFAULT_DIRECTORY = Path(__file__).resolve().parent.parent / "knowledge" / "data"

FILES: dict[str, str] = {
    "areas": "areas.yaml",
    "acts": "eu_acts.yaml",
    "statutes": "statutes.yaml",
    "policies": "policies.yaml",
    "cues": "cues.yaml",
}

CELEX_RE = re.compile(r"^[0-9CE]\d{4}[A-Z]{1,2}\d{1,4}(?:\(\d{1,2}\))?$")
SFS_RE = re.compile(r"^\d{4}:\d{1,4}$")
POLICY_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ACT_TYPES = frozenset({"directive", "regulation", "decision", "recommendation", "treaty"})
POLICY_KINDS = frozenset({"strategy", "action_plan", "programme", "recommendation", "declaration"})
STATUSES = frozenset({"in_force", "repealed"})

# Cues apply to substantive items and information items unless they name their kinds: formal and
# election items are almost always coded none (DOMAIN.md §3).
DEFAULT_CUE_KINDS: frozenset[str] = SUBSTANTIVE_KINDS | {"information"}

# Names shorter than this must end at a word boundary: short names such as "GDPR" or "LIFE"
# would otherwise fire inside unrelated words.
SHORT_NAME = 6
# Name hygiene (see Knowledge._compile): acronyms shorter than this are only taken from the
# policy file, single lower-case words shorter than MIN_SINGLE_WORD only when they look like
# the name of an act ("-direktivet", "-lagen", "-akten", "-fonden" ...).
MIN_ACRONYM = 4
MIN_SINGLE_WORD = 12
ACRONYM_RE = re.compile(r"^[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9+&\- ]*[A-ZÅÄÖ0-9+]$")
NAME_WORD_RE = re.compile(
    r"direktiv|förordning|akt(?:en)?$|lag(?:en)?$|balk|fond|program|strategi|kod|konvention|"
    r"fördrag|stadga|deklaration|förklaring|pakt|agenda|plan(?:en)?$|garanti",
    re.IGNORECASE,
)


class KnowledgeError(ValueError):
    """A knowledge file or record that cannot be used; the message names the file and entry."""


@dataclass(frozen=True, slots=True)
class Area:
    """One of the codebook's 23 policy areas."""

    code: str
    label_sv: str
    label_en: str
    description_sv: str = ""


@dataclass(frozen=True, slots=True)
class EuAct:
    """An EU legal act identified by its CELEX number."""

    celex: str
    type: str
    citation: str
    title_sv: str
    title_en: str = ""
    names: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    binding: bool = True
    status: str = "in_force"
    replaced_by: str = ""

    @property
    def label(self) -> str:
        """A short Swedish label: the first common name, else the citation."""
        return self.names[0] if self.names else self.citation


@dataclass(frozen=True, slots=True)
class Statute:
    """A Swedish statute identified by its SFS number, with the EU acts behind it."""

    sfs: str
    title_sv: str
    names: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    implements: tuple[str, ...] = ()
    supplements: tuple[str, ...] = ()
    eu: str = "none"

    @property
    def celex(self) -> tuple[str, ...]:
        """Every EU act the statute implements or supplements."""
        return self.implements + self.supplements

    @property
    def label(self) -> str:
        """A short Swedish label: the first name, else the title."""
        return self.names[0] if self.names else self.title_sv


@dataclass(frozen=True, slots=True)
class Policy:
    """A non-binding EU policy: strategy, action plan, programme, recommendation, declaration."""

    id: str
    title_sv: str
    title_en: str = ""
    names: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    kind: str = "strategy"
    celex: str = ""
    funding: bool = False

    @property
    def label(self) -> str:
        """A short Swedish label: the first name, else the title."""
        return self.names[0] if self.names else self.title_sv


@dataclass(frozen=True, slots=True)
class Cue:
    """A subject cue: a pattern over lower-cased text pointing to areas and an EU level."""

    id: str
    pattern: str
    areas: tuple[str, ...]
    eu: str
    funding: bool
    weight: float
    why_sv: str
    refs: tuple[str, ...] = ()
    kinds: frozenset[str] = DEFAULT_CUE_KINDS
    regex: re.Pattern[str] = field(default=re.compile(""), compare=False, repr=False)


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


class Knowledge:
    """The validated knowledge base with its compiled matchers.

    Build it with :func:`load_knowledge` from the YAML files or with :meth:`from_records` from
    mappings (for example database rows); both validate the same way.
    """

    def __init__(
        self,
        *,
        areas: Sequence[Area],
        acts: Sequence[EuAct],
        statutes: Sequence[Statute],
        policies: Sequence[Policy],
        cues: Sequence[Cue],
        version: str,
    ) -> None:
        self.areas: dict[str, Area] = {a.code: a for a in areas}
        self.acts: dict[str, EuAct] = {a.celex: a for a in acts}
        self.statutes: dict[str, Statute] = {s.sfs: s for s in statutes}
        self.policies: dict[str, Policy] = {p.id: p for p in policies}
        self.cues: tuple[Cue, ...] = tuple(cues)
        self.version = version
        self._compile()

    def _compile(self) -> None:
        names: dict[str, list[NameTarget]] = {}
        abbreviations: dict[str, list[NameTarget]] = {}

        def add(name: str, target: NameTarget, *, short_ok: bool) -> None:
            name = " ".join(name.split())
            if not name or name.endswith("-"):
                # "Asyl-" is what is left of "Asyl-, migrations- och integrationsfonden" when an
                # unquoted YAML list splits the name at its commas.
                return
            if ACRONYM_RE.match(name):
                # Acronyms are matched in their own case: "LIFE" the programme, not "life
                # science"; very short ones ("LED", "CAP") only where the file allows it.
                if len(name) >= MIN_ACRONYM or short_ok:
                    targets = abbreviations.setdefault(name, [])
                    if target not in targets:
                        targets.append(target)
                return
            if (
                name[0].islower()
                and " " not in name
                and len(name) < MIN_SINGLE_WORD
                and not NAME_WORD_RE.search(name)
            ):
                # A short single common word ("energi", "jämlikhet") is a fragment of a longer
                # name split at its commas, and would fire on every text about the subject;
                # proper names ("Interreg", "Erasmus") are written capitalised.
                return
            for variant in name_variants(name):
                targets = names.setdefault(variant, [])
                if target not in targets:
                    targets.append(target)

        for statute in self.statutes.values():
            target = NameTarget("statute", statute.sfs)
            for name in statute.names:
                add(name, target, short_ok=False)
            for abbreviation in statute.abbreviations:
                # Statute abbreviations are explicit and matched case-sensitively (docs).
                abbreviations.setdefault(abbreviation.strip(), []).append(target)
        for act in self.acts.values():
            for name in act.names:
                add(name, NameTarget("act", act.celex), short_ok=False)
        for policy in self.policies.values():
            for name in policy.names:
                add(name, NameTarget("policy", policy.id), short_ok=True)
        self.names = names
        self.abbreviations = abbreviations
        name_body = trie_pattern(names) if names else "(?!)"
        self.name_regex = re.compile(rf"(?<!\w)({name_body})")
        abbreviation_body = trie_pattern(abbreviations) if abbreviations else "(?!)"
        self.abbreviation_regex = re.compile(rf"(?<![\w-])({abbreviation_body})(?![^\W_])")
        self.cue_matcher = CueMatcher(self.cues)

    @classmethod
    def from_records(
        cls,
        *,
        areas: Iterable[Mapping[str, Any]],
        acts: Iterable[Mapping[str, Any]] = (),
        statutes: Iterable[Mapping[str, Any]] = (),
        policies: Iterable[Mapping[str, Any]] = (),
        cues: Iterable[Mapping[str, Any]] = (),
        versions: Mapping[str, int] | None = None,
        source: str = "records",
    ) -> Knowledge:
        """Validate plain mappings (YAML entries or database rows) and build a knowledge base.

        Raises :class:`KnowledgeError` naming the source and the entry on any invalid value.
        """
        records = {
            "areas": [dict(r) for r in areas],
            "acts": [dict(r) for r in acts],
            "statutes": [dict(r) for r in statutes],
            "policies": [dict(r) for r in policies],
            "cues": [dict(r) for r in cues],
        }
        versions = dict(versions or {})
        digest = hashlib.sha256(
            json.dumps(records, sort_keys=True, ensure_ascii=False, default=str).encode()
        ).hexdigest()[:12]
        label = " ".join(f"{key}:{versions.get(key, 0)}" for key in FILES)
        parser = _Parser(source)
        area_list = parser.areas(records["areas"])
        policy_list = parser.policies(records["policies"])
        return cls(
            areas=area_list,
            acts=parser.acts(records["acts"]),
            statutes=parser.statutes(records["statutes"]),
            policies=policy_list,
            cues=parser.cues(records["cues"], {p.id for p in policy_list}),
            version=f"{label} sha256:{digest}",
        )


class _Parser:
    """Validation of each record type, with error messages naming file and entry."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, section: str, entry: str, message: str) -> KnowledgeError:
        return KnowledgeError(f"{self._file(section)}: {entry}: {message}")

    def _file(self, section: str) -> str:
        if self.source == "records":
            return f"{section} records"
        return str(Path(self.source) / FILES[section])

    def text(
        self, section: str, entry: str, record: Mapping[str, Any], key: str, *, required: bool
    ) -> str:
        value = record.get(key)
        if value is None or value == "":
            if required:
                raise self.fail(section, entry, f"'{key}' is missing")
            return ""
        if not isinstance(value, str | int):
            raise self.fail(section, entry, f"'{key}' must be text, got {value!r}")
        return str(value).strip()

    def strings(self, section: str, entry: str, record: Mapping[str, Any], key: str) -> list[str]:
        value = record.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            raise self.fail(section, entry, f"'{key}' must be a list of text, got {value!r}")
        return [str(v).strip() for v in value if str(v).strip()]

    def area_list(self, section: str, entry: str, record: Mapping[str, Any]) -> tuple[str, ...]:
        codes = self.strings(section, entry, record, "areas")
        unknown = [c for c in codes if c not in AREA_SET]
        if unknown:
            raise self.fail(section, entry, f"unknown area code(s) {', '.join(unknown)}")
        if len(codes) > MAX_AREAS:
            raise self.fail(section, entry, f"at most {MAX_AREAS} areas, got {len(codes)}")
        return tuple(codes)

    def celex(self, section: str, entry: str, value: str) -> str:
        if not CELEX_RE.match(value):
            raise self.fail(section, entry, f"malformed CELEX number {value!r}")
        return value

    def flag(self, section: str, entry: str, record: Mapping[str, Any], key: str) -> bool:
        value = record.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(section, entry, f"'{key}' must be true or false, got {value!r}")
        return value

    def unique(self, section: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for i in ids:
            if i in seen:
                raise self.fail(section, i, "duplicate id")
            seen.add(i)

    def areas(self, records: list[dict[str, Any]]) -> list[Area]:
        result = []
        for n, r in enumerate(records, 1):
            code = self.text("areas", f"entry {n}", r, "code", required=True)
            if code not in AREA_SET:
                raise self.fail("areas", code, "unknown area code (not one of the codebook's 23)")
            result.append(
                Area(
                    code=code,
                    label_sv=self.text("areas", code, r, "label_sv", required=True),
                    label_en=self.text("areas", code, r, "label_en", required=True),
                    description_sv=self.text("areas", code, r, "description_sv", required=False),
                )
            )
        self.unique("areas", [a.code for a in result])
        return result

    def acts(self, records: list[dict[str, Any]]) -> list[EuAct]:
        result = []
        for n, r in enumerate(records, 1):
            celex = self.celex(
                "acts", f"entry {n}", self.text("acts", f"entry {n}", r, "celex", required=True)
            )
            kind = self.text("acts", celex, r, "type", required=True)
            if kind not in ACT_TYPES:
                raise self.fail("acts", celex, f"unknown type {kind!r}")
            status = self.text("acts", celex, r, "status", required=False) or "in_force"
            if status not in STATUSES:
                raise self.fail("acts", celex, f"unknown status {status!r}")
            replaced_by = self.text("acts", celex, r, "replaced_by", required=False)
            if replaced_by:
                self.celex("acts", celex, replaced_by)
            binding = r.get("binding", kind != "recommendation")
            if not isinstance(binding, bool):
                raise self.fail("acts", celex, f"'binding' must be true or false, got {binding!r}")
            result.append(
                EuAct(
                    celex=celex,
                    type=kind,
                    citation=self.text("acts", celex, r, "citation", required=False),
                    title_sv=self.text("acts", celex, r, "title_sv", required=True),
                    title_en=self.text("acts", celex, r, "title_en", required=False),
                    names=tuple(self.strings("acts", celex, r, "names")),
                    areas=self.area_list("acts", celex, r),
                    binding=binding,
                    status=status,
                    replaced_by=replaced_by,
                )
            )
        self.unique("acts", [a.celex for a in result])
        return result

    def statutes(self, records: list[dict[str, Any]]) -> list[Statute]:
        result = []
        for n, r in enumerate(records, 1):
            sfs = self.text("statutes", f"entry {n}", r, "sfs", required=True)
            if not SFS_RE.match(sfs):
                raise self.fail("statutes", sfs, f"malformed SFS number {sfs!r}")
            implements = tuple(
                self.celex("statutes", sfs, c)
                for c in self.strings("statutes", sfs, r, "implements")
            )
            supplements = tuple(
                self.celex("statutes", sfs, c)
                for c in self.strings("statutes", sfs, r, "supplements")
            )
            eu = self.text("statutes", sfs, r, "eu", required=False) or (
                "legal" if implements or supplements else "none"
            )
            if eu not in ("legal", "none"):
                raise self.fail("statutes", sfs, f"'eu' must be legal or none, got {eu!r}")
            result.append(
                Statute(
                    sfs=sfs,
                    title_sv=self.text("statutes", sfs, r, "title_sv", required=True),
                    names=tuple(self.strings("statutes", sfs, r, "names")),
                    abbreviations=tuple(self.strings("statutes", sfs, r, "abbreviations")),
                    areas=self.area_list("statutes", sfs, r),
                    implements=implements,
                    supplements=supplements,
                    eu=eu,
                )
            )
        self.unique("statutes", [s.sfs for s in result])
        return result

    def policies(self, records: list[dict[str, Any]]) -> list[Policy]:
        result = []
        for n, r in enumerate(records, 1):
            pid = self.text("policies", f"entry {n}", r, "id", required=True)
            if not POLICY_ID_RE.match(pid):
                raise self.fail("policies", pid, "id must be a lower-case slug")
            kind = self.text("policies", pid, r, "kind", required=True)
            if kind not in POLICY_KINDS:
                raise self.fail("policies", pid, f"unknown kind {kind!r}")
            result.append(
                Policy(
                    id=pid,
                    title_sv=self.text("policies", pid, r, "title_sv", required=True),
                    title_en=self.text("policies", pid, r, "title_en", required=False),
                    names=tuple(self.strings("policies", pid, r, "names")),
                    areas=self.area_list("policies", pid, r),
                    kind=kind,
                    celex=self.text("policies", pid, r, "celex", required=False),
                    funding=self.flag("policies", pid, r, "funding"),
                )
            )
        self.unique("policies", [p.id for p in result])
        return result

    def cues(self, records: list[dict[str, Any]], policy_ids: set[str]) -> list[Cue]:
        result = []
        for n, r in enumerate(records, 1):
            cid = self.text("cues", f"entry {n}", r, "id", required=True)
            pattern = self.text("cues", cid, r, "pattern", required=True)
            try:
                regex = re.compile(pattern)
            except re.error as exc:
                raise self.fail("cues", cid, f"invalid pattern: {exc}") from exc
            eu = self.text("cues", cid, r, "eu", required=True)
            if eu not in EU_LEVELS:
                raise self.fail("cues", cid, f"'eu' must be one of {', '.join(EU_LEVELS)}")
            weight = r.get("weight", 0.5)
            if isinstance(weight, bool) or not isinstance(weight, int | float):
                raise self.fail("cues", cid, f"'weight' must be a number, got {weight!r}")
            if not 0.0 <= float(weight) <= 1.0:
                raise self.fail("cues", cid, f"'weight' {weight} is outside 0..1")
            refs = tuple(self.strings("cues", cid, r, "refs"))
            for ref in refs:
                if not (CELEX_RE.match(ref) or SFS_RE.match(ref) or ref in policy_ids):
                    raise self.fail("cues", cid, f"ref {ref!r} is no CELEX, SFS or policy id")
            kinds = self.strings("cues", cid, r, "kinds")
            unknown = [k for k in kinds if k not in KINDS]
            if unknown:
                raise self.fail("cues", cid, f"unknown kind(s) {', '.join(unknown)}")
            result.append(
                Cue(
                    id=cid,
                    pattern=pattern,
                    areas=self.area_list("cues", cid, r),
                    eu=eu,
                    funding=self.flag("cues", cid, r, "funding"),
                    weight=float(weight),
                    why_sv=self.text("cues", cid, r, "why_sv", required=True),
                    refs=refs,
                    kinds=frozenset(kinds) if kinds else DEFAULT_CUE_KINDS,
                    regex=regex,
                )
            )
        self.unique("cues", [c.id for c in result])
        return result


def _read_file(path: Path, key: str) -> tuple[int, list[dict[str, Any]]]:
    if not path.is_file():
        raise KnowledgeError(f"{path}: file is missing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: must be a mapping with 'version' and '{key}'")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise KnowledgeError(f"{path}: 'version' must be an integer")
    entries = data.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise KnowledgeError(f"{path}: '{key}' must be a list of mappings")
    return version, entries


_SECTION_KEYS = {
    "areas": "areas",
    "acts": "acts",
    "statutes": "statutes",
    "policies": "policies",
    "cues": "cues",
}


@lru_cache(maxsize=1)
def _load_default() -> Knowledge:
    return _load(DEFAULT_DIRECTORY)


def _load(directory: Path) -> Knowledge:
    versions: dict[str, int] = {}
    records: dict[str, list[dict[str, Any]]] = {}
    for section, filename in FILES.items():
        versions[section], records[section] = _read_file(
            directory / filename, _SECTION_KEYS[section]
        )
    return Knowledge.from_records(
        areas=records["areas"],
        acts=records["acts"],
        statutes=records["statutes"],
        policies=records["policies"],
        cues=records["cues"],
        versions=versions,
        source=str(directory),
    )


def load_knowledge(directory: Path | None = None) -> Knowledge:
    """Load and validate the knowledge files of ``directory`` (default: the packaged data).

    The default knowledge is loaded once per process; an explicit directory is read every time.
    Raises :class:`KnowledgeError` naming the file and entry when a file is missing or invalid.
    """
    if directory is None:
        return _load_default()
    return _load(Path(directory))
