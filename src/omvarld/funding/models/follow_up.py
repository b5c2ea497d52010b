"""What a project is followed by: reporting periods, payment claims, documents, results and the
council's agenda items about it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from omvarld.core.documents import StoredDocument

from ..constants import Currency, DocumentType
from .projects import Project, money


class _OfProject(models.Model):
    """Belongs to a project, and so to the project's bodies and offices."""

    project: models.ForeignKey[Project, Project]

    class Meta:
        abstract = True

    def owner_body_ids(self) -> set[int]:
        return self.project.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return self.project.owner_office_ids()


class ReportingPeriod(_OfProject):
    """A period the project reports on, and when its report is due."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="periods", verbose_name=_("project")
    )
    starts = models.DateField(_("period starts"))
    ends = models.DateField(_("period ends"))
    report_due = models.DateField(_("report due"))
    submitted_on = models.DateField(_("report submitted"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["project", "starts"]

    def __str__(self) -> str:
        return f"{self.starts}–{self.ends}"

    def clean(self) -> None:
        super().clean()
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": _("The period cannot end before it starts.")})
        if self.starts and self.report_due and self.report_due < self.starts:
            raise ValidationError(
                {"report_due": _("The report cannot be due before the period starts.")}
            )


class PaymentClaim(_OfProject):
    """A claim for payment of the grant: when it is due, what was claimed and what came in."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="claims", verbose_name=_("project")
    )
    period = models.ForeignKey(
        ReportingPeriod,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
        verbose_name=_("reporting period"),
    )
    due = models.DateField(_("claim due"))
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    amount_claimed = money(_("amount claimed"))
    submitted_on = models.DateField(_("claim submitted"), null=True, blank=True)
    amount_received = money(_("amount received"))
    received_on = models.DateField(_("received"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment claim")
        verbose_name_plural = _("payment claims")
        ordering = ["project", "due"]

    def __str__(self) -> str:
        return f"{self.due}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.amount_received is not None and self.received_on is None:
            errors["received_on"] = _("Give the day the payment came in.")
        if self.received_on is not None and self.amount_received is None:
            errors["amount_received"] = _("Give the amount that came in.")
        if self.period_id and self.period and self.period.project_id != self.project_id:
            errors["period"] = _("The reporting period belongs to another project.")
        if errors:
            raise ValidationError(errors)


class ProjectDocument(_OfProject, StoredDocument):
    """An application, decision, report or other document, kept untouched under its checksum."""

    folder = "funding"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    kind_of_document = models.CharField(
        _("kind of document"), max_length=20, choices=DocumentType.choices
    )

    class Meta:
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        ordering = ["project", "-uploaded_at"]

    def __str__(self) -> str:
        return self.title


class ProjectResult(_OfProject):
    """Something the project achieved, in words and where it can be counted in numbers."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="results", verbose_name=_("project")
    )
    date = models.DateField(_("date"))
    description = models.TextField(_("result"))
    quantity = models.DecimalField(
        _("quantity"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project result")
        verbose_name_plural = _("project results")
        ordering = ["project", "-date"]

    def __str__(self) -> str:
        return self.description[:60]

    def clean(self) -> None:
        super().clean()
        if self.unit and self.quantity is None:
            raise ValidationError({"quantity": _("Give the quantity the unit counts.")})


class ProjectItemLink(_OfProject):
    """An agenda item coded as EU funding that concerns the project ("the council decided the
    co-financing on ...").

    The item lives in the meetings app and is read through its selectors; what the project page
    needs of it is copied here when linked, so the link still reads well if the item is imported
    again or removed.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="item_links", verbose_name=_("project")
    )
    item_id = models.PositiveBigIntegerField(_("agenda item"))
    item_title = models.TextField(_("item title"))
    item_number = models.CharField(_("item number"), max_length=20, blank=True)
    meeting_date = models.DateField(_("meeting date"))
    body_name = models.CharField(_("body"), max_length=150)
    note = models.CharField(
        _("what was decided"),
        max_length=300,
        blank=True,
        help_text=_("For example: the council decided the co-financing."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("linked by"),
    )
    created_at = models.DateTimeField(_("linked"), auto_now_add=True)

    class Meta:
        verbose_name = _("linked agenda item")
        verbose_name_plural = _("linked agenda items")
        ordering = ["project", "meeting_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "item_id"], name="funding_projectitemlink_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body_name} {self.meeting_date}: {self.item_title}"
