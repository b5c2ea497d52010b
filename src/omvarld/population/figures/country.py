"""A country's figures: the municipality's residents born there per year, their share of all
residents born abroad, the same for Sweden, and the immigrants born there."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..charts import line_chart
from ..constants import SWEDEN_REGION, Measure
from ..models import Country
from ..selectors import Place, YearValues, series_by_category
from .base import INT, PCT, YEAR, Column, Figure, share, shown_int, sources_of

__all__ = ["country_figures"]

SWEDEN_KEY = "SE"


def _residents(place: Place, country: Country) -> Figure:
    keys = [country.key, "", SWEDEN_KEY]
    here = series_by_category(Measure.BIRTH_COUNTRY, place.code, keys)
    nation = series_by_category(Measure.BIRTH_COUNTRY, SWEDEN_REGION, [country.key])
    born = here.get(country.key, YearValues())
    total, in_sweden = here.get("", YearValues()), here.get(SWEDEN_KEY, YearValues())
    national = nation.get(country.key, YearValues())
    rows = []
    for year in sorted(set(born.values) | set(national.values)):
        value = born.values.get(year)
        abroad = None
        if year in total.values and year in in_sweden.values:
            abroad = total.values[year] - in_sweden.values[year]
        rows.append([year, value, share(value, abroad), national.values.get(year)])
    chart = None
    if born.values:
        points = [(y, float(v), shown_int(v)) for y, v in sorted(born.values.items())]
        chart = line_chart("chart-country-residents", [(place.name, points)])
    return Figure(
        name="residents",
        heading=_("Residents born in %(country)s") % {"country": country.name_sv},
        caption=_("Residents born in %(country)s per year, %(place)s and Sweden")
        % {"country": country.name_sv, "place": place.name},
        chart_caption=_(
            "Residents of %(place)s born in %(country)s, per year. The figures are in the table "
            "below."
        )
        % {"country": country.name_sv, "place": place.name},
        columns=[
            Column(_("Year"), YEAR),
            Column(place.name, INT),
            Column(_("Share of the residents born abroad"), PCT),
            Column(_("Sweden"), INT),
        ],
        rows=rows,
        chart=chart,
        sources=sources_of(born, total, in_sweden, national),
        notes=[_("The share is the platform's own arithmetic on SCB's figures.")],
        empty=_("No figures for this country of birth yet."),
    )


def _immigration(place: Place, country: Country) -> Figure:
    region = place.code
    data = series_by_category(Measure.IMMIGRATION, region, [country.key])
    if not data:
        region = SWEDEN_REGION
        data = series_by_category(Measure.IMMIGRATION, region, [country.key])
    series = data.get(country.key, YearValues())
    where = place.name if region == place.code else _("Sweden")
    rows = [[year, series.values[year]] for year in series.years]
    chart = None
    if rows:
        points = [(y, float(v), shown_int(v)) for y, v in rows]
        chart = line_chart("chart-country-immigration", [(where, points)])
    return Figure(
        name="immigration",
        heading=_("Immigrants born in %(country)s") % {"country": country.name_sv},
        caption=_("Immigrants born in %(country)s per year, %(where)s")
        % {"country": country.name_sv, "where": where},
        chart_caption=_(
            "Immigrants born in %(country)s, per year, %(where)s. The figures are in the table "
            "below."
        )
        % {"country": country.name_sv, "where": where},
        columns=[Column(_("Year"), YEAR), Column(_("Immigrants"), INT)],
        rows=rows,
        chart=chart,
        sources=sources_of(series),
        notes=[]
        if region == place.code or not rows
        else [_("SCB publishes these figures for Sweden as a whole, not per municipality.")],
        empty=_("No figures on immigrants born in this country yet."),
    )


def country_figures(place: Place, country: Country) -> list[Figure]:
    return [_residents(place, country), _immigration(place, country)]
