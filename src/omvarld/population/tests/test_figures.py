"""The overview's and a country's figures, counted by hand from figures set up here (made up
for the test; none is presented as real)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from omvarld.population.constants import Measure
from omvarld.population.figures import country_figures, overview_figure, overview_figures
from omvarld.population.figures.base import percent
from omvarld.population.models import Country
from omvarld.population.selectors import place_current, series_by_category, series_total

from .factories import ObservationFactory, StatTableFactory

pytestmark = pytest.mark.django_db


def _set(table, region, year, values, measure=Measure.BIRTH_COUNTRY, **extra):
    for category, value in values.items():
        ObservationFactory(
            table=table,
            measure=measure,
            region=region,
            year=year,
            period=str(year),
            category=category,
            value=value,
            **extra,
        )


@pytest.fixture
def figures(norrkoping, countries):
    table = StatTableFactory(table_id="TAB9001")
    _set(table, "0581", 2015, {"": 1000, "SE": 800, "SY": 60, "IQ": 70, "FI": 40, "OTHER": 30})
    _set(
        table,
        "0581",
        2016,
        {"": 1100, "SE": 820, "SY": 120, "IQ": 80, "FI": 38, "DE": 0, "UNKNOWN": 2, "XX": 5},
    )
    _set(table, "00", 2016, {"": 10000, "SE": 8200})
    return table


def test_born_abroad_against_sweden(figures):
    figure = overview_figure("born-abroad", place_current())
    # 2015: 1000 - 800 = 200 (20 %); 2016: 1100 - 820 = 280 (25.45 %); Sweden 1800 of 10000.
    assert figure.rows == [
        [2015, 1000, 800, 200, 20.0, None],
        [2016, 1100, 820, 280, pytest.approx(25.4545, abs=1e-3), 18.0],
    ]
    assert [s.label for s in figure.chart.series] == ["Norrköpings kommun", gettext("Sweden")]
    assert [p.display for p in figure.chart.series[0].points] == [percent(20.0), percent(25.4545)]
    assert percent(25.4545) in ("25,5 %", "25.5 %")


def test_countries_count_top_and_groups(figures):
    place = place_current()
    # Counted: countries and former states with a resident; not Sweden, OTHER, UNKNOWN or an
    # unmapped code. 2015: SY IQ FI; 2016: SY IQ FI (DE has 0).
    assert overview_figure("countries", place).rows == [[2015, 3], [2016, 3]]
    top = overview_figure("top-countries", place)
    assert [[r[0], str(r[1]), *r[2:]] for r in top.rows] == [
        [1, "Syrien", 60, 120],
        [2, "Irak", 70, 80],
        [3, "Finland", 40, 38],
    ]
    assert [b.label for b in top.chart.bars] == ["Syrien", "Irak", "Finland"]
    groups = overview_figure("groups", place)
    # Columns: Nordic, EU, Europe, Africa, Asia, Americas, Oceania, unknown.
    assert groups.rows == [
        [2015, 40, 0, 0, 0, 130, 0, 0, 30],
        [2016, 38, 0, 0, 0, 200, 0, 0, 7],
    ]


def test_immigration_falls_back_to_sweden_and_says_so(norrkoping, countries):
    table = StatTableFactory(table_id="TAB9003")
    _set(table, "00", 2024, {"": 100, "UA": 30, "SY": 5}, measure=Measure.IMMIGRATION)
    figure = overview_figure("immigration", place_current())
    assert [str(r[0]) for r in figure.rows] == [
        gettext("All countries of birth"),
        "Ukraina",
        "Syrien",
    ]
    assert [r[1] for r in figure.rows] == [100, 30, 5]
    assert gettext("Sweden") in str(figure.caption)
    assert figure.notes


def test_yearly_beats_december_and_the_year_so_far_is_left_out(norrkoping):
    yearly = StatTableFactory(table_id="TAB638", updated=timezone.now() - dt.timedelta(days=9))
    monthly = StatTableFactory(table_id="TAB6471", updated=timezone.now())
    ObservationFactory(table=yearly, measure=Measure.POPULATION, year=2024, value=145000)
    for month, value in ((12, 145010), (4, 146000)):
        ObservationFactory(
            table=monthly,
            measure=Measure.POPULATION,
            year=2025 if month == 12 else 2026,
            month=month,
            period=f"{2025 if month == 12 else 2026}M{month:02d}",
            value=value,
        )
    ObservationFactory(
        table=monthly,
        measure=Measure.POPULATION,
        year=2024,
        month=12,
        period="2024M12",
        value=145003,
    )
    series = series_total(Measure.POPULATION, "0581")
    assert series.values == {2024: 145000, 2025: 145010}
    assert series.tables == {2024: "TAB638", 2025: "TAB6471"}


def test_a_breakdown_is_never_read_as_a_total(norrkoping):
    table = StatTableFactory()
    ObservationFactory(table=table, measure=Measure.POPULATION, breakdown="Kon=1", value=5)
    assert series_by_category(Measure.POPULATION, "0581") == {}


def test_country_page_figures(figures):
    syria = Country.objects.get(key="SY")
    residents, immigration = country_figures(place_current(), syria)
    # Share of the residents born abroad: 60/200 = 30 %, 120/280 = 42.86 %.
    assert residents.rows == [
        [2015, 60, 30.0, None],
        [2016, 120, pytest.approx(42.857, abs=1e-3), None],
    ]
    assert immigration.rows == []


def test_the_overview_reads_in_a_fixed_number_of_queries(
    figures, django_assert_max_num_queries, django_assert_num_queries
):
    place = place_current()
    with django_assert_max_num_queries(25) as first:
        overview_figures(place)
    for year in range(2000, 2015):
        _set(figures, "0581", year, {"": 900, "SE": 800, "SY": 1, "IQ": 2, "NO": 3})
    with django_assert_num_queries(len(first.captured_queries)):
        overview_figures(place)


def test_key_figures_for_the_workspace(figures):
    from omvarld.population.selectors import population_key_figures

    latest = population_key_figures()
    # 2016: 1100 residents, 820 born in Sweden; Sweden 1800 of 10000; SY IQ FI named.
    assert (latest.year, latest.residents, latest.born_abroad) == (2016, 1100, 280)
    assert latest.share_born_abroad == pytest.approx(25.4545, abs=1e-3)
    assert latest.share_born_abroad_sweden == 18.0
    assert (latest.countries, latest.largest_country) == (3, "Syrien")
    earlier = population_key_figures(2015)
    assert (earlier.born_abroad, earlier.countries, earlier.largest_country) == (200, 3, "Irak")
    assert earlier.share_born_abroad_sweden is None
    assert population_key_figures(1999) is None
