"""Each body's or office's yearly plan for international work with its activities (tied to the
organisation's programme goals), and the annual follow-up report, frozen when the body adopts it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from omvarld.organisation.models import Body, Office, ProgrammeGoal

from .constants import FIRST_YEAR, LAST_YEAR, ActivityStatus

year_validators = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class Plan(models.Model):
    """A body's or an office's plan for its international work in one year."""

    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("body"),
    )
    office = models.ForeignKey(
        Office,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("office"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What the body or office wants to achieve.")
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "body__name", "office__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(body__isnull=False, office__isnull=True)
                | Q(body__isnull=True, office__isnull=False),
                name="plans_plan_body_or_office",
            ),
            models.UniqueConstraint(
                fields=["body", "year"],
                condition=Q(body__isnull=False),
                name="plans_plan_unique_body_year",
            ),
            models.UniqueConstraint(
                fields=["office", "year"],
                condition=Q(office__isnull=False),
                name="plans_plan_unique_office_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", kwargs={"pk": self.pk})

    @property
    def owner(self) -> Body | Office:
        owner = self.body or self.office
        assert owner is not None  # the check constraint
        return owner

    def clean(self) -> None:
        super().clean()
        if (self.body_id is None) == (self.office_id is None):
            raise ValidationError(_("A plan belongs to one body or one office."))

    def owner_body_ids(self) -> set[int]:
        return {self.body_id} if self.body_id else set()

    def owner_office_ids(self) -> set[int]:
        return {self.office_id} if self.office_id else set()


class PlanActivity(models.Model):
    """Something a plan sets out to do, tied to one or more programme goals."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("plan")
    )
    title = models.CharField(_("activity"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    goals = models.ManyToManyField(
        ProgrammeGoal, related_name="plan_activities", verbose_name=_("goals")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_activities",
        verbose_name=_("responsible"),
    )
    planned_hours = models.DecimalField(
        _("planned hours"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    planned_cost = models.DecimalField(
        _("planned cost (SEK)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    starts = models.DateField(_("starts"), null=True, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True, help_text=_("What came of it."))
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[goals])

    class Meta:
        verbose_name = _("plan activity")
        verbose_name_plural = _("plan activities")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#activity-{self.pk}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.starts and self.due and self.due < self.starts:
            errors["due"] = ValidationError(_("The due date cannot come before the start."))
        if self.status == ActivityStatus.DONE and self.done_on is None:
            errors["done_on"] = ValidationError(_("Give the day the activity was done."))
        if self.status != ActivityStatus.DONE and self.done_on is not None:
            errors["done_on"] = ValidationError(_("Only a done activity has a day it was done."))
        if errors:
            raise ValidationError(errors)

    def owner_body_ids(self) -> set[int]:
        return self.plan.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return self.plan.owner_office_ids()


class AnnualReport(models.Model):
    """The annual follow-up of a body (or, without one, of the whole municipality) for a year.

    Until it is adopted, its numbers are computed whenever it is shown; adopting it freezes
    them in ``snapshot`` with the day, so the report stays as the body adopted it.
    """

    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("body"),
        help_text=_("Empty for the report of the whole municipality."),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    highlights = models.TextField(
        _("highlights"), blank=True, help_text=_("What stood out in the year, in a few lines.")
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("adoption recorded by"),
    )
    snapshot = models.JSONField(_("frozen report"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("annual follow-up report")
        verbose_name_plural = _("annual follow-up reports")
        ordering = ["-year", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year"],
                condition=Q(body__isnull=False),
                name="plans_report_unique_body_year",
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(body__isnull=True),
                name="plans_report_unique_municipality_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body or _('The whole municipality')} {self.year}"

    def get_absolute_url(self) -> str:
        if self.body_id is None:
            return reverse("plans:report_municipality", kwargs={"year": self.year})
        return reverse("plans:report_body", kwargs={"year": self.year, "body_id": self.body_id})

    @property
    def frozen(self) -> bool:
        return self.adopted_on is not None

    def owner_body_ids(self) -> set[int]:
        return {self.body_id} if self.body_id else set()

    def owner_office_ids(self) -> set[int]:
        return set()
