"""Contacts at partners (personal data), the log of who saw them and the trace of erasures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import ErasureReason, LegalBasis, ViewChannel
from .partners import Partner


class Contact(models.Model):
    """A person at a partner. Personal data: kept for a purpose, on a legal basis, until a date."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("partner")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("For example English, Finnish.")
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Only what the work needs; nothing sensitive.")
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=30,
        choices=LegalBasis.choices,
        default=LegalBasis.PUBLIC_TASK,
    )
    purpose = models.TextField(
        _("purpose"), help_text=_("Why the municipality keeps this person's details.")
    )
    retention_until = models.DateField(
        _("keep until"), help_text=_("The details are erased after this date.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("relations:contact_detail", kwargs={"pk": self.pk})

    def owner_body_ids(self) -> set[int]:
        return self.partner.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return self.partner.owner_office_ids()


class ContactView(models.Model):
    """Someone was shown a contact: who, when, which contact, where. Kept after an erasure, when
    it names the contact only by its number."""

    contact = models.ForeignKey(
        Contact,
        null=True,
        on_delete=models.SET_NULL,
        related_name="views",
        verbose_name=_("contact"),
    )
    contact_number = models.PositiveBigIntegerField(_("contact number"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("seen by"),
    )
    username = models.CharField(_("user name"), max_length=150)
    viewed_at = models.DateTimeField(_("seen"), auto_now_add=True, db_index=True)
    channel = models.CharField(_("where"), max_length=20, choices=ViewChannel.choices)

    class Meta:
        verbose_name = _("contact view")
        verbose_name_plural = _("contact views")
        ordering = ["-viewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.username} {self.contact_number} {self.viewed_at:%Y-%m-%d %H:%M}"


class ContactErasure(models.Model):
    """The anonymised trace of an erased contact: no name, no address, only what was done."""

    contact_number = models.PositiveBigIntegerField(_("contact number"), db_index=True)
    partner = models.ForeignKey(
        Partner,
        null=True,
        on_delete=models.SET_NULL,
        related_name="erasures",
        verbose_name=_("partner"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ErasureReason.choices)
    erased_at = models.DateTimeField(_("erased"), auto_now_add=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("erased by"),
    )
    rows = models.JSONField(_("rows removed or blanked"), default=dict)

    class Meta:
        verbose_name = _("contact erasure")
        verbose_name_plural = _("contact erasures")
        ordering = ["-erased_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.contact_number} {self.erased_at:%Y-%m-%d}"
