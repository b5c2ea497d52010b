"""Calls for proposals, where they came from, and the bodies they concern."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from omvarld.core.models import SourceFetch
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body

from ..constants import CallSource, CallStatus, Currency, MatchStatus
from .programmes import Programme


class CallFetch(SourceFetch):
    """One request to the Funding & Tenders portal, or one file imported, with its raw payload."""

    source = models.CharField(_("source"), max_length=20, choices=CallSource.choices)

    class Meta(SourceFetch.Meta):
        verbose_name = _("call fetch")
        verbose_name_plural = _("call fetches")


class Call(models.Model):
    """A call for proposals (on the portal, a topic) with its dates, budget and areas."""

    identifier = models.CharField(
        _("topic identifier"),
        max_length=120,
        blank=True,
        help_text=_("For example CERV-2025-CITIZENS-TOWN-TT."),
    )
    call_identifier = models.CharField(_("call identifier"), max_length=120, blank=True)
    call_title = models.CharField(_("call title"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=500)
    title_sv = models.CharField(_("Swedish title"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
        verbose_name=_("programme"),
    )
    opens = models.DateField(_("opens"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True, db_index=True)
    deadlines = models.JSONField(
        _("all deadlines"),
        default=list,
        blank=True,
        help_text=_("Every cut-off date of a call with several (ISO dates)."),
    )
    deadline_model = models.CharField(_("deadline model"), max_length=40, blank=True)
    budget = models.DecimalField(
        _("budget"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_currency = models.CharField(
        _("currency of the budget"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    types_of_action = models.CharField(_("type of action"), max_length=300, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    areas = models.ManyToManyField(
        PolicyArea,
        blank=True,
        related_name="funding_calls",
        verbose_name=_("areas"),
        help_text=_("Set by hand: the strongest signal for which bodies the call concerns."),
    )
    url = models.URLField(_("address"), max_length=500, blank=True)
    portal_status = models.CharField(
        _("status on the portal"), max_length=20, choices=CallStatus.choices, blank=True
    )
    source = models.CharField(_("source"), max_length=20, choices=CallSource.choices)
    extra = models.JSONField(
        _("other fields from the source"),
        default=dict,
        blank=True,
        help_text=_("Fields the source sent that the platform does not use yet, kept as sent."),
    )
    fetches = models.ManyToManyField(
        CallFetch, blank=True, related_name="calls", verbose_name=_("provenance")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["extra"])

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["deadline", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["identifier"],
                condition=~models.Q(identifier=""),
                name="funding_call_unique_identifier",
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title_sv or self.title

    def clean(self) -> None:
        super().clean()
        if self.opens and self.deadline and self.deadline < self.opens:
            raise ValidationError(
                {"deadline": _("The deadline cannot come before the call opens.")}
            )

    def status_on(self, day: datetime.date | None = None) -> CallStatus | None:
        """Forthcoming, open or closed on the day (today by default), from the dates; None
        when the call has no dates at all."""
        day = day or timezone.localdate()
        if self.deadline and self.deadline < day:
            return CallStatus.CLOSED
        if self.opens and self.opens > day:
            return CallStatus.FORTHCOMING
        if self.deadline or self.opens:
            return CallStatus.OPEN
        return None

    @property
    def status(self) -> CallStatus | None:
        return self.status_on()


class CallMatch(models.Model):
    """A call in a body's inbox: suggested by the matching, then judged by its officers."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="matches", verbose_name=_("call")
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="funding_matches", verbose_name=_("body")
    )
    score = models.FloatField(_("match"), default=0.0)
    reasons = models.JSONField(_("why"), default=list, blank=True)
    suggested = models.BooleanField(
        _("suggested by the platform"),
        default=True,
        help_text=_("False when a coordinator added the body by hand."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MatchStatus.choices, default=MatchStatus.NEW
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("matched call")
        verbose_name_plural = _("matched calls")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["call", "body"], name="funding_callmatch_unique")
        ]

    def __str__(self) -> str:
        return f"{self.call} → {self.body}"

    def owner_body_ids(self) -> set[int]:
        return {self.body_id}

    def owner_office_ids(self) -> set[int]:
        return set()
