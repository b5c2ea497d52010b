from __future__ import annotations

import datetime
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import BodyKind, GoalKind

short_name_validator = RegexValidator(
    r"^[A-Za-zÅÄÖåäö0-9][A-Za-zÅÄÖåäö0-9_-]*$",
    _("Use letters, digits, hyphens and underscores only."),
)


class Municipality(models.Model):
    """The municipality whose international work the platform supports."""

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("A municipality code has four digits."))],
        help_text=_("The four-digit code of Statistics Sweden, e.g. 0581 for Norrköping."),
    )
    county = models.CharField(_("county"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


_M = TypeVar("_M", bound=models.Model)


class ActiveQuerySet(models.QuerySet[_M]):
    def active_on(self, day: datetime.date | None = None) -> ActiveQuerySet[_M]:
        """Bodies or offices that exist on the given day (today by default)."""
        day = day or timezone.localdate()
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=day)).filter(
            Q(active_until__isnull=True) | Q(active_until__gte=day)
        )


class ActivePeriod(models.Model):
    """Committees merge and split between terms of office: every unit has active dates."""

    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.active_from and self.active_until and self.active_until < self.active_from:
            raise ValidationError(
                {"active_until": _("The end date cannot come before the start date.")}
            )

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return (self.active_from is None or self.active_from <= today) and (
            self.active_until is None or self.active_until >= today
        )


class Body(ActivePeriod):
    """A political body: the council, the executive board, a committee or a municipal company."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="bodies",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=150)
    short_name = models.CharField(
        _("short name"),
        max_length=30,
        validators=[short_name_validator],
        help_text=_("Used in commands and addresses, e.g. KF, KS, UN."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessors"),
        help_text=_("Bodies whose responsibilities this body took over."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the body is responsible for.")
    )
    areas = models.ManyToManyField(
        "knowledge.PolicyArea",
        blank=True,
        related_name="bodies",
        verbose_name=_("policy areas"),
        help_text=_("The areas the body is responsible for; EU initiatives are routed by them."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    objects = ActiveQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[predecessors])

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["municipality", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "short_name"], name="organisation_body_unique_short_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def owner_body_ids(self) -> set[int]:
        return {self.pk}

    def owner_office_ids(self) -> set[int]:
        return set()


class Office(ActivePeriod):
    """An office (kontor, förvaltning): the civil servants who prepare and carry out decisions."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="offices",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=150)
    short_name = models.CharField(_("short name"), max_length=30, validators=[short_name_validator])
    bodies = models.ManyToManyField(
        Body,
        blank=True,
        related_name="offices",
        verbose_name=_("bodies served"),
        help_text=_("The bodies whose matters this office prepares."),
    )
    description = models.TextField(_("description"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    objects = ActiveQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[bodies])

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "short_name"], name="organisation_office_unique_short_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def owner_body_ids(self) -> set[int]:
        return set()

    def owner_office_ids(self) -> set[int]:
        return {self.pk}


class ProgrammeGoal(models.Model):
    """A goal of the municipality's programme for international work.

    One list for the whole platform: committees' plans tie their activities to these goals and
    events and trip reports say which goals they served. Loaded from ``data/goals.yaml`` (each goal
    with the document it comes from); another municipality loads its own file, not new code.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=GoalKind.choices)
    name_sv = models.CharField(_("Swedish name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), help_text=_("The document the goal is taken from."))
    source_url = models.URLField(_("address of the source"), blank=True, max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Only active goals can be chosen for new plans, activities and events."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme goal")
        verbose_name_plural = _("programme goals")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the language of the request: Swedish first, English where asked for."""
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "sv").startswith("en"):
            return self.name_en
        return self.name_sv
