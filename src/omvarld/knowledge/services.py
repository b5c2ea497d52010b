"""Loading the versioned knowledge files into the database, and the knowledge base's revision.

The files are read and validated by the engine's parser (:mod:`omvarld.euimpact.knowledge`):
the rows are written from the entries it returns, with its defaults, so the database and the
engine never read a file differently.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from omvarld.core.contributions import ReferenceDataError
from omvarld.core.updates import model_update
from omvarld.euimpact import knowledge as engine
from omvarld.euimpact.model import KINDS

from .constants import ActStatus
from .models import Cue, EUAct, KnowledgeFile, KnowledgeRevision, Policy, PolicyArea, Statute

#: The data files shipped inside the package, next to this module (the engine's default).
DATA_DIR = engine.DEFAULT_DIRECTORY

# Set while the files are loaded: the load raises the revision once, not once a row.
_loading: ContextVar[bool] = ContextVar("knowledge_loading", default=False)


class KnowledgeLoadError(ReferenceDataError):
    """A knowledge file cannot be loaded; the message names the file and entry, in Swedish."""


@dataclass
class KnowledgeLoadSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_local: list[str] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "kept_local": self.kept_local,
            "files": self.files,
        }


class _Loader:
    """Writes the entries of the knowledge files, row by row or, into an empty table, in bulk.

    Row by row, an entry updates its row (a row edited in the platform is kept). Into an empty
    table (a new installation, a test database) the entries are validated the same way and
    written with a few bulk inserts: :meth:`flush` writes what is pending.
    """

    def __init__(self) -> None:
        self.summary = KnowledgeLoadSummary()
        self.areas: dict[str, PolicyArea] = {}
        self.acts: dict[str, EUAct] = {}
        self.bulk = False
        self._pending: dict[type[models.Model], list[models.Model]] = {}
        self._pending_m2m: list[tuple[models.Model, str, list[models.Model]]] = []

    def upsert(
        self,
        model: type[models.Model],
        lookup: dict[str, Any],
        values: dict[str, Any],
        m2m: dict[str, Iterable[models.Model]] | None = None,
        where: str = "",
    ) -> models.Model:
        if self.bulk:
            return self._add(model, lookup, values, m2m or {}, where)
        instance: Any = model._default_manager.filter(**lookup).first()
        if instance is not None and instance.edited_locally:
            self.summary.kept_local.append(where)
            return instance  # type: ignore[no-any-return]
        created = instance is None
        try:
            instance, changed = model_update(
                instance=instance or model(**lookup),
                data=values,
                m2m=m2m,
                validate_unique=False,
            )
        except ValidationError as exc:
            raise _invalid(where, exc) from exc
        if created:
            self.summary.created += 1
        elif changed:
            self.summary.updated += 1
        else:
            self.summary.unchanged += 1
        return instance  # type: ignore[no-any-return]

    def _add(
        self,
        model: type[models.Model],
        lookup: dict[str, Any],
        values: dict[str, Any],
        m2m: dict[str, Iterable[models.Model]],
        where: str,
    ) -> models.Model:
        instance = model(**lookup, **values)
        try:
            instance.full_clean(validate_unique=False)
        except ValidationError as exc:
            raise _invalid(where, exc) from exc
        self._pending.setdefault(model, []).append(instance)
        self._pending_m2m.extend((instance, name, list(targets)) for name, targets in m2m.items())
        self.summary.created += 1
        return instance

    def flush(self) -> None:
        """Write the pending rows, their history and their many-to-many links."""
        for model, instances in self._pending.items():
            bulk_create_with_history(instances, model)
        links: dict[type[models.Model], list[models.Model]] = {}
        for instance, name, targets in self._pending_m2m:
            field: Any = instance._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            links.setdefault(through, []).extend(
                through(**{f"{source}_id": instance.pk, f"{target}_id": t.pk}) for t in targets
            )
        for through, rows in links.items():
            through._default_manager.bulk_create(rows)
        self._pending.clear()
        self._pending_m2m.clear()

    def area_list(self, codes: Iterable[str], where: str) -> list[PolicyArea]:
        try:
            return [self.areas[code] for code in codes]
        except KeyError as exc:
            raise KnowledgeLoadError(
                _("%(where)s names the unknown area %(code)s.")
                % {"where": where, "code": exc.args[0]}
            ) from None

    def act_list(self, celexes: Iterable[str], where: str) -> list[EUAct]:
        try:
            return [self.acts[celex] for celex in celexes]
        except KeyError as exc:
            raise KnowledgeLoadError(
                _("%(where)s refers to the EU act %(celex)s, which is not in eu_acts.yaml.")
                % {"where": where, "celex": exc.args[0]}
            ) from None


def _invalid(where: str, exc: ValidationError) -> KnowledgeLoadError:
    return KnowledgeLoadError(
        _("%(where)s is invalid: %(error)s") % {"where": where, "error": "; ".join(exc.messages)}
    )


def _areas(loader: _Loader, entries: Iterable[engine.Area]) -> None:
    for e in entries:
        area = loader.upsert(
            PolicyArea,
            {"code": e.code},
            {"label_sv": e.label_sv, "label_en": e.label_en, "description_sv": e.description_sv},
            where=f"areas.yaml: {e.code}",
        )
        loader.areas[e.code] = area  # type: ignore[assignment]


def _acts(loader: _Loader, entries: Iterable[engine.EuAct]) -> None:
    entries = list(entries)
    for e in entries:
        where = f"eu_acts.yaml: {e.celex}"
        known = loader.acts.get(e.celex)
        # What an EU source recorded (a repeal, an English title) is newer than the file.
        repealed_at_source = known is not None and known.status == ActStatus.REPEALED
        act = loader.upsert(
            EUAct,
            {"celex": e.celex},
            {
                "act_type": e.type,
                "citation": e.citation,
                "title_sv": e.title_sv,
                "title_en": e.title_en or (known.title_en if known else ""),
                "names": list(e.names),
                "binding": e.binding,
                "status": ActStatus.REPEALED if repealed_at_source else e.status,
            },
            m2m={"areas": loader.area_list(e.areas, where)},
            where=where,
        )
        loader.acts[e.celex] = act  # type: ignore[assignment]
    loader.flush()
    # Replacements point forwards and backwards in the file, so they are set once all acts exist.
    replaced: list[EUAct] = []
    for e in entries:
        act = loader.acts[e.celex]
        if not e.replaced_by and act.replaced_by_id:
            continue  # recorded by an EU source after the file was written
        replaced_by = (
            loader.act_list([e.replaced_by], f"eu_acts.yaml: {e.celex}")[0]
            if e.replaced_by
            else None
        )
        if not act.edited_locally and act.replaced_by_id != (
            replaced_by.pk if replaced_by else None
        ):
            act.replaced_by = replaced_by
            replaced.append(act)
    if loader.bulk:
        bulk_update_with_history(replaced, EUAct, ["replaced_by"])
    else:
        for act in replaced:
            act.save(update_fields=["replaced_by", "updated_at"])


def _statutes(loader: _Loader, entries: Iterable[engine.Statute]) -> None:
    for e in entries:
        where = f"statutes.yaml: {e.sfs}"
        loader.upsert(
            Statute,
            {"sfs": e.sfs},
            {
                "title_sv": e.title_sv,
                "names": list(e.names),
                "abbreviations": list(e.abbreviations),
                "eu": e.eu,
            },
            m2m={
                "areas": loader.area_list(e.areas, where),
                "implements": loader.act_list(e.implements, where),
                "supplements": loader.act_list(e.supplements, where),
            },
            where=where,
        )


def _policies(loader: _Loader, entries: Iterable[engine.Policy]) -> None:
    for e in entries:
        where = f"policies.yaml: {e.id}"
        loader.upsert(
            Policy,
            {"key": e.id},
            {
                "title_sv": e.title_sv,
                "title_en": e.title_en,
                "names": list(e.names),
                "kind": e.kind,
                "celex": e.celex,
                "funding": e.funding,
            },
            m2m={"areas": loader.area_list(e.areas, where)},
            where=where,
        )


def _cues(loader: _Loader, entries: Iterable[engine.Cue]) -> None:
    for e in entries:
        where = f"cues.yaml: {e.id}"
        loader.upsert(
            Cue,
            {"key": e.id},
            {
                "pattern": e.pattern,
                "eu": e.eu,
                "funding": e.funding,
                "weight": e.weight,
                "why_sv": e.why_sv,
                "refs": list(e.refs),
                # The kinds the cue applies to, written out (the engine's default included), so
                # an administrator sees what the engine does.
                "kinds": [kind for kind in KINDS if kind in e.kinds],
            },
            m2m={"areas": loader.area_list(e.areas, where)},
            where=where,
        )


Writer = Callable[[_Loader, Any], None]

#: Section, file, writer and table, in dependency order (areas first, acts before statutes).
SECTIONS: list[tuple[str, str, Writer, type[models.Model]]] = [
    ("areas", engine.FILES["areas"], _areas, PolicyArea),
    ("acts", engine.FILES["acts"], _acts, EUAct),
    ("statutes", engine.FILES["statutes"], _statutes, Statute),
    ("policies", engine.FILES["policies"], _policies, Policy),
    ("cues", engine.FILES["cues"], _cues, Cue),
]


def _parsed(directory: Path) -> engine.ParsedKnowledge:
    try:
        return engine.read_knowledge_files(directory)
    except engine.KnowledgeError as exc:
        raise KnowledgeLoadError(
            _("The knowledge files cannot be loaded: %(error)s") % {"error": exc}
        ) from exc


@transaction.atomic
def knowledge_load_files(*, directory: Path = DATA_DIR) -> KnowledgeLoadSummary:
    """Load every knowledge file from ``directory`` into the database.

    The files are read and validated by the engine's parser; the rows are written from what it
    returns. Idempotent (a second run reports everything unchanged) and atomic (any bad entry
    rolls the whole load back and raises :class:`KnowledgeLoadError` naming file and entry).
    Rows edited by hand in the platform are kept and listed in the summary. Nothing is deleted:
    an entry removed from a file may still be cited by stored analyses. A file whose table is
    empty (a new installation) is written in bulk: the same validation, a few queries instead of
    thousands. The revision is raised once when anything changed (created on the first load).
    """
    parsed = _parsed(directory)
    loader = _Loader()
    loader.areas = {a.code: a for a in PolicyArea.objects.all()}
    loader.acts = {a.celex: a for a in EUAct.objects.all()}
    with _quiet():
        for section, name, write, table in SECTIONS:
            loader.bulk = not table._default_manager.exists()
            write(loader, getattr(parsed, section))
            loader.flush()
            KnowledgeFile.objects.update_or_create(
                name=name,
                defaults={"version": parsed.versions[section], "sha256": parsed.digests[section]},
            )
            loader.summary.files[name] = parsed.versions[section]
    if loader.summary.created or loader.summary.updated or not KnowledgeRevision.objects.exists():
        knowledge_revision_raise(create=True)
    return loader.summary


@transaction.atomic
def knowledge_load_areas(*, directory: Path = DATA_DIR) -> KnowledgeLoadSummary:
    """Load only the policy areas (what the organisation file refers to)."""
    loader = _Loader()
    loader.bulk = not PolicyArea.objects.exists()
    with _quiet():
        _areas(loader, _parsed(directory).areas)
        loader.flush()
    return loader.summary


def knowledge_load_reference(*, path: Path | None) -> dict[str, Any]:
    """The knowledge base as reference data (registered in the app's ``ready()``)."""
    return knowledge_load_files(directory=path or DATA_DIR).as_dict()


@contextmanager
def _quiet() -> Iterator[None]:
    token = _loading.set(True)
    try:
        yield
    finally:
        _loading.reset(token)


def knowledge_revision_raise(*, create: bool = False) -> None:
    """Raise the knowledge base's revision after a change of its rows.

    Called for every saved, deleted or relinked row (see :mod:`.signals`) except during a load of
    the files, which raises it once. Before the files were first loaded there is no revision
    (the web app analyses with the packaged files) and only a load (``create``) starts one.
    """
    if _loading.get():
        return
    values = {"token": uuid.uuid4().hex, "changed_at": timezone.now()}
    raised = KnowledgeRevision.objects.filter(pk=1).update(number=F("number") + 1, **values)
    if not raised and create:
        KnowledgeRevision.objects.create(pk=1, number=1, **values)
