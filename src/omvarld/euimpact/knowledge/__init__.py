"""The knowledge base (EU acts, statutes, policies, areas, cues) with its compiled matchers.

The records and their validation are :mod:`.schema`, the YAML files :mod:`.files`, the matchers
:mod:`.matching`. Loading validates every entry and raises :class:`KnowledgeError` naming the
file and the entry, so a bad edit fails loudly instead of silently changing results. The compiled
matchers are built once per :class:`Knowledge`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .files import DEFAULT_DIRECTORY, read_knowledge_files, read_records
from .matching import CueMatcher, NameTarget, literal_prefixes, name_variants, trie_pattern
from .schema import (
    DEFAULT_CUE_KINDS,
    DEFAULT_CUE_WEIGHT,
    FILES,
    Area,
    Cue,
    EuAct,
    KnowledgeError,
    ParsedKnowledge,
    Policy,
    Statute,
    parse_entry,
    parse_records,
)

__all__ = [
    "DEFAULT_CUE_KINDS",
    "DEFAULT_CUE_WEIGHT",
    "DEFAULT_DIRECTORY",
    "FILES",
    "Area",
    "Cue",
    "CueMatcher",
    "EuAct",
    "Knowledge",
    "KnowledgeError",
    "ParsedKnowledge",
    "Policy",
    "Statute",
    "literal_prefixes",
    "load_knowledge",
    "parse_entry",
    "parse_records",
    "read_knowledge_files",
    "trie_pattern",
]

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
    def from_parsed(cls, parsed: ParsedKnowledge, *, version: str) -> Knowledge:
        """The knowledge base of entries the schema's parser returned."""
        return cls(
            areas=parsed.areas,
            acts=parsed.acts,
            statutes=parsed.statutes,
            policies=parsed.policies,
            cues=parsed.cues,
            version=version,
        )

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
        label: str = "",
    ) -> Knowledge:
        """Validate plain mappings (YAML entries or database rows) and build a knowledge base.

        Its version is ``label`` (default: each file's version) and a digest of the records, so
        two bases with the same records have the same version. Raises :class:`KnowledgeError`
        naming the source and the entry on any invalid value.
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
        label = label or " ".join(f"{key}:{versions.get(key, 0)}" for key in FILES)
        parsed = parse_records(records, source=source, versions=versions)
        return cls.from_parsed(parsed, version=f"{label} sha256:{digest}")


@lru_cache(maxsize=1)
def _load_default() -> Knowledge:
    return _load(DEFAULT_DIRECTORY)


def _load(directory: Path) -> Knowledge:
    records, versions, _digests = read_records(directory)
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
