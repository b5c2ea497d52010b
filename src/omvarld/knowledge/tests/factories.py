"""Test data of the knowledge app (factory-boy and small knowledge files), shared through the
root conftest."""

from __future__ import annotations

from pathlib import Path

import factory
import yaml

from omvarld.knowledge.constants import ActType
from omvarld.knowledge.models import EUAct, PolicyArea, Statute


class PolicyAreaFactory(factory.django.DjangoModelFactory):
    """A policy area by code; the codebook's own areas come from ``knowledge_load_areas``."""

    class Meta:
        model = PolicyArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"area_{n + 1}")
    label_sv = factory.LazyAttribute(lambda o: o.code.replace("_", " ").capitalize())
    label_en = factory.LazyAttribute(lambda o: o.code.replace("_", " ").capitalize())


class EUActFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EUAct
        django_get_or_create = ("celex",)

    celex = factory.Sequence(lambda n: f"32020L{n + 1:04d}")
    act_type = ActType.DIRECTIVE
    title_sv = factory.LazyAttribute(lambda o: f"Direktiv {o.celex}")


class StatuteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statute
        django_get_or_create = ("sfs",)

    sfs = factory.Sequence(lambda n: f"2020:{n + 1}")
    title_sv = factory.LazyAttribute(lambda o: f"lag ({o.sfs}) om prov")


MINIMAL = {
    "areas.yaml": {
        "version": 1,
        "areas": [
            {"code": "procurement", "label_sv": "Offentlig upphandling", "label_en": "Procurement"},
            {"code": "water_sewage", "label_sv": "Vatten och avlopp", "label_en": "Water"},
        ],
    },
    "eu_acts.yaml": {
        "version": 3,
        "acts": [
            {
                "celex": "32004L0018",
                "type": "directive",
                "citation": "2004/18/EG",
                "title_sv": "Direktiv 2004/18/EG om offentlig upphandling",
                "areas": ["procurement"],
                "binding": True,
                "status": "repealed",
                "replaced_by": "32014L0024",
            },
            {
                "celex": "32014L0024",
                "type": "directive",
                "citation": "2014/24/EU",
                "title_sv": "Direktiv 2014/24/EU om offentlig upphandling",
                "title_en": "Directive 2014/24/EU on public procurement",
                "names": ["upphandlingsdirektivet", "LOU-direktivet"],
                "areas": ["procurement"],
                "binding": True,
                "status": "in_force",
            },
        ],
    },
    "statutes.yaml": {
        "version": 1,
        "statutes": [
            {
                "sfs": "2016:1145",
                "title_sv": "lag (2016:1145) om offentlig upphandling",
                "names": ["lagen om offentlig upphandling"],
                "abbreviations": ["LOU"],
                "areas": ["procurement"],
                "implements": ["32014L0024"],
                "eu": "legal",
            }
        ],
    },
    "policies.yaml": {
        "version": 1,
        "policies": [
            {
                "id": "esf-plus",
                "title_sv": "Europeiska socialfonden+",
                "kind": "programme",
                "areas": [],
                "funding": True,
            }
        ],
    },
    "cues.yaml": {
        "version": 1,
        "cues": [
            {
                "id": "upphandling",
                "pattern": r"upphandl\w*",
                "areas": ["procurement"],
                "eu": "legal",
                "weight": 0.9,
                "why_sv": "Offentlig upphandling regleras av EU:s upphandlingsdirektiv.",
                "refs": ["32014L0024"],
            }
        ],
    },
}


def write_minimal_knowledge(directory: Path, **overrides: dict) -> None:
    """Write a small, valid set of knowledge files (tests only)."""
    for name, content in {**MINIMAL, **overrides}.items():
        (directory / name).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
