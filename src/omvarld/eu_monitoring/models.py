"""EU initiatives, their stages and feedback windows, and the municipality's work on them.

Every record fetched from an official source keeps its provenance: the :class:`FetchRecord` of the
request it came from, with the raw payload, so that any figure can be traced back.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from omvarld.core.models import SourceFetch
from omvarld.knowledge.models import EUAct, PolicyArea
from omvarld.organisation.models import Body

from .constants import (
    ActRelation,
    Channel,
    InboxStatus,
    Relevance,
    Source,
    Stage,
    Stance,
    WindowKind,
    WindowStatus,
)


class FetchRecord(SourceFetch):
    """One request to an official source (or one file imported offline) and its raw payload."""

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)

    class Meta(SourceFetch.Meta):
        verbose_name = _("fetch")
        verbose_name_plural = _("fetches")


class Initiative(models.Model):
    """An EU initiative: a planned or proposed act, followed through its stages."""

    title_sv = models.TextField(_("Swedish title"), blank=True)
    title_en = models.TextField(_("English title"), blank=True)
    summary_sv = models.TextField(_("Swedish summary"), blank=True)
    summary_en = models.TextField(_("English summary"), blank=True)
    commission_reference = models.CharField(
        _("Commission reference"),
        max_length=60,
        blank=True,
        db_index=True,
        help_text=_("For example PLAN/2021/10143 or Ares(2021)1234567."),
    )
    procedure_reference = models.CharField(
        _("procedure"),
        max_length=30,
        blank=True,
        db_index=True,
        help_text=_("For example 2021/0211(COD)."),
    )
    com_number = models.CharField(
        _("COM document"),
        max_length=30,
        blank=True,
        db_index=True,
        help_text=_("For example COM(2021) 551."),
    )
    proposal_celex = models.CharField(_("CELEX of the proposal"), max_length=20, blank=True)
    haveyoursay_id = models.PositiveIntegerField(
        _("Have Your Say id"), null=True, blank=True, unique=True
    )
    url = models.URLField(_("address"), blank=True, max_length=500)
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices, blank=True)
    areas = models.ManyToManyField(
        PolicyArea, blank=True, related_name="initiatives", verbose_name=_("areas")
    )
    eurovoc = models.JSONField(_("EuroVoc subjects"), default=list, blank=True)
    acts: models.ManyToManyField[EUAct, InitiativeAct] = models.ManyToManyField(
        EUAct,
        through="InitiativeAct",
        blank=True,
        related_name="initiatives",
        verbose_name=_("EU acts concerned"),
    )
    extra = models.JSONField(
        _("other fields from the source"),
        default=dict,
        blank=True,
        help_text=_("Fields the source sent that the platform does not use yet, kept as sent."),
    )
    fetches = models.ManyToManyField(
        FetchRecord, blank=True, related_name="initiatives", verbose_name=_("provenance")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["extra"])

    class Meta:
        verbose_name = _("EU initiative")
        verbose_name_plural = _("EU initiatives")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title_sv or self.title_en or self.procedure_reference or str(self.pk)

    @property
    def title(self) -> str:
        return self.title_sv or self.title_en

    @property
    def summary(self) -> str:
        """The summary in Swedish when the source gives one, else in English."""
        return self.summary_sv or self.summary_en

    @property
    def summary_is_english(self) -> bool:
        return not self.summary_sv and bool(self.summary_en)


class InitiativeAct(models.Model):
    """An EU act an initiative would amend, repeal or replace."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="act_links")
    act = models.ForeignKey(EUAct, on_delete=models.CASCADE, related_name="initiative_links")
    relation = models.CharField(_("relation"), max_length=20, choices=ActRelation.choices)

    class Meta:
        verbose_name = _("act concerned")
        verbose_name_plural = _("acts concerned")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "act", "relation"], name="eu_monitoring_initiative_act_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.relation} {self.act_id}"


