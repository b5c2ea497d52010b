"""The overview's figures: residents born abroad, countries of birth, the largest countries,
the groups of countries, immigration by country of birth, and foreign or Swedish background."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..charts import bar_chart, line_chart
from ..constants import FOREIGN_GROUPS, SWEDEN_REGION, CountryGroup, Measure
from ..models import Country
from ..selectors import (
    Place,
    YearValues,
    category_labels,
    counted_countries,
    countries_by_key,
    series_by_category,
)
from .base import (
    INT,
    LINK,
    PCT,
    TEXT,
    YEAR,
    Column,
    Figure,
    Link,
    percent,
    share,
    shown_int,
    sources_of,
)

__all__ = ["OVERVIEW_FIGURES", "overview_figure", "overview_figures"]

SWEDEN_KEY = "SE"
TOP = 20
#: The years the tables of countries show, the latest last.
YEARS_SHOWN = 6
_SUM_NOTE = gettext_lazy(
    "Sums and shares are the platform's own arithmetic on SCB's figures. From 2025 SCB adds a "
    "small controlled uncertainty to every figure (cell-key method), so a sum of parts can "
    "differ slightly from SCB's own total."
)


def _country_link(key: str, label: str, countries: dict[str, Country]) -> Link | str:
    if key in countries:
        return Link(label, reverse("population:country_detail", args=[key]))
    return label


def born_abroad(place: Place) -> Figure:
    """Residents born abroad: number and share per year, against Sweden."""
    here = series_by_category(Measure.BIRTH_COUNTRY, place.code, ["", SWEDEN_KEY])
    nation = series_by_category(Measure.BIRTH_COUNTRY, SWEDEN_REGION, ["", SWEDEN_KEY])
    total, born_se = here.get("", YearValues()), here.get(SWEDEN_KEY, YearValues())
    n_total, n_se = nation.get("", YearValues()), nation.get(SWEDEN_KEY, YearValues())
    rows, mine, national = [], [], []
    for year in total.years:
        if year not in born_se.values:
            continue
        residents, in_sweden = total.values[year], born_se.values[year]
        abroad = residents - in_sweden
        pct = share(abroad, residents)
        nat = None
        if year in n_total.values and year in n_se.values:
            nat = share(n_total.values[year] - n_se.values[year], n_total.values[year])
        rows.append([year, residents, in_sweden, abroad, pct, nat])
        mine.append((year, pct, percent(pct)))
        national.append((year, nat, percent(nat)))
    chart = None
    if rows:
        series = [(place.name, mine)]
        if any(v is not None for _, v, _ in national):
            series.append((_("Sweden"), national))
        chart = line_chart("chart-born-abroad", series)
    return Figure(
        name="born-abroad",
        heading=_("Residents born abroad"),
        caption=_("Residents born abroad per year, %(place)s and Sweden") % {"place": place.name},
        chart_caption=_(
            "Share of the residents born abroad, per year, in %(place)s and in Sweden (per cent). "
            "The figures are in the table below."
        )
        % {"place": place.name},
        columns=[
            Column(_("Year"), YEAR),
            Column(_("Residents")),
            Column(_("Born in Sweden")),
            Column(_("Born abroad")),
            Column(_("Share born abroad"), PCT),
            Column(_("Share born abroad, Sweden"), PCT),
        ],
        rows=rows,
        chart=chart,
        sources=sources_of(total, born_se, n_total, n_se),
        notes=[_("Born abroad: all residents minus those born in Sweden."), _SUM_NOTE],
        empty=_("No figures on the residents' country of birth yet."),
    )


def _by_country(place: Place) -> tuple[dict[str, YearValues], dict[str, Country], set[str]]:
    data = series_by_category(Measure.BIRTH_COUNTRY, place.code)
    countries = countries_by_key()
    return data, countries, counted_countries(countries)


def countries_count(place: Place) -> Figure:
    """The number of countries of birth SCB names with residents in the municipality, per year."""
    data, _countries, counted = _by_country(place)
    per_year: dict[int, int] = defaultdict(int)
    for key, series in data.items():
        if key in counted:
            for year, value in series.values.items():
                per_year[year] += value > 0
    rows = [[year, per_year[year]] for year in sorted(per_year)]
    chart = None
    if rows:
        points = [(y, float(n), str(n)) for y, n in rows]
        chart = line_chart("chart-countries", [(place.name, points)])
    return Figure(
        name="countries",
        heading=_("Countries of birth"),
        caption=_("Number of countries of birth per year, %(place)s") % {"place": place.name},
        chart_caption=_(
            "How many countries of birth the residents of %(place)s have, per year. The figures "
            "are in the table below."
        )
        % {"place": place.name},
        columns=[Column(_("Year"), YEAR), Column(_("Countries of birth"))],
        rows=rows,
        chart=chart,
        sources=sources_of(*data.values()),
        notes=[
            _(
                "Counted: the countries and former states SCB names with at least one resident. "
                "SCB gathers countries with very few residents under “other countries of birth”, "
                "so the true number is somewhat higher."
            )
        ],
        empty=_("No figures on the residents' country of birth yet."),
    )


def top_countries(place: Place) -> Figure:
    """The largest countries of birth abroad in the latest year, with the years before."""
    data, countries, counted = _by_country(place)
    years = sorted({y for k, s in data.items() if k in counted for y in s.values})
    shown = years[-YEARS_SHOWN:]
    rows: list[list[object]] = []
    chart = None
    if years:
        latest = years[-1]
        ranked = sorted(
            (k for k in data if k in counted and data[k].values.get(latest, 0) > 0),
            key=lambda k: (-data[k].values[latest], k),
        )[:TOP]
        for rank, key in enumerate(ranked, start=1):
            label = countries[key].name_sv
            rows.append(
                [rank, _country_link(key, label, countries)]
                + [data[key].values.get(y) for y in shown]
            )
        chart = bar_chart(
            "chart-top",
            [
                (
                    countries[k].name_sv,
                    float(data[k].values[latest]),
                    shown_int(data[k].values[latest]),
                )
                for k in ranked
            ],
        )
    return Figure(
        name="top-countries",
        heading=_("The largest countries of birth"),
        caption=_("The %(n)s largest countries of birth abroad, %(place)s")
        % {"n": TOP, "place": place.name},
        chart_caption=_(
            "Residents of %(place)s born in each of the %(n)s largest countries of birth abroad, "
            "in the latest year. The figures, with earlier years, are in the table below."
        )
        % {"place": place.name, "n": TOP},
        columns=[Column(_("Rank"), INT), Column(_("Country of birth"), LINK)]
        + [Column(str(y), INT) for y in shown],
        rows=rows,
        chart=chart if rows else None,
        sources=sources_of(*(data[k] for k in data if k in counted), years=shown),
        empty=_("No figures on the residents' country of birth yet."),
    )


def groups(place: Place) -> Figure:
    """Residents born abroad per group of countries, per year."""
    data, countries, _counted = _by_country(place)
    per_year: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FOREIGN_GROUPS, 0))
    for key, series in data.items():
        if key == "":
            continue
        country = countries.get(key)
        group = country.group if country else CountryGroup.UNKNOWN
        if group == CountryGroup.SWEDEN:
            continue
        for year, value in series.values.items():
            per_year[year][group] += value
    rows = [[year] + [per_year[year][g] for g in FOREIGN_GROUPS] for year in sorted(per_year)]
    chart = None
    if rows:
        latest = rows[-1]
        chart = bar_chart(
            "chart-groups",
            [
                (str(g.label), float(v), shown_int(v))
                for g, v in zip(FOREIGN_GROUPS, latest[1:], strict=True)
            ],
        )
    return Figure(
        name="groups",
        heading=_("Groups of countries of birth"),
        caption=_("Residents born abroad per group of countries, %(place)s")
        % {"place": place.name},
        chart_caption=_(
            "Residents of %(place)s born abroad, per group of countries, in the latest year. "
            "The figures for every year are in the table below."
        )
        % {"place": place.name},
        columns=[Column(_("Year"), YEAR)] + [Column(g.label) for g in FOREIGN_GROUPS],
        rows=rows,
        chart=chart,
        sources=sources_of(*data.values()),
        notes=[
            _(
                "Groups: the Nordic countries; the rest of the EU (its 27 members since "
                "1 February 2020, for every year); the rest of Europe; and the continents of the "
                "UN's M49 standard. The mapping and its sources are in the documentation."
            ),
            _SUM_NOTE,
        ],
        empty=_("No figures on the residents' country of birth yet."),
    )


def immigration(place: Place) -> Figure:
    """Immigrants by country of birth per year: the municipality's, else Sweden's."""
    region = place.code
    data = series_by_category(Measure.IMMIGRATION, region)
    notes: list[str | Promise] = []
    if not data:
        region, data = SWEDEN_REGION, series_by_category(Measure.IMMIGRATION, SWEDEN_REGION)
        if data:
            notes.append(
                _(
                    "SCB publishes immigration by country of birth for Sweden as a whole, not "
                    "per municipality: these are Sweden's figures."
                )
            )
    countries = countries_by_key()
    counted = counted_countries(countries) | {SWEDEN_KEY}
    years = sorted({y for s in data.values() for y in s.values})
    shown = years[-YEARS_SHOWN:]
    rows: list[list[object]] = []
    chart = None
    if years:
        latest = years[-1]
        ranked = sorted(
            (k for k in data if k in counted and data[k].values.get(latest, 0) > 0),
            key=lambda k: (-data[k].values[latest], k),
        )[:TOP]
        if "" in data:
            rows.append([_("All countries of birth")] + [data[""].values.get(y) for y in shown])
            points = [(y, float(v), shown_int(v)) for y, v in sorted(data[""].values.items())]
            chart = line_chart("chart-immigration", [(_("Immigrants"), points)])
        for key in ranked:
            rows.append(
                [_country_link(key, countries[key].name_sv, countries)]
                + [data[key].values.get(y) for y in shown]
            )
    where = place.name if region == place.code else _("Sweden")
    return Figure(
        name="immigration",
        heading=_("Immigration by country of birth"),
        caption=_("Immigrants per year by country of birth, %(where)s") % {"where": where},
        chart_caption=_(
            "Immigrants per year, %(where)s. The largest countries of birth are in the table below."
        )
        % {"where": where},
        columns=[Column(_("Country of birth"), LINK)] + [Column(str(y), INT) for y in shown],
        rows=rows,
        chart=chart,
        sources=sources_of(*data.values(), years=shown),
        notes=notes,
        empty=_("No figures on immigration by country of birth yet."),
    )


def background(place: Place) -> Figure:
    """Residents by foreign or Swedish background, as SCB divides them, per year."""
    data = series_by_category(Measure.BACKGROUND, place.code)
    total = data.get("", YearValues())
    labels = category_labels(Measure.BACKGROUND, place.code)
    groups_ = sorted(k for k in data if k)
    rows: list[list[object]] = []
    for year in total.years:
        for key in groups_:
            value = data[key].values.get(year)
            if value is not None:
                rows.append([year, labels.get(key, key), value, share(value, total.values[year])])
    chart = None
    if rows:
        latest = total.years[-1]
        chart = bar_chart(
            "chart-background",
            [
                (str(r[1]), float(r[3] or 0), percent(r[3]))  # type: ignore[arg-type]
                for r in rows
                if r[0] == latest
            ],
        )
    return Figure(
        name="background",
        heading=_("Foreign or Swedish background"),
        caption=_("Residents by background per year, %(place)s") % {"place": place.name},
        chart_caption=_(
            "Share of the residents of %(place)s in each of SCB's background groups, in the "
            "latest year (per cent). The figures for every year are in the table below."
        )
        % {"place": place.name},
        columns=[
            Column(_("Year"), YEAR),
            Column(_("Background"), TEXT),
            Column(_("Residents")),
            Column(_("Share of all residents"), PCT),
        ],
        rows=rows,
        chart=chart,
        sources=sources_of(total, *data.values()),
        notes=[
            _(
                "SCB: foreign background means born abroad, or born in Sweden with two parents "
                "born abroad. The groups are SCB's own."
            )
        ],
        empty=_("No figures on foreign or Swedish background yet."),
    )


OVERVIEW_FIGURES: dict[str, Callable[[Place], Figure]] = {
    "born-abroad": born_abroad,
    "countries": countries_count,
    "top-countries": top_countries,
    "groups": groups,
    "immigration": immigration,
    "background": background,
}


def overview_figure(name: str, place: Place) -> Figure:
    return OVERVIEW_FIGURES[name](place)


def overview_figures(place: Place) -> list[Figure]:
    return [build(place) for build in OVERVIEW_FIGURES.values()]
