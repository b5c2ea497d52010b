"""Partners, the municipality's memberships of networks, and agreements with their documents."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from omvarld.core.documents import StoredDocument
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office

from .. import text
from ..constants import AgreementKind, Currency, PartnerKind, PartnerStatus, Relation
from ..countries import country_name, validate_country_code
from .base import end_after_start


class Partner(models.Model):
    """A municipality, region, network, body or organisation the municipality works with."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("In its own language, e.g. Tampere or Kópavogur.")
    )
    name_sv = models.CharField(
        _("Swedish name"), max_length=200, blank=True, help_text=_("Where it differs: Tammerfors.")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    relation = models.CharField(
        _("relation"), max_length=20, choices=Relation.choices, default=Relation.COOPERATION
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text=_("Empty for a network or body that spans countries."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    since = models.DateField(_("relation since"), null=True, blank=True)
    until = models.DateField(_("relation until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PartnerStatus.choices, default=PartnerStatus.ACTIVE
    )
    bodies = models.ManyToManyField(
        Body, blank=True, related_name="partners", verbose_name=_("responsible bodies")
    )
    offices = models.ManyToManyField(
        Office, blank=True, related_name="partners", verbose_name=_("responsible offices")
    )
    areas = models.ManyToManyField(
        PolicyArea, blank=True, related_name="partners", verbose_name=_("areas")
    )
    description = models.TextField(_("description"), blank=True)
    sources = models.TextField(
        _("sources"), blank=True, help_text=_("Where the facts come from, one source a line.")
    )
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    name_sv_key = models.CharField(max_length=200, editable=False, blank=True, db_index=True)
    website_key = models.CharField(max_length=300, editable=False, blank=True, db_index=True)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[bodies, offices, areas],
        excluded_fields=["name_key", "name_sv_key", "website_key", "search_text"],
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["name_key", "country"], name="relations_partner_unique_name_country"
            ),
            models.UniqueConstraint(
                fields=["website_key"],
                condition=~Q(website_key=""),
                name="relations_partner_unique_website",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("relations:partner_detail", kwargs={"pk": self.pk})

    @property
    def display_name(self) -> str:
        """The Swedish name first, with the native name after it where they differ."""
        if not self.name_sv:
            return self.name
        if text.name_key(self.name_sv) == text.name_key(self.name):
            return self.name_sv
        return f"{self.name_sv} ({self.name})"

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    def refresh_keys(self) -> None:
        """The comparison keys of the name, Swedish name and website, and the search text."""
        self.name_key = text.name_key(self.name)
        self.name_sv_key = text.name_key(self.name_sv)
        self.website_key = text.website_key(self.website)
        self.search_text = text.fold(
            " ".join([self.name, self.name_sv, self.place, self.website_key, self.description])
        )

    def clean(self) -> None:
        super().clean()
        self.country = (self.country or "").upper()
        self.refresh_keys()
        errors = end_after_start(self.since, self.until, "until")
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors[field] = ValidationError(
                _("Give both latitude and longitude, or neither."), code="coordinates"
            )
        if errors:
            raise ValidationError(errors)

    def owner_body_ids(self) -> set[int]:
        return {b.pk for b in self.bodies.all()}

    def owner_office_ids(self) -> set[int]:
        return {o.pk for o in self.offices.all()}


class PartnerOwned:
    """Records owned by their responsible body, or by the partner's bodies when they have none."""

    partner: Partner
    body_id: int | None

    def owner_body_ids(self) -> set[int]:
        return {self.body_id} if self.body_id else self.partner.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return set() if self.body_id else self.partner.owner_office_ids()


class Membership(PartnerOwned, models.Model):
    """The municipality's membership of a network or association."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="relation_memberships",
        verbose_name=_("responsible body"),
    )
    starts = models.DateField(_("member from"), null=True, blank=True)
    ends = models.DateField(_("member until"), null=True, blank=True)
    fee = models.DecimalField(
        _("yearly fee"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    representative = models.CharField(
        _("represented by"),
        max_length=200,
        blank=True,
        help_text=_("Who represents the municipality, e.g. the chair of the executive board."),
    )
    renewal_date = models.DateField(_("renewal date"), null=True, blank=True)
    notice_date = models.DateField(_("last day of notice"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-starts", "pk"]

    def __str__(self) -> str:
        return str(self.partner)

    def clean(self) -> None:
        super().clean()
        errors = end_after_start(self.starts, self.ends, "ends")
        if self.fee is not None and not self.currency:
            errors["currency"] = ValidationError(
                _("Give the currency of the fee."), code="currency"
            )
        if errors:
            raise ValidationError(errors)


class Agreement(PartnerOwned, models.Model):
    """A written agreement with one or more partners."""

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=AgreementKind.choices)
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("partner")
    )
    other_partners = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="shared_agreements",
        verbose_name=_("other parties"),
        help_text=_("Further partners that signed the same agreement."),
    )
    reference = models.CharField(
        _("case reference"), max_length=60, blank=True, help_text=_("For example KS 2023/0456.")
    )
    signed = models.DateField(_("signed"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    renewal_date = models.DateField(_("renewal date"), null=True, blank=True)
    notice_date = models.DateField(_("last day of notice"), null=True, blank=True)
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="relation_agreements",
        verbose_name=_("responsible body"),
    )
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[other_partners])

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed", "-valid_from", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("relations:agreement_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        errors = end_after_start(self.valid_from, self.valid_until, "valid_until")
        if errors:
            raise ValidationError(errors)


class AgreementDocument(StoredDocument):
    """A document of an agreement: the signed original, an annex, a translation."""

    folder = "relations/agreements"

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="documents", verbose_name=_("agreement")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        ordering = ["uploaded_at", "pk"]

    def owner_body_ids(self) -> set[int]:
        return self.agreement.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return self.agreement.owner_office_ids()
