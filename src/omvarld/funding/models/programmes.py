"""The EU and national funding programmes a Swedish municipality uses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from omvarld.knowledge.models import PolicyArea

from ..constants import Eligibility, Management


class Programme(models.Model):
    """A funding programme, loaded from ``data/programmes.yaml`` with the sources of its facts."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_sv = models.CharField(_("Swedish name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    fund = models.CharField(
        _("fund or programme family"),
        max_length=100,
        blank=True,
        help_text=_("For example ERDF, ESF+ or Interreg."),
    )
    management = models.CharField(_("management"), max_length=20, choices=Management.choices)
    period_start = models.PositiveSmallIntegerField(_("period from"))
    period_end = models.PositiveSmallIntegerField(_("period until"))
    managing_authority = models.CharField(_("managing authority"), max_length=300)
    national_contact = models.CharField(_("Swedish contact point"), max_length=300, blank=True)
    eligibility = models.CharField(
        _("may the municipality apply"), max_length=10, choices=Eligibility.choices
    )
    eligibility_note = models.TextField(_("programme area"), blank=True)
    areas = models.ManyToManyField(
        PolicyArea, blank=True, related_name="funding_programmes", verbose_name=_("areas")
    )
    url = models.URLField(_("address"), max_length=500)
    sources = models.JSONField(
        _("sources"),
        default=list,
        blank=True,
        help_text=_("Where each fact comes from: address, title and what it says."),
    )
    portal_prefixes = models.JSONField(
        _("topic prefixes on the Funding & Tenders portal"),
        default=list,
        blank=True,
        help_text=_("A call whose topic identifier starts with one of these belongs here."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name_sv"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="funding_programme_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name_sv

    @property
    def period(self) -> str:
        return f"{self.period_start}–{self.period_end}"
