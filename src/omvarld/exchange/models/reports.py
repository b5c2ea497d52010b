from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from omvarld.core.documents import StoredDocument
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office

from ..constants import ActionStatus, ReportStatus
from .events import Event


class TripReport(models.Model):
    """The trip report (reserapport) of an event: why we went, what we learned, what we bring
    home. One per event, written by its participants and the body's officers; every change,
    before and after submission, is kept in its history."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="report", verbose_name=_("event")
    )
    purpose = models.TextField(_("purpose"), blank=True, help_text=_("Why we went."))
    summary = models.TextField(
        _("what we learned"), blank=True, help_text=_("The most important in a few sentences.")
    )
    contacts = models.TextField(
        _("contacts made"),
        blank=True,
        help_text=_("Organisations and roles met, to follow up. Only what the work needs."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trip report")
        verbose_name_plural = _("trip reports")
        ordering = ["-event__ends_on"]

    def __str__(self) -> str:
        return str(_("Trip report: %(event)s") % {"event": self.event.title})

    @property
    def is_submitted(self) -> bool:
        return self.status == ReportStatus.SUBMITTED

    def owner_body_ids(self) -> set[int]:
        return self.event.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return self.event.owner_office_ids()


class ReportDocument(StoredDocument):
    """A document or picture kept with a trip report."""

    folder = "exchange/reports"

    report = models.ForeignKey(
        TripReport, on_delete=models.CASCADE, related_name="documents", verbose_name=_("report")
    )
    caption = models.CharField(
        _("caption"),
        max_length=200,
        blank=True,
        help_text=_("What the picture or document shows (read aloud by screen readers)."),
    )

    class Meta:
        verbose_name = _("report document")
        verbose_name_plural = _("report documents")
        ordering = ["report", "pk"]


class ReportContact(models.Model):
    """A contact made on the trip, registered in the relations register from the report.

    The person's details live in the register (with its legal basis, retention and view log);
    the report keeps only which partner and which contact, by id.
    """

    report = models.ForeignKey(
        TripReport, on_delete=models.CASCADE, related_name="contact_links", verbose_name=_("report")
    )
    partner_id = models.PositiveBigIntegerField(_("partner"))
    contact_id = models.PositiveBigIntegerField(_("contact"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact made")
        verbose_name_plural = _("contacts made")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id} – {self.partner_id}/{self.contact_id}"


class Lesson(models.Model):
    """Something the trip taught, in an area, so that "what have we learned about X" finds it."""

    report = models.ForeignKey(
        TripReport, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("report")
    )
    text = models.TextField(_("lesson"))
    area = models.ForeignKey(
        PolicyArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exchange_lessons",
        verbose_name=_("area"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def owner_body_ids(self) -> set[int]:
        return self.report.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return self.report.owner_office_ids()


class Idea(models.Model):
    """An idea to bring home; it becomes a follow-up action when someone takes it on."""

    report = models.ForeignKey(
        TripReport, on_delete=models.CASCADE, related_name="ideas", verbose_name=_("report")
    )
    title = models.CharField(_("idea"), max_length=200)
    text = models.TextField(_("description"), blank=True)
    area = models.ForeignKey(
        PolicyArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exchange_ideas",
        verbose_name=_("area"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.title

    def owner_body_ids(self) -> set[int]:
        return self.report.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return self.report.owner_office_ids()


class FollowUpAction(models.Model):
    """What the municipality does with an idea or a lesson: who, for which body or office, by
    when, how far it got and what came of it. It can point to an agenda item, an EU initiative
    or a partner of the other registers, by their ids, read through those apps' selectors."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="actions", verbose_name=_("event")
    )
    idea = models.ForeignKey(
        Idea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("from the idea"),
    )
    lesson = models.ForeignKey(
        Lesson,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("from the lesson"),
    )
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="exchange_actions",
        verbose_name=_("owner"),
    )
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exchange_actions",
        verbose_name=_("body"),
    )
    office = models.ForeignKey(
        Office,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exchange_actions",
        verbose_name=_("office"),
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PROPOSED
    )
    outcome = models.TextField(_("outcome"), blank=True)
    agenda_item_id = models.PositiveBigIntegerField(_("agenda item"), null=True, blank=True)
    eu_initiative_id = models.PositiveBigIntegerField(_("EU initiative"), null=True, blank=True)
    partner_id = models.PositiveBigIntegerField(_("partner"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(body__isnull=False) | Q(office__isnull=False),
                name="exchange_action_body_or_office",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.body_id is None and self.office_id is None:
            raise ValidationError({"body": _("Choose a body or an office.")})

    def owner_body_ids(self) -> set[int]:
        return {self.body_id} if self.body_id else set()

    def owner_office_ids(self) -> set[int]:
        return {self.office_id} if self.office_id else set()
