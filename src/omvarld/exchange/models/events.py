from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from omvarld.core.documents import StoredDocument
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office, ProgrammeGoal

from ..constants import (
    CostKind,
    EventKind,
    LegalBasis,
    ParticipantRole,
    PresentationKind,
)


class Event(models.Model):
    """A conference, fair, network meeting, study visit, course or webinar the municipality takes
    part in, and the bodies and offices it concerns."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    place = models.CharField(
        _("place"), max_length=120, blank=True, help_text=_("City or venue; empty for online.")
    )
    country = CountryField(_("country"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), help_text=_("The day of return for a trip."))
    url = models.URLField(_("link"), blank=True, max_length=500)
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(
        PolicyArea, blank=True, related_name="exchange_events", verbose_name=_("areas")
    )
    goals = models.ManyToManyField(
        ProgrammeGoal,
        blank=True,
        related_name="exchange_events",
        verbose_name=_("programme goals"),
        help_text=_("The goals of the international programme the event serves."),
    )
    bodies = models.ManyToManyField(
        Body, blank=True, related_name="exchange_events", verbose_name=_("bodies")
    )
    offices = models.ManyToManyField(
        Office, blank=True, related_name="exchange_events", verbose_name=_("offices")
    )
    report_required = models.BooleanField(
        _("trip report required"),
        default=True,
        help_text=_("Outgoing trips need a trip report after the return."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[bodies, offices])

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["ends_on"], name="exchange_event_ends_on")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot come before the first day.")})

    # Owned: the bodies and offices involved. Both read the prefetched rows when there are any.
    def owner_body_ids(self) -> set[int]:
        return {b.pk for b in self.bodies.all()} if self.pk else set()

    def owner_office_ids(self) -> set[int]:
        return {o.pk for o in self.offices.all()} if self.pk else set()


class EventPartner(models.Model):
    """A partner of the relations register the event is with (by id, read through the register's
    selectors: the register is another app and may be left out)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="partner_links", verbose_name=_("event")
    )
    partner_id = models.PositiveBigIntegerField(_("partner"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner of an event")
        verbose_name_plural = _("partners of events")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "partner_id"], name="exchange_event_partner_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} – {self.partner_id}"


class Participation(models.Model):
    """Who takes part: a user of the platform, or a named guest (a councillor without an account,
    a representative of a partner). A named guest's data is personal data: it is kept with its
    legal basis until its retention date, can be exported, and is erased with its history."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exchange_participations",
        verbose_name=_("user"),
    )
    guest_name = models.CharField(_("guest's name"), max_length=150, blank=True)
    guest_organisation = models.CharField(_("guest's organisation"), max_length=150, blank=True)
    guest_email = models.EmailField(_("guest's e-mail"), blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices, blank=True
    )
    retention_until = models.DateField(
        _("keep until"),
        null=True,
        blank=True,
        help_text=_("The guest's data is erased after this day (document management plan)."),
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ParticipantRole.choices,
        default=ParticipantRole.PARTICIPANT,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["event", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, guest_name="")
                | Q(user__isnull=True) & (~Q(guest_name="") | Q(erased_at__isnull=False)),
                name="exchange_participation_user_or_guest",
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False),
                name="exchange_participation_user_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} – {self.event_id}"

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def display_name(self) -> str:
        if self.user is not None:
            return str(self.user.display_name)
        if self.erased_at:
            return str(_("Erased guest"))
        return self.guest_name

    def clean(self) -> None:
        super().clean()
        if self.user_id is not None:
            return
        errors = {}
        if not self.guest_name and not self.erased_at:
            errors["guest_name"] = _("Choose a user or give the guest's name.")
        if not self.erased_at:
            if not self.legal_basis:
                errors["legal_basis"] = _("A guest's data needs a legal basis.")
            if not self.retention_until:
                errors["retention_until"] = _("Say until when the guest's data is kept.")
        if errors:
            raise ValidationError(errors)

    def owner_body_ids(self) -> set[int]:
        return self.event.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return self.event.owner_office_ids()


class Cost(models.Model):
    """What one participation cost one body, in Swedish kronor."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="costs", verbose_name=_("participant")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="exchange_costs", verbose_name=_("paid by")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CostKind.choices)
    amount = models.DecimalField(
        _("amount (SEK)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0), _("A cost cannot be negative."))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("costs")
        ordering = ["participation", "kind", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="exchange_cost_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} kr"

    def owner_body_ids(self) -> set[int]:
        return self.participation.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return self.participation.owner_office_ids()


class Presentation(models.Model):
    """What the municipality presented at an event: a talk, a poster, a stand."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="presentations", verbose_name=_("event")
    )
    participation = models.ForeignKey(
        Participation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presentations",
        verbose_name=_("presented by"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PresentationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return self.title

    def owner_body_ids(self) -> set[int]:
        return self.event.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return self.event.owner_office_ids()


class PresentationDocument(StoredDocument):
    folder = "exchange/presentations"

    presentation = models.ForeignKey(
        Presentation,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("presentation"),
    )

    class Meta:
        verbose_name = _("presentation file")
        verbose_name_plural = _("presentation files")
        ordering = ["presentation", "pk"]