class StageEvent(models.Model):
    """An initiative reached a stage on a date (from a source or entered by hand)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="stages", verbose_name=_("initiative")
    )
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    note = models.TextField(_("note"), blank=True)
    documents = models.JSONField(
        _("documents"),
        default=list,
        blank=True,
        help_text=_("The documents the source published at this stage: title, language, address."),
    )

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["initiative", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "stage", "source"], name="eu_monitoring_stage_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.date or ''}"


class FeedbackWindow(models.Model):
    """A period in which anyone can give the Commission feedback on an initiative."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="windows", verbose_name=_("initiative")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=WindowKind.choices)
    opens = models.DateField(_("opens"), null=True, blank=True)
    closes = models.DateField(_("closes"), null=True, blank=True, db_index=True)
    url = models.URLField(_("address"), blank=True, max_length=500)
    external_id = models.CharField(_("id at the source"), max_length=60, blank=True)
    source_status = models.CharField(
        _("status at the source"),
        max_length=20,
        choices=WindowStatus.choices,
        blank=True,
        help_text=_("As the source last reported it; a window it closed early is closed."),
    )

    class Meta:
        verbose_name = _("feedback window")
        verbose_name_plural = _("feedback windows")
        ordering = ["closes"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "kind", "external_id"], name="eu_monitoring_window_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.opens}–{self.closes}"

    def is_open_on(self, day: dt.date) -> bool:
        """Takes feedback on the day: opened, not past its last day, not closed by the source."""
        return (
            self.closes is not None
            and self.closes >= day
            and (self.opens is None or self.opens <= day)
            and self.source_status != WindowStatus.CLOSED
        )

    def is_closed_on(self, day: dt.date) -> bool:
        return (self.closes is not None and self.closes < day) or (
            self.source_status == WindowStatus.CLOSED
        )


class Routing(models.Model):
    """An initiative in a body's inbox: suggested by the router, then worked on by its officers."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="routings", verbose_name=_("initiative")
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="routings", verbose_name=_("body")
    )
    score = models.FloatField(_("match"), default=0.0)
    reasons = models.JSONField(_("why"), default=list, blank=True)
    suggested = models.BooleanField(
        _("suggested by the platform"),
        default=True,
        help_text=_("False when a coordinator added the body by hand."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InboxStatus.choices, default=InboxStatus.NEW
    )
    removed = models.BooleanField(
        _("removed by a coordinator"),
        default=False,
        help_text=_("Taken out of the body's inbox; routing again does not bring it back."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("routing")
        verbose_name_plural = _("routings")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "body"], name="eu_monitoring_routing_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} → {self.body}"

    def owner_body_ids(self) -> set[int]:
        return {self.body_id}

    def owner_office_ids(self) -> set[int]:
        return set()


class Assessment(models.Model):
    """A body's assessment of an initiative: how relevant, what impact, who, what to do."""

    routing = models.OneToOneField(
        Routing, on_delete=models.CASCADE, related_name="assessment", verbose_name=_("routing")
    )
    relevance = models.CharField(_("relevance"), max_length=10, choices=Relevance.choices)
    expected_impact = models.TextField(_("expected impact"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_assessments",
        verbose_name=_("responsible officer"),
    )
    proposed_action = models.TextField(_("proposed action"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
        verbose_name=_("assessed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.routing}: {self.get_relevance_display()}"

    def owner_body_ids(self) -> set[int]:
        return self.routing.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return set()


class InfluenceAction(models.Model):
    """Something the municipality did to influence an initiative, and how it went."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="actions", verbose_name=_("initiative")
    )
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="influence_actions",
        verbose_name=_("on behalf of"),
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    description = models.TextField(_("what was done"))
    stance = models.CharField(_("stance"), max_length=30, choices=Stance.choices, blank=True)
    document = models.FileField(_("document"), upload_to="influence/%Y/", blank=True)
    document_url = models.URLField(_("link to the document"), blank=True, max_length=500)
    outcome = models.TextField(_("outcome"), blank=True)
    window = models.ForeignKey(
        FeedbackWindow,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("feedback window answered"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="influence_actions",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("influence action")
        verbose_name_plural = _("influence actions")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_channel_display()}"

    def owner_body_ids(self) -> set[int]:
        return {self.body_id} if self.body_id else set()

    def owner_office_ids(self) -> set[int]:
        return set()
