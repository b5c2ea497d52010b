from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from omvarld.organisation.models import ProgrammeGoal
from omvarld.organisation.selectors import programme_goal_list
from omvarld.organisation.services_goals import GoalFileError, goal_load_file

pytestmark = pytest.mark.django_db

#: Counted by hand in data/goals.yaml: five themes of the programme, three focus areas of the
#: guideline shared with Linköping.
THEMES = ["eu", "relations", "residents", "exchange", "everyday"]
FOCUS_AREAS = ["profiling", "monitoring_influence", "development_competence"]


def test_the_shipped_goals_load_in_the_programmes_order_and_reload_unchanged(organisation):
    assert [g.code for g in programme_goal_list()] == THEMES + FOCUS_AREAS
    assert {g.kind for g in ProgrammeGoal.objects.filter(code__in=FOCUS_AREAS)} == {"focus_area"}
    assert all(g.source for g in ProgrammeGoal.objects.all())
    again = goal_load_file()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 8)


def test_the_shipped_file_loads_nothing_for_another_municipality(db):
    # No municipality loaded: the file names 0581, so it is not this platform's programme.
    assert goal_load_file().created == 0
    assert not ProgrammeGoal.objects.exists()


def test_a_goal_left_out_of_a_municipalitys_own_file_is_kept_inactive(organisation, tmp_path):
    own = tmp_path / "goals.yaml"
    own.write_text(
        "version: 1\ngoals:\n"
        "  - {code: eu, kind: theme, name_sv: Påverka EU, source: Eget program}\n"
        "  - {code: climate, kind: local, name_sv: Klimat, name_en: Climate,"
        " source: Eget program}\n",
        encoding="utf-8",
    )
    result = goal_load_file(path=own, force=True)
    assert (result.created, result.updated, result.deactivated) == (1, 1, 7)
    assert [g.code for g in programme_goal_list()] == ["eu", "climate"]
    assert ProgrammeGoal.objects.get(code="eu").name_sv == "Påverka EU"
    assert programme_goal_list(include_inactive=True).count() == 9


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version: 2\ngoals: []\n", "inte en målfil av version 1"),
        ("version: 1\ngoals: []\n", "inga mål"),
        ("version: 1\ngoals:\n  - {code: x, kind: theme, name_sv: X}\n", "source saknas"),
        (
            "version: 1\ngoals:\n  - {code: x, kind: wish, name_sv: X, source: S}\n",
            "okänt slag wish",
        ),
        (
            "version: 1\ngoals:\n  - {code: x, kind: theme, name_sv: X, source: S}\n"
            "  - {code: x, kind: theme, name_sv: Y, source: S}\n",
            "målet x finns två gånger",
        ),
        ("version: 1\ngoals: [\n", "är inte giltig YAML"),
    ],
)
def test_a_bad_goals_file_says_why_in_swedish_and_changes_nothing(
    organisation, tmp_path, swedish_catalogues, text, message
):
    bad = tmp_path / "goals.yaml"
    bad.write_text(text, encoding="utf-8")
    before = list(ProgrammeGoal.objects.values_list("code", "name_sv", "active"))
    with translation.override("sv"), pytest.raises(GoalFileError) as error:
        goal_load_file(path=bad, force=True)
    assert message in str(error.value)
    assert list(ProgrammeGoal.objects.values_list("code", "name_sv", "active")) == before


def test_the_goals_are_reference_data_loaded_after_the_organisation(db):
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert "goals" in out.getvalue()
    assert programme_goal_list().count() == 8


def test_a_goal_is_named_in_the_language_of_the_request(organisation):
    goal = ProgrammeGoal.objects.get(code="profiling")
    with translation.override("sv"):
        assert str(goal) == "Profilering"
    with translation.override("en"):
        assert str(goal) == "Profiling"
