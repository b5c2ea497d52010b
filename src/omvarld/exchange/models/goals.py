from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ProgrammeGoal(models.Model):
    """A goal of the municipality's international programme that an event can serve.

    Loaded from ``exchange/data/goals.yaml``, which names the document each goal comes from; a
    municipality with another programme edits that file, not the code.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_sv = models.CharField(_("Swedish label"), max_length=120)
    label_en = models.CharField(_("English label"), max_length=120)
    description_sv = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), help_text=_("The document the goal is taken from."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme goal")
        verbose_name_plural = _("programme goals")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label_sv
