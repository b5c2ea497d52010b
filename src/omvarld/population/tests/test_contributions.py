"""The population statistics in the workspace: key figures counted by hand from figures set up
here (made up for the test), and the first step while none are imported."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from omvarld.core.contributions import Scope
from omvarld.population import contributions
from omvarld.population.constants import Measure

from .factories import ObservationFactory, StatTableFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 6)
SINCE = timezone.now() - dt.timedelta(days=14)
SCOPE = Scope(body_ids=frozenset({1}))


def test_the_residents_key_figures_in_every_workspace(norrkoping, countries):
    table = StatTableFactory(table_id="TAB9001")
    for region, values in (
        ("0581", {"": 1200, "SE": 900, "SY": 150, "IQ": 100}),
        ("00", {"": 10000, "SE": 8000}),
    ):
        for category, value in values.items():
            ObservationFactory(
                table=table,
                measure=Measure.BIRTH_COUNTRY,
                region=region,
                year=2024,
                period="2024",
                category=category,
                value=value,
            )
    with translation.override("sv"):
        block = contributions.residents(scope=SCOPE, today=TODAY, since=SINCE)
    assert block is not None
    assert block.title == "Invånarnas internationella bakgrund 2024"
    # 300 of 1200 born abroad = 25,0 %; Sweden 2000 of 10000 = 20,0 %; Syria the largest.
    assert [(f.label, f.value) for f in block.figures] == [
        ("Invånare", "1\xa0200"),
        ("Utrikes födda", "25,0\xa0%"),
        ("Utrikes födda, hela Sverige", "20,0\xa0%"),
        ("Födelseländer", 2),
        ("Vanligast utomlands", "Syrien"),
    ]
    assert contributions.first_import(scope=SCOPE, today=TODAY, since=SINCE) is None


def test_without_figures_the_first_step_instead(norrkoping):
    assert contributions.residents(scope=SCOPE, today=TODAY, since=SINCE) is None
    block = contributions.first_import(scope=SCOPE, today=TODAY, since=SINCE)
    assert block is not None
    assert block.url == "/befolkning/"
