"""The import contracts of .importlinter cover every app, and the reference data registry."""

from __future__ import annotations

import configparser
import json
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from config.env import BASE_DIR
from omvarld.core.contributions import reference_data_loaders

CONTRACTS = BASE_DIR / ".importlinter"


def _layers() -> list[set[str]]:
    config = configparser.ConfigParser(inline_comment_prefixes=(";",))
    config.read(CONTRACTS, encoding="utf-8")
    layers = config["importlinter:contract:layers"]["layers"].strip().splitlines()
    return [{name.strip(" ()") for name in re.split(r"[:|]", layer)} for layer in layers]


def test_every_app_of_the_platform_is_in_the_layers_contract():
    """A new app must be placed in a layer, else import-linter would not look at it."""
    named = set().union(*_layers())
    apps = {app for app in settings.INSTALLED_APPS if app.startswith("omvarld.")}
    assert apps - named == set(), "add the app to a layer of .importlinter"
    assert "omvarld.euimpact" in named


def test_the_apps_being_built_are_already_feature_apps():
    features = _layers()[1]
    assert {"omvarld.meetings", "omvarld.eu_monitoring"} <= features
    assert {"omvarld.relations", "omvarld.exchange", "omvarld.population"} <= features
    assert {"omvarld.funding", "omvarld.plans"} <= features


def test_reference_data_loads_in_order_what_others_refer_to_first():
    assert [r.key for r in reference_data_loaders()][:2] == ["knowledge", "organisation"]


@pytest.mark.django_db
def test_load_reference_data_takes_a_path_per_app(tmp_path):
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    result = json.loads(out.getvalue())
    assert result["organisation"]["created"] > 0
    assert result["knowledge"]["created"] > 500
    bad = tmp_path / "organisation.yaml"
    bad.write_text("bodies: []\n", encoding="utf-8")
    with pytest.raises(CommandError, match="municipality"):
        call_command("load_reference_data", "--path", f"organisation={bad}", stdout=StringIO())
    with pytest.raises(CommandError, match="KEY=PATH"):
        call_command("load_reference_data", "--path", "organisation", stdout=StringIO())


#: The factories of the apps that existed when factories were introduced: each makes a valid row
#: without arguments. (Other apps' factories may need arguments.)
PLAIN_FACTORIES = {
    "User",
    "Municipality",
    "Body",
    "Office",
    "PolicyArea",
    "EUAct",
    "Statute",
    "Meeting",
    "SourceDocument",
    "AgendaItem",
    "ItemReference",
    "Initiative",
    "FeedbackWindow",
    "StageEvent",
    "Routing",
}


@pytest.mark.django_db
def test_every_apps_factories_make_valid_rows(factories):
    assert set(vars(factories)) >= PLAIN_FACTORIES
    for name in sorted(PLAIN_FACTORIES):
        instance = getattr(factories, name)()
        instance.full_clean()
    item = factories.AgendaItem(areas=[factories.PolicyArea(code="waste")])
    assert [a.code for a in item.areas.all()] == ["waste"]
    assert factories.User(role="officer", bodies=[item.meeting.body]).bodies.get() == (
        item.meeting.body
    )


def test_dependency_bounds_match_the_lock():
    """Every direct dependency starts at its locked version and stops before the next breaking
    one: the next major, or for a 0.x package the next minor (``~=``)."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.version import Version

    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    locked = {
        package["name"]: Version(package["version"])
        for package in tomllib.loads((BASE_DIR / "uv.lock").read_text(encoding="utf-8"))["package"]
    }
    wrong = []
    for line in project["project"]["dependencies"] + project["dependency-groups"]["dev"]:
        requirement = Requirement(line)
        version = locked[requirement.name.lower().replace("_", "-")]
        lower = [s for s in requirement.specifier if s.operator in (">=", "~=")]
        upper = [s for s in requirement.specifier if s.operator in ("<", "~=")]
        if (
            not lower
            or Version(lower[0].version) != version
            or not upper
            or (version.major == 0 and lower[0].operator != "~=")
        ):
            wrong.append(f"{line} (locked {version})")
    assert wrong == []
