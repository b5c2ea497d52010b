"""The administrators' forms of the knowledge base, validated by the engine's schema.

A row the engine could not use would be left out of every analysis; the form refuses it instead,
with the engine's reason next to the field at fault (:func:`omvarld.euimpact.knowledge.parse_entry`
checks one entry as the files are checked).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext as _

from omvarld.euimpact.knowledge import KnowledgeError, parse_entry

from .models import Cue, EUAct, Policy, PolicyArea, Statute


class EngineSchemaForm(forms.ModelForm):  # type: ignore[type-arg]
    """A knowledge row's form: the model's own checks, then the engine's for the whole entry."""

    #: The section of the knowledge files the row belongs to.
    section: ClassVar[str]
    #: Keys of the engine's records whose form field has another name.
    field_names: ClassVar[dict[str, str]] = {}

    def record(self, data: dict[str, Any]) -> dict[str, Any]:
        """The cleaned data as an entry of the knowledge files."""
        raise NotImplementedError

    def references(self) -> dict[str, Any]:
        """What the entry may refer to (policies for a cue)."""
        return {}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data  # the fields' own messages first
        try:
            parse_entry(self.section, self.record(data), **self.references())
        except KnowledgeError as exc:
            name = self.field_names.get(exc.key, exc.key)
            message = _("The EU-impact engine cannot use this: %(reason)s") % {"reason": exc.detail}
            self.add_error(name if name in self.fields else None, message)
        return data


def _codes(areas: Any) -> list[str]:
    return [area.code for area in areas or ()]


class PolicyAreaForm(EngineSchemaForm):
    section = "areas"

    class Meta:
        model = PolicyArea
        fields = ["code", "label_sv", "label_en", "description_sv", "edited_locally"]

    def record(self, data: dict[str, Any]) -> dict[str, Any]:
        keys = ("code", "label_sv", "label_en", "description_sv")
        return {key: data.get(key, "") for key in keys}


class EUActForm(EngineSchemaForm):
    section = "acts"
    field_names: ClassVar[dict[str, str]] = {"type": "act_type"}

    class Meta:
        model = EUAct
        fields = [
            "celex",
            "act_type",
            "citation",
            "title_sv",
            "title_en",
            "names",
            "areas",
            "binding",
            "status",
            "replaced_by",
            "eli",
            "date_adopted",
            "date_in_force",
            "transposition_deadline",
            "amended_by",
            "edited_locally",
        ]

    def record(self, data: dict[str, Any]) -> dict[str, Any]:
        replaced_by = data.get("replaced_by")
        return {
            "celex": data.get("celex", ""),
            "type": data.get("act_type", ""),
            "citation": data.get("citation", ""),
            "title_sv": data.get("title_sv", ""),
            "title_en": data.get("title_en", ""),
            "names": data.get("names") or [],
            "areas": _codes(data.get("areas")),
            "binding": data.get("binding", True),
            "status": data.get("status", ""),
            "replaced_by": replaced_by.celex if replaced_by else "",
        }


class StatuteForm(EngineSchemaForm):
    section = "statutes"

    class Meta:
        model = Statute
        fields = [
            "sfs",
            "title_sv",
            "names",
            "abbreviations",
            "areas",
            "implements",
            "supplements",
            "eu",
            "edited_locally",
        ]

    def record(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "sfs": data.get("sfs", ""),
            "title_sv": data.get("title_sv", ""),
            "names": data.get("names") or [],
            "abbreviations": data.get("abbreviations") or [],
            "areas": _codes(data.get("areas")),
            "implements": [act.celex for act in data.get("implements") or ()],
            "supplements": [act.celex for act in data.get("supplements") or ()],
            "eu": data.get("eu", ""),
        }


class PolicyForm(EngineSchemaForm):
    section = "policies"
    field_names: ClassVar[dict[str, str]] = {"id": "key"}

    class Meta:
        model = Policy
        fields = [
            "key",
            "title_sv",
            "title_en",
            "names",
            "areas",
            "kind",
            "celex",
            "funding",
            "edited_locally",
        ]

    def record(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": data.get("key", ""),
            "title_sv": data.get("title_sv", ""),
            "title_en": data.get("title_en", ""),
            "names": data.get("names") or [],
            "areas": _codes(data.get("areas")),
            "kind": data.get("kind", ""),
            "celex": data.get("celex", ""),
            "funding": data.get("funding", False),
        }


class CueForm(EngineSchemaForm):
    section = "cues"
    field_names: ClassVar[dict[str, str]] = {"id": "key"}

    class Meta:
        model = Cue
        fields = [
            "key",
            "pattern",
            "areas",
            "eu",
            "funding",
            "weight",
            "why_sv",
            "refs",
            "kinds",
            "edited_locally",
        ]

    def record(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": data.get("key", ""),
            "pattern": data.get("pattern", ""),
            "areas": _codes(data.get("areas")),
            "eu": data.get("eu", ""),
            "funding": data.get("funding", False),
            "weight": data.get("weight"),
            "why_sv": data.get("why_sv", ""),
            "refs": data.get("refs") or [],
            "kinds": data.get("kinds") or [],
        }

    def references(self) -> dict[str, Any]:
        return {"policy_ids": Policy.objects.values_list("key", flat=True)}
