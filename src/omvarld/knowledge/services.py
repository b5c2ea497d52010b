"""Loading the versioned knowledge files into the database."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from omvarld.core.contributions import ReferenceDataError
from omvarld.core.updates import model_update

from .constants import ActStatus
from .models import Cue, EUAct, KnowledgeFile, Policy, PolicyArea, Statute

#: The data files shipped inside the package, next to this module.
DATA_DIR = Path(__file__).resolve().parent / "data"


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


def _read(path: Path, key: str) -> tuple[int, str, list[dict[str, Any]]]:
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw)
    except OSError as exc:
        raise KnowledgeLoadError(
            _("The knowledge file %(path)s cannot be read: %(error)s")
            % {"path": path.name, "error": exc.strerror}
        ) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeLoadError(
            _("The knowledge file %(path)s is not valid YAML: %(error)s")
            % {"path": path.name, "error": exc}
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise KnowledgeLoadError(
            _("The knowledge file %(path)s has no list under '%(key)s'.")
            % {"path": path.name, "key": key}
        )
    version = data.get("version")
    if not isinstance(version, int):
        raise KnowledgeLoadError(
            _("The knowledge file %(path)s has no integer 'version'.") % {"path": path.name}
        )
    return version, hashlib.sha256(raw).hexdigest(), data[key]


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
        self._seen: set[tuple[str, tuple[tuple[str, Any], ...]]] = set()
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
        key = (model._meta.label, tuple(sorted(lookup.items())))
        if key in self._seen:
            raise KnowledgeLoadError(_("%(where)s appears twice.") % {"where": where})
        self._seen.add(key)
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


def _areas(loader: _Loader, entries: list[dict[str, Any]]) -> None:
    for e in entries:
        where = f"areas.yaml: {e.get('code')}"
        area = loader.upsert(
            PolicyArea,
            {"code": e["code"]},
            {
                "label_sv": e["label_sv"],
                "label_en": e.get("label_en", ""),
                "description_sv": e.get("description_sv", ""),
            },
            where=where,
        )
        loader.areas[e["code"]] = area  # type: ignore[assignment]


def _acts(loader: _Loader, entries: list[dict[str, Any]]) -> None:
    for e in entries:
        where = f"eu_acts.yaml: {e.get('celex')}"
        known = loader.acts.get(e["celex"])
        # What an EU source recorded (a repeal, an English title) is newer than the file.
        repealed_at_source = known is not None and known.status == ActStatus.REPEALED
        act = loader.upsert(
            EUAct,
            {"celex": e["celex"]},
            {
                "act_type": e["type"],
                "citation": e.get("citation", ""),
                "title_sv": e["title_sv"],
                "title_en": e.get("title_en") or (known.title_en if known else ""),
                "names": list(e.get("names") or []),
                "binding": bool(e.get("binding", True)),
                "status": ActStatus.REPEALED if repealed_at_source else e.get("status", "in_force"),
            },
            m2m={"areas": loader.area_list(e.get("areas") or [], where)},
            where=where,
        )
        loader.acts[e["celex"]] = act  # type: ignore[assignment]
    loader.flush()
    # Replacements point forwards and backwards in the file, so they are set once all acts exist.
    replaced: list[EUAct] = []
    for e in entries:
        act = loader.acts[e["celex"]]
        target = e.get("replaced_by")
        if not target and act.replaced_by_id:
            continue  # recorded by an EU source after the file was written
        replaced_by = (
            loader.act_list([target], f"eu_acts.yaml: {e['celex']}")[0] if target else None
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


def _statutes(loader: _Loader, entries: list[dict[str, Any]]) -> None:
    for e in entries:
        where = f"statutes.yaml: {e.get('sfs')}"
        loader.upsert(
            Statute,
            {"sfs": str(e["sfs"])},
            {
                "title_sv": e["title_sv"],
                "names": list(e.get("names") or []),
                "abbreviations": list(e.get("abbreviations") or []),
                "eu": e.get("eu", "none"),
            },
            m2m={
                "areas": loader.area_list(e.get("areas") or [], where),
                "implements": loader.act_list(e.get("implements") or [], where),
                "supplements": loader.act_list(e.get("supplements") or [], where),
            },
            where=where,
        )


def _policies(loader: _Loader, entries: list[dict[str, Any]]) -> None:
    for e in entries:
        where = f"policies.yaml: {e.get('id')}"
        loader.upsert(
            Policy,
            {"key": e["id"]},
            {
                "title_sv": e["title_sv"],
                "title_en": e.get("title_en", ""),
                "names": list(e.get("names") or []),
                "kind": e["kind"],
                "celex": e.get("celex") or "",
                "funding": bool(e.get("funding", False)),
            },
            m2m={"areas": loader.area_list(e.get("areas") or [], where)},
            where=where,
        )


def _cues(loader: _Loader, entries: list[dict[str, Any]]) -> None:
    for e in entries:
        where = f"cues.yaml: {e.get('id')}"
        loader.upsert(
            Cue,
            {"key": e["id"]},
            {
                "pattern": e["pattern"],
                "eu": e["eu"],
                "funding": bool(e.get("funding", False)),
                "weight": float(e.get("weight", 1.0)),
                "why_sv": e.get("why_sv", ""),
                "refs": list(e.get("refs") or []),
                "kinds": list(e.get("kinds") or []),
            },
            m2m={"areas": loader.area_list(e.get("areas") or [], where)},
            where=where,
        )


#: File name, list key and loader, in dependency order (areas first, acts before statutes).
FILES: list[tuple[str, str, Callable[[_Loader, list[dict[str, Any]]], None]]] = [
    ("areas.yaml", "areas", _areas),
    ("eu_acts.yaml", "acts", _acts),
    ("statutes.yaml", "statutes", _statutes),
    ("policies.yaml", "policies", _policies),
    ("cues.yaml", "cues", _cues),
]
#: The table each file fills: written in bulk while it is empty.
TABLES: dict[str, type[models.Model]] = {
    "areas.yaml": PolicyArea,
    "eu_acts.yaml": EUAct,
    "statutes.yaml": Statute,
    "policies.yaml": Policy,
    "cues.yaml": Cue,
}


@transaction.atomic
def knowledge_load_files(*, directory: Path = DATA_DIR) -> KnowledgeLoadSummary:
    """Load every knowledge file from ``directory`` into the database.

    Idempotent (a second run reports everything unchanged) and atomic (any bad entry rolls the
    whole load back and raises :class:`KnowledgeLoadError` naming file and entry). Rows edited by
    hand in the platform are kept and listed in the summary. Nothing is deleted: an entry removed
    from a file may still be cited by stored analyses. A file whose table is empty (a new
    installation) is written in bulk: the same validation, a few queries instead of thousands.
    """
    loader = _Loader()
    loader.areas = {a.code: a for a in PolicyArea.objects.all()}
    loader.acts = {a.celex: a for a in EUAct.objects.all()}
    for name, key, load in FILES:
        version, digest, entries = _read(directory / name, key)
        loader.bulk = not TABLES[name]._default_manager.exists()
        try:
            load(loader, entries)
            loader.flush()
        except KeyError as exc:
            raise KnowledgeLoadError(
                _("An entry in %(file)s lacks the field %(field)s.")
                % {"file": name, "field": exc.args[0]}
            ) from exc
        KnowledgeFile.objects.update_or_create(
            name=name, defaults={"version": version, "sha256": digest}
        )
        loader.summary.files[name] = version
    return loader.summary


@transaction.atomic
def knowledge_load_areas(*, directory: Path = DATA_DIR) -> KnowledgeLoadSummary:
    """Load only the policy areas (what the organisation file refers to)."""
    loader = _Loader()
    loader.bulk = not PolicyArea.objects.exists()
    _areas(loader, _read(directory / "areas.yaml", "areas")[2])
    loader.flush()
    return loader.summary


def knowledge_load_reference(*, path: Path | None) -> dict[str, Any]:
    """The knowledge base as reference data (registered in the app's ``ready()``)."""
    return knowledge_load_files(directory=path or DATA_DIR).as_dict()
