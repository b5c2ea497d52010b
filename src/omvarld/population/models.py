"""Official statistics on the residents' international background, with their provenance.

Every figure is an :class:`Observation` of one SCB table (:class:`StatTable`) and keeps the
:class:`Fetch` it came from: the request (or the file), the time and the raw payload, so any
number on a page can be traced back to what SCB answered. Nothing here is entered by hand;
:class:`Country` is loaded from ``data/countries.yaml``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import CountryGroup, CountryKind, FetchKind, FetchState, Measure


class Country(models.Model):
    """A country of birth in SCB's classification, mapped to ISO 3166 and to a group."""

    key = models.CharField(
        _("key"),
        max_length=10,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2; ISO 3166-3 for a former state; UNKNOWN or OTHER."),
    )
    name_sv = models.CharField(_("Swedish name"), max_length=120, unique=True)
    name_en = models.CharField(_("English name"), max_length=120)
    scb_codes = models.JSONField(_("SCB's codes"), default=list, blank=True)
    iso_alpha2 = models.CharField(
        _("ISO 3166-1 alpha-2"),
        max_length=2,
        blank=True,
        help_text=_("Empty for a former state or a row that is not a country."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CountryKind.choices)
    group = models.CharField(_("group"), max_length=10, choices=CountryGroup.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("country of birth")
        verbose_name_plural = _("countries of birth")
        ordering = ["name_sv"]

    def __str__(self) -> str:
        return self.name_sv


class StatTable(models.Model):
    """One table of SCB's statistical database, as its last payload described it."""

    table_id = models.CharField(_("table id"), max_length=40, unique=True)
    label = models.CharField(_("title"), max_length=400)
    source = models.CharField(_("source"), max_length=100, default="SCB")
    updated = models.DateTimeField(_("updated by SCB"), null=True, blank=True)
    dimensions = models.JSONField(_("dimensions"), default=list)
    required_dimensions = models.JSONField(
        _("dimensions that must be selected"), default=list, blank=True
    )
    layout = models.JSONField(
        _("layout"),
        default=dict,
        blank=True,
        help_text=_("Which dimension holds the region, the time, the contents and the category."),
    )
    described = models.BooleanField(_("described by its metadata"), default=False)
    contents = models.JSONField(_("contents"), default=dict)
    notes = models.JSONField(_("notes to show with the figures"), default=list, blank=True)
    aggregation_allowed = models.BooleanField(_("sums allowed"), null=True, blank=True)
    official = models.BooleanField(_("official statistics"), null=True, blank=True)
    imported_at = models.DateTimeField(_("last imported"), null=True, blank=True)

    class Meta:
        verbose_name = _("statistical table")
        verbose_name_plural = _("statistical tables")
        ordering = ["table_id"]

    def __str__(self) -> str:
        return f"{self.table_id} {self.label}"


class Fetch(models.Model):
    """One request to SCB, or one file imported offline, with its raw payload and outcome."""

    kind = models.CharField(_("kind"), max_length=10, choices=FetchKind.choices)
    table_id = models.CharField(_("table id"), max_length=40, blank=True)
    request = models.TextField(_("request"), help_text=_("The URL, or the file and who gave it."))
    fetched_at = models.DateTimeField(_("fetched"), auto_now_add=True)
    confirmed_at = models.DateTimeField(
        _("last fetched with the same answer"), null=True, blank=True
    )
    status = models.PositiveIntegerField(_("HTTP status"), null=True, blank=True)
    payload = models.TextField(_("raw payload"), blank=True)
    sha256 = models.CharField(_("SHA-256 of the payload"), max_length=64, db_index=True)
    state = models.CharField(
        _("state"), max_length=10, choices=FetchState.choices, default=FetchState.DONE
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created = models.PositiveIntegerField(_("figures added"), default=0)
    updated = models.PositiveIntegerField(_("figures changed"), default=0)
    unchanged = models.PositiveIntegerField(_("figures unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("cells skipped"), default=0)
    ignored = models.PositiveIntegerField(
        _("cells not needed"),
        default=0,
        help_text=_("Other regions, and finer breakdowns of a figure the table also totals."),
    )
    problems = models.JSONField(_("problems"), default=list, blank=True)
    problem_count = models.PositiveIntegerField(_("number of problems"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("fetch")
        verbose_name_plural = _("fetches")
        ordering = ["-fetched_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.table_id} {self.fetched_at:%Y-%m-%d %H:%M}"

    @property
    def stored(self) -> int:
        return self.created + self.updated + self.unchanged


class Observation(models.Model):
    """One published figure: a measure for a region and period, per category where there is one.

    ``category`` is SCB's code of a country of birth or of a background; ``breakdown`` names the
    other dimensions' values when the table gave no total for them (``Alder=0-9``), so a figure
    is never a sum Omvärld made up.
    """

    table = models.ForeignKey(
        StatTable, on_delete=models.CASCADE, related_name="observations", verbose_name=_("table")
    )
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    region = models.CharField(_("region code"), max_length=4)
    period = models.CharField(_("period"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    category = models.CharField(_("category"), max_length=20, blank=True)
    category_label = models.CharField(_("category name"), max_length=200, blank=True)
    breakdown = models.CharField(_("breakdown"), max_length=200, blank=True)
    value = models.BigIntegerField(_("value"))
    status = models.CharField(_("SCB's mark"), max_length=20, blank=True)
    fetch = models.ForeignKey(
        Fetch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("provenance"),
    )

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["measure", "region", "period", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "measure", "region", "period", "category", "breakdown"],
                name="population_observation_unique",
            )
        ]
        indexes = [models.Index(fields=["measure", "region", "year"])]

    def __str__(self) -> str:
        return f"{self.table.table_id} {self.region} {self.period} {self.category}: {self.value}"
