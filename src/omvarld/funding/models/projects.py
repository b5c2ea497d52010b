"""The municipality's EU projects: from idea to closure, with their budgets and partners."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from omvarld.organisation.models import Body, Office

from ..constants import AFTER_GRANT, Currency, Decision, PartnerRole, ProjectStatus
from .calls import Call
from .programmes import Programme

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CENT = Decimal("0.01")
NOT_NEGATIVE = MinValueValidator(0, message=_("The amount cannot be negative."))


def money(verbose_name: StrOrPromise) -> models.DecimalField[Any, Any]:
    """An amount: never negative, empty when not known yet."""
    return models.DecimalField(
        verbose_name,
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
    )


class Project(models.Model):
    """An EU-funded project of the municipality (or an idea for one)."""

    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("programme"),
    )
    call = models.ForeignKey(
        Call,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("call"),
    )
    municipality_leads = models.BooleanField(_("the municipality is lead partner"), default=True)
    lead_partner = models.CharField(
        _("lead partner"),
        max_length=200,
        blank=True,
        help_text=_("The organisation that leads the project, when the municipality does not."),
    )
    bodies = models.ManyToManyField(
        Body, blank=True, related_name="funding_projects", verbose_name=_("bodies")
    )
    offices = models.ManyToManyField(
        Office, blank=True, related_name="funding_projects", verbose_name=_("offices")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funding_projects",
        verbose_name=_("responsible officer"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    submitted_on = models.DateField(_("application submitted"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    starts = models.DateField(_("starts"), null=True, blank=True)
    ends = models.DateField(_("ends"), null=True, blank=True)
    final_report_due = models.DateField(_("final report due"), null=True, blank=True)
    currency = models.CharField(
        _("currency of the budget"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    exchange_rate = models.DecimalField(
        _("exchange rate (SEK per EUR)"),
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.0001"), message=_("Give a positive rate."))],
        help_text=_("The rate the budget or the decision uses, e.g. 11.2050."),
    )
    total_budget = money(_("total budget"))
    eu_grant_applied = money(_("EU grant applied for"))
    eu_grant_awarded = money(_("EU grant awarded"))
    own_cofinancing = money(_("own co-financing in money"))
    own_hours = models.DecimalField(
        _("own co-financing in working hours"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("The hours cannot be negative."))],
    )
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

    history = HistoricalRecords(m2m_fields=[bodies, offices])

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.acronym} – {self.title}" if self.acronym else self.title

    def owner_body_ids(self) -> set[int]:
        return {body.pk for body in self.bodies.all()} if self.pk else set()

    def owner_office_ids(self) -> set[int]:
        return {office.pk for office in self.offices.all()} if self.pk else set()

    @property
    def granted(self) -> bool:
        return self.decision == Decision.GRANTED

    def clean(self) -> None:
        super().clean()
        errors: dict[str, StrOrPromise] = {}
        if self.starts and self.ends and self.ends < self.starts:
            errors["ends"] = _("The project cannot end before it starts.")
        if self.submitted_on and self.decided_on and self.decided_on < self.submitted_on:
            errors["decided_on"] = _("The decision cannot come before the application.")
        if not self.municipality_leads and not self.lead_partner.strip():
            errors["lead_partner"] = _(
                "Name the lead partner, or tick that the municipality leads."
            )
        # A negative total is its own error (the field's validator); nothing is compared to it.
        total = self.total_budget if self.total_budget is None or self.total_budget >= 0 else None
        for name in ("eu_grant_applied", "eu_grant_awarded"):
            amount = getattr(self, name)
            if total is not None and amount is not None and amount > total:
                errors[name] = _("The EU grant cannot be larger than the total budget.")
        grant = (
            self.eu_grant_awarded if self.eu_grant_awarded is not None else self.eu_grant_applied
        )
        cofinancing = self.own_cofinancing
        if (
            total is not None
            and cofinancing is not None
            and "eu_grant_awarded" not in errors
            and "eu_grant_applied" not in errors
            and cofinancing + (grant or 0) > total
        ):
            errors["own_cofinancing"] = _(
                "The EU grant and the own co-financing together exceed the total budget."
            )
        needs_amount = self.decision == Decision.GRANTED or self.status in AFTER_GRANT
        if needs_amount and not self.eu_grant_awarded:
            errors["eu_grant_awarded"] = _("A granted project needs the amount granted.")
        if self.has_amounts() and self.exchange_rate is None:
            errors["exchange_rate"] = _(
                "Give the exchange rate the budget uses, so that it can be shown in both SEK "
                "and EUR."
            )
        if errors:
            raise ValidationError(errors)

    def has_amounts(self) -> bool:
        return any(
            getattr(self, name) is not None
            for name in ("total_budget", "eu_grant_applied", "eu_grant_awarded", "own_cofinancing")
        )

    def in_currency(
        self, amount: Decimal | None, currency: str, *, source: str = ""
    ) -> Decimal | None:
        """An amount given in ``source`` (the project's currency by default) in ``currency``."""
        if amount is None:
            return None
        source = source or self.currency
        if source == currency:
            return amount
        if self.exchange_rate is None:
            return None
        if currency == Currency.SEK:
            return (amount * self.exchange_rate).quantize(CENT, ROUND_HALF_UP)
        return (amount / self.exchange_rate).quantize(CENT, ROUND_HALF_UP)


class ProjectPartner(models.Model):
    """An organisation taking part in a project, with its share of the budget."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project")
    )
    name = models.CharField(_("organisation"), max_length=200)
    country = models.CharField(_("country"), max_length=100, blank=True)
    relations_partner_id = models.PositiveBigIntegerField(
        _("partner in the relations register"),
        null=True,
        blank=True,
        help_text=_("The partner's id in the relations register, when it is there."),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    budget_share = money(_("share of the budget"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        ordering = ["project", "name"]

    def __str__(self) -> str:
        return self.name

    def owner_body_ids(self) -> set[int]:
        return self.project.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return self.project.owner_office_ids()
