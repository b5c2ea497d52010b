"""The figures the population pages show: for each, its chart, its table (the same numbers), the
tables of SCB it comes from and what the platform computed itself. Built from the selectors;
the views and the exports only render them."""

from .base import Column, Figure
from .country import country_figures
from .overview import OVERVIEW_FIGURES, overview_figure, overview_figures

__all__ = [
    "OVERVIEW_FIGURES",
    "Column",
    "Figure",
    "country_figures",
    "overview_figure",
    "overview_figures",
]
