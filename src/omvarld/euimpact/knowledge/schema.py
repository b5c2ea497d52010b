"""The schema of the knowledge base: its records, their validation and their defaults.

One parser for every source of records: the YAML files (:mod:`.files`), the database of the web
app (which is loaded from what this parser returns and builds its engine knowledge from its rows
with the same parser) and the administrators' forms (:func:`parse_entry`). A default lives here
and nowhere else. The format is described in ``docs/knowledge-format.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from omvarld.euimpact.model import AREA_SET, EU_LEVELS, KINDS, MAX_AREAS, SUBSTANTIVE_KINDS

__all__ = [
    "ACT_TYPES",
    "CELEX_PATTERN",
    "DEFAULT_CUE_KINDS",
    "DEFAULT_CUE_WEIGHT",
    "FILES",
    "POLICY_KINDS",
    "SECTIONS",
    "SFS_PATTERN",
    "STATUSES",
    "Area",
    "Cue",
    "EuAct",
    "KnowledgeError",
    "ParsedKnowledge",
    "Policy",
    "Statute",
    "parse_entry",
    "parse_records",
]

#: The sections of the knowledge base, in the order they depend on each other, and their files.
FILES: dict[str, str] = {
    "areas": "areas.yaml",
    "acts": "eu_acts.yaml",
    "statutes": "statutes.yaml",
    "policies": "policies.yaml",
    "cues": "cues.yaml",
}
SECTIONS = tuple(FILES)

#: CELEX numbers: sector, year, type letters, number (treaty articles may carry a letter or no
#: number), an optional corrigendum suffix. Also the database's validator.
CELEX_PATTERN = r"^[0-9CE]\d{4}[A-Z]{1,2}\d{0,4}[A-Z]?(?:\(\d{1,2}\))?$"
SFS_PATTERN = r"^\d{4}:\d{1,4}$"
CELEX_RE = re.compile(CELEX_PATTERN)
SFS_RE = re.compile(SFS_PATTERN)
POLICY_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ACT_TYPES = ("directive", "regulation", "decision", "recommendation", "treaty")
POLICY_KINDS = ("strategy", "action_plan", "programme", "recommendation", "declaration")
STATUSES = ("in_force", "repealed")

# Cues apply to substantive items and information items unless they name their kinds: formal and
# election items are almost always coded none (DOMAIN.md §3).
DEFAULT_CUE_KINDS: frozenset[str] = SUBSTANTIVE_KINDS | {"information"}
#: A cue's weight when its entry gives none: below 0.5 a cue only adds areas or combines with
#: other signals, from 0.5 it decides the level on its own.
DEFAULT_CUE_WEIGHT = 0.5


class KnowledgeError(ValueError):
    """A knowledge file or record that cannot be used; the message names the file and entry.

    ``key`` is the field at fault when one is, ``detail`` the message without file and entry
    (what a form shows next to the field).
    """

    def __init__(self, message: str, *, key: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.key = key
        self.detail = detail or message


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


@dataclass(frozen=True)
class ParsedKnowledge:
    """Every validated entry of a knowledge base, with the versions and digests of its files."""

    areas: tuple[Area, ...]
    acts: tuple[EuAct, ...]
    statutes: tuple[Statute, ...]
    policies: tuple[Policy, ...]
    cues: tuple[Cue, ...]
    versions: Mapping[str, int] = field(default_factory=dict)
    digests: Mapping[str, str] = field(default_factory=dict)


def parse_records(
    records: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    source: str = "records",
    versions: Mapping[str, int] | None = None,
    digests: Mapping[str, str] | None = None,
) -> ParsedKnowledge:
    """Validate the records of each section (missing sections are empty) and their references.

    Raises :class:`KnowledgeError` naming the source and the entry on any invalid value, on an
    unknown reference (a statute implementing an act that is not there, a replacement that is
    not there) and on a duplicate id.
    """
    parser = _Parser(source)
    rows = {section: [dict(r) for r in records.get(section, ())] for section in SECTIONS}
    areas = parser.areas(rows["areas"])
    acts = parser.acts(rows["acts"])
    celexes = {a.celex for a in acts}
    for act in acts:
        if act.replaced_by and act.replaced_by not in celexes:
            raise parser.fail(
                "acts",
                act.celex,
                f"replaced by {act.replaced_by}, which is not an act here",
                key="replaced_by",
            )
    statutes = parser.statutes(rows["statutes"], celexes)
    policies = parser.policies(rows["policies"])
    cues = parser.cues(rows["cues"], {p.id for p in policies})
    return ParsedKnowledge(
        areas=tuple(areas),
        acts=tuple(acts),
        statutes=tuple(statutes),
        policies=tuple(policies),
        cues=tuple(cues),
        versions=dict(versions or {}),
        digests=dict(digests or {}),
    )


def parse_entry(
    section: str,
    record: Mapping[str, Any],
    *,
    policy_ids: Iterable[str] = (),
    act_celexes: Iterable[str] | None = None,
) -> Area | EuAct | Statute | Policy | Cue:
    """Validate one entry of ``section`` as the files are validated (an administrator's form).

    ``policy_ids`` are the policies a cue may refer to; ``act_celexes``, when given, the acts a
    statute may implement. Raises :class:`KnowledgeError`.
    """
    parser = _Parser("records")
    rows = [dict(record)]
    if section == "areas":
        return parser.areas(rows)[0]
    if section == "acts":
        return parser.acts(rows)[0]
    if section == "statutes":
        return parser.statutes(rows, None if act_celexes is None else set(act_celexes))[0]
    if section == "policies":
        return parser.policies(rows)[0]
    if section == "cues":
        return parser.cues(rows, set(policy_ids))[0]
    raise ValueError(f"unknown section {section!r}")


class _Parser:
    """Validation of each record type, with error messages naming file and entry."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, section: str, entry: str, message: str, *, key: str = "") -> KnowledgeError:
        return KnowledgeError(f"{self._file(section)}: {entry}: {message}", key=key, detail=message)

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
                raise self.fail(section, entry, f"'{key}' is missing", key=key)
            return ""
        if not isinstance(value, str | int):
            raise self.fail(section, entry, f"'{key}' must be text, got {value!r}", key=key)
        return str(value).strip()

    def strings(self, section: str, entry: str, record: Mapping[str, Any], key: str) -> list[str]:
        value = record.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            raise self.fail(
                section, entry, f"'{key}' must be a list of text, got {value!r}", key=key
            )
        return [str(v).strip() for v in value if str(v).strip()]

    def area_list(self, section: str, entry: str, record: Mapping[str, Any]) -> tuple[str, ...]:
        codes = self.strings(section, entry, record, "areas")
        unknown = [c for c in codes if c not in AREA_SET]
        if unknown:
            raise self.fail(
                section, entry, f"unknown area code(s) {', '.join(unknown)}", key="areas"
            )
        if len(codes) > MAX_AREAS:
            raise self.fail(
                section, entry, f"at most {MAX_AREAS} areas, got {len(codes)}", key="areas"
            )
        return tuple(codes)

    def celex(self, section: str, entry: str, value: str, *, key: str = "celex") -> str:
        if not CELEX_RE.match(value):
            raise self.fail(section, entry, f"malformed CELEX number {value!r}", key=key)
        return value

    def flag(self, section: str, entry: str, record: Mapping[str, Any], key: str) -> bool:
        value = record.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(
                section, entry, f"'{key}' must be true or false, got {value!r}", key=key
            )
        return value

    def policy_celex(self, pid: str, record: Mapping[str, Any]) -> str:
        celex = self.text("policies", pid, record, "celex", required=False)
        return self.celex("policies", pid, celex) if celex else ""

    def act_refs(
        self, sfs: str, record: Mapping[str, Any], key: str, acts: set[str] | None
    ) -> tuple[str, ...]:
        celexes = tuple(
            self.celex("statutes", sfs, c, key=key)
            for c in self.strings("statutes", sfs, record, key)
        )
        unknown = [c for c in celexes if acts is not None and c not in acts]
        if unknown:
            raise self.fail(
                "statutes", sfs, f"'{key}' names {', '.join(unknown)}, not an act here", key=key
            )
        return celexes

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
                raise self.fail(
                    "areas", code, "unknown area code (not one of the codebook's 23)", key="code"
                )
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
                raise self.fail("acts", celex, f"unknown type {kind!r}", key="type")
            status = self.text("acts", celex, r, "status", required=False) or "in_force"
            if status not in STATUSES:
                raise self.fail("acts", celex, f"unknown status {status!r}", key="status")
            replaced_by = self.text("acts", celex, r, "replaced_by", required=False)
            if replaced_by:
                self.celex("acts", celex, replaced_by, key="replaced_by")
            binding = r.get("binding", kind != "recommendation")
            if not isinstance(binding, bool):
                raise self.fail(
                    "acts",
                    celex,
                    f"'binding' must be true or false, got {binding!r}",
                    key="binding",
                )
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

    def statutes(
        self, records: list[dict[str, Any]], acts: set[str] | None = None
    ) -> list[Statute]:
        """The statutes; with ``acts``, each act they implement or supplement must be one."""
        result = []
        for n, r in enumerate(records, 1):
            sfs = self.text("statutes", f"entry {n}", r, "sfs", required=True)
            if not SFS_RE.match(sfs):
                raise self.fail("statutes", sfs, f"malformed SFS number {sfs!r}", key="sfs")
            implements = self.act_refs(sfs, r, "implements", acts)
            supplements = self.act_refs(sfs, r, "supplements", acts)
            eu = self.text("statutes", sfs, r, "eu", required=False) or (
                "legal" if implements or supplements else "none"
            )
            if eu not in ("legal", "none"):
                raise self.fail(
                    "statutes", sfs, f"'eu' must be legal or none, got {eu!r}", key="eu"
                )
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
                raise self.fail("policies", pid, "id must be a lower-case slug", key="id")
            kind = self.text("policies", pid, r, "kind", required=True)
            if kind not in POLICY_KINDS:
                raise self.fail("policies", pid, f"unknown kind {kind!r}", key="kind")
            result.append(
                Policy(
                    id=pid,
                    title_sv=self.text("policies", pid, r, "title_sv", required=True),
                    title_en=self.text("policies", pid, r, "title_en", required=False),
                    names=tuple(self.strings("policies", pid, r, "names")),
                    areas=self.area_list("policies", pid, r),
                    kind=kind,
                    celex=self.policy_celex(pid, r),
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
                raise self.fail("cues", cid, f"invalid pattern: {exc}", key="pattern") from exc
            eu = self.text("cues", cid, r, "eu", required=True)
            if eu not in EU_LEVELS:
                raise self.fail(
                    "cues", cid, f"'eu' must be one of {', '.join(EU_LEVELS)}", key="eu"
                )
            weight = r.get("weight", DEFAULT_CUE_WEIGHT)
            if isinstance(weight, bool) or not isinstance(weight, int | float):
                raise self.fail(
                    "cues", cid, f"'weight' must be a number, got {weight!r}", key="weight"
                )
            if not 0.0 <= float(weight) <= 1.0:
                raise self.fail("cues", cid, f"'weight' {weight} is outside 0..1", key="weight")
            refs = tuple(self.strings("cues", cid, r, "refs"))
            for ref in refs:
                if not (CELEX_RE.match(ref) or SFS_RE.match(ref) or ref in policy_ids):
                    raise self.fail(
                        "cues", cid, f"ref {ref!r} is no CELEX, SFS or policy id", key="refs"
                    )
            kinds = self.strings("cues", cid, r, "kinds")
            unknown = [k for k in kinds if k not in KINDS]
            if unknown:
                raise self.fail("cues", cid, f"unknown kind(s) {', '.join(unknown)}", key="kinds")
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
