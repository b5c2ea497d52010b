"""What the population statistics add to the workspace: the residents' international
background in key figures, and where to begin while no figures are imported. Registered in
:class:`PopulationConfig.ready`."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from omvarld.core.contributions import Block, Entry, Figure, Scope, Section, register_block
from omvarld.core.formatting import format_number, format_value

from .selectors import has_figures, population_key_figures


def residents(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """The latest year's residents, the share born abroad (and Sweden's), the countries of
    birth: the municipality every body works for."""
    figures = population_key_figures()
    if figures is None:
        return None
    rows = [
        Figure(_("Residents"), format_number(figures.residents)),
        Figure(_("Born abroad"), format_value(round(figures.share_born_abroad, 1), "percent")),
    ]
    if figures.share_born_abroad_sweden is not None:
        rows.append(
            Figure(
                _("Born abroad, Sweden"),
                format_value(round(figures.share_born_abroad_sweden, 1), "percent"),
            )
        )
    rows.append(Figure(_("Countries of birth"), figures.countries))
    if figures.largest_country:
        rows.append(Figure(_("Most common abroad"), figures.largest_country))
    return Block(
        title=_("The residents' international background %(year)s") % {"year": figures.year},
        url=reverse("population:overview"),
        figures=rows,
    )


def first_import(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """While no figures are imported: where they come from."""
    if has_figures():
        return None
    return Block(
        title=_("Import the population figures"),
        url=reverse("population:overview"),
        entries=[
            Entry(
                title=_("Residents by country of birth from Statistics Sweden"),
                url=reverse("population:overview"),
                detail=_(
                    "A coordinator imports SCB's tables; every workspace then shows the "
                    "residents' international background."
                ),
            )
        ],
    )


def register() -> None:
    register_block("population.residents", Section.FIGURES, 70, residents)
    register_block("population.first_import", Section.START, 70, first_import)
