"""Activities with partners: visits, delegations, study visits, meetings, events, projects."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from omvarld.organisation.models import Body, Office

from ..constants import ActivityKind
from .base import end_after_start
from .partners import Partner
from .people import Contact


class Activity(models.Model):
    """A visit, delegation, study visit, network meeting, joint event or project."""

    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    starts = models.DateField(_("date"))
    ends = models.DateField(_("last day"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="activities", verbose_name=_("partners")
    )
    bodies = models.ManyToManyField(
        Body, blank=True, related_name="relation_activities", verbose_name=_("bodies")
    )
    offices = models.ManyToManyField(
        Office, blank=True, related_name="relation_activities", verbose_name=_("offices")
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="relation_activities",
        verbose_name=_("participants from the municipality"),
    )
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="activities", verbose_name=_("contacts met")
    )
    participants_note = models.TextField(
        _("other participants"),
        blank=True,
        help_text=_("Groups and roles, e.g. five head teachers; names only of platform users."),
    )
    purpose = models.TextField(_("purpose"))
    outcome = models.TextField(_("outcome"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_date = models.DateField(_("follow up by"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("followed up"), default=False)
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

    history = HistoricalRecords(m2m_fields=[partners, bodies, offices, participants])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("relations:activity_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        errors = end_after_start(self.starts, self.ends, "ends")
        if errors:
            raise ValidationError(errors)

    def owner_body_ids(self) -> set[int]:
        return {b.pk for b in self.bodies.all()}

    def owner_office_ids(self) -> set[int]:
        return {o.pk for o in self.offices.all()}
