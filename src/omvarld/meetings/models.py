"""Meetings, their documents and agenda items, the engine's analyses and the officers' reviews.

An item's *effective* coding (the latest review, else the current analysis) is kept on the item
itself so that lists and statistics over tens of thousands of items filter on plain columns.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body

from .constants import DocumentShape, EUCode, ImportStatus, ItemKind


def original_upload_path(instance: SourceDocument, filename: str) -> str:
    # Content-addressed: the same bytes always land in the same place, under their checksum.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"originals/{instance.sha256[:2]}/{instance.sha256}.{suffix[:8]}"


class ImportBatch(models.Model):
    """One import: the files given together, processed as a background task."""

    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
        verbose_name=_("body"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_files = models.PositiveIntegerField(_("files"), default=0)
    processed_files = models.PositiveIntegerField(_("files processed"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    # What a run needs to resume after a crash (issue 9): the uploaded files (their original
    # names and their names in the storage), who runs the batch and when it last made progress;
    # each file's result is an ImportFile.
    uploads = models.JSONField(_("uploaded files"), default=list, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    runner = models.CharField(_("run by"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    progress_at = models.DateTimeField(_("last progress"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if not self.total_files:
            return 100 if self.status == ImportStatus.DONE else 0
        return round(100 * self.processed_files / self.total_files)


class ImportFile(models.Model):
    """What became of one file of a batch (an archive's members each have their own)."""

    class Status(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        ALREADY = "already", _("Already imported")
        SKIPPED = "skipped", _("Skipped")

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="files", verbose_name=_("import")
    )
    position = models.PositiveIntegerField(_("position"))
    name = models.CharField(_("file name"), max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    message = models.TextField(_("message"), blank=True)
    meeting = models.ForeignKey(
        "Meeting", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("meeting")
    )
    items = models.PositiveIntegerField(_("agenda items"), default=0)
    codes = models.JSONField(_("items per EU code"), default=dict, blank=True)
    date_source = models.CharField(_("date from"), max_length=10, blank=True)
    date = models.DateField(_("date used"), null=True, blank=True)

    class Meta:
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "position"], name="meetings_importfile_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.status}"


class SourceDocument(models.Model):
    """An uploaded original, stored untouched with its SHA-256; parsing works on copies."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    original = models.FileField(_("original file"), upload_to=original_upload_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    file_format = models.CharField(_("format"), max_length=10)
    shape = models.CharField(_("document shape"), max_length=10, choices=DocumentShape.choices)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    text = models.TextField(_("extracted text"))
    batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name=_("import"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Meeting(models.Model):
    """A meeting of a body on a day."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    date = models.DateField(_("date"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "date"], name="meetings_meeting_unique_body_date"
            )
        ]
        # The item lists are newest first: with this index a page of them is read from the
        # newest meetings down instead of sorting every item (tens of milliseconds per request).
        indexes = [models.Index(fields=["date"], name="meetings_meeting_date")]

    def __str__(self) -> str:
        return f"{self.body} {self.date:%Y-%m-%d}"

    def documents(self) -> list[SourceDocument]:
        """The documents whose items this meeting has, oldest first; each with ``counted``:
        whether its items are the ones counted (not superseded by a higher-ranking document)."""
        counted = AgendaItem.objects.filter(
            meeting=self, document=models.OuterRef("pk"), superseded=False
        )
        return list(
            SourceDocument.objects.filter(items__meeting=self)
            .distinct()
            .annotate(counted=models.Exists(counted))
            .order_by("uploaded_at", "pk")
        )

    def owner_body_ids(self) -> set[int]:
        return {self.body_id}

    def owner_office_ids(self) -> set[int]:
        return set()


class AgendaItem(models.Model):
    """One item (ärende) of a meeting, as found in one document, with its effective coding."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    document = models.ForeignKey(
        SourceDocument, on_delete=models.CASCADE, related_name="items", verbose_name=_("document")
    )
    position = models.PositiveIntegerField(_("position"))
    number = models.CharField(_("number"), max_length=20)
    title = models.TextField(_("title"))
    text = models.TextField(_("text"))
    start = models.PositiveIntegerField(_("start in document"), default=0)
    end = models.PositiveIntegerField(_("end in document"), default=0)

    # The effective coding: the latest review where there is one, else the current analysis.
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices, db_index=True)
    eu = models.CharField(_("EU influence"), max_length=10, choices=EUCode.choices, db_index=True)
    funding = models.BooleanField(_("EU funding"), default=False)
    areas = models.ManyToManyField(
        PolicyArea, blank=True, related_name="agenda_items", verbose_name=_("areas")
    )
    reviewed = models.BooleanField(_("reviewed"), default=False, db_index=True)
    superseded = models.BooleanField(
        _("superseded"),
        default=False,
        db_index=True,
        help_text=_(
            "Another document of the same meeting, the minutes, lists this item; "
            "statistics count that one"
        ),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="meetings_item_unique_document_position"
            )
        ]
        indexes = [models.Index(fields=["meeting", "eu"], name="meetings_item_meeting_eu")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def owner_body_ids(self) -> set[int]:
        return {self.meeting.body_id}

    def owner_office_ids(self) -> set[int]:
        return set()


class ItemAnalysis(models.Model):
    """The engine's coding of an item; a newer engine or knowledge version adds a new one."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="analyses", verbose_name=_("item")
    )
    engine_version = models.CharField(_("engine version"), max_length=40)
    knowledge_version = models.CharField(_("knowledge version"), max_length=200)
    knowledge_revision = models.PositiveIntegerField(
        _("knowledge revision"),
        null=True,
        blank=True,
        help_text=_(
            "The revision of the knowledge base in the database the analysis ran on; empty when "
            "it ran on the knowledge files shipped with the engine."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    eu = models.CharField(_("EU influence"), max_length=10, choices=EUCode.choices)
    funding = models.BooleanField(_("EU funding"), default=False)
    areas = models.JSONField(_("areas"), default=list)
    evidence = models.JSONField(_("evidence"), default=list)
    confidence = models.FloatField(_("confidence"), default=0.0)
    is_current = models.BooleanField(_("current"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("analysis")
        verbose_name_plural = _("analyses")
        ordering = ["item", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(is_current=True),
                name="meetings_analysis_one_current_per_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.eu} ({self.engine_version})"


class ItemReview(models.Model):
    """An officer's confirmation or correction of an item's coding, with a comment."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("item")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
        verbose_name=_("reviewer"),
    )
    analysis = models.ForeignKey(
        ItemAnalysis,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
        verbose_name=_("analysis reviewed"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    eu = models.CharField(_("EU influence"), max_length=10, choices=EUCode.choices)
    funding = models.BooleanField(_("EU funding"), default=False)
    # Most items belong to no area: a review with none is a review.
    areas = models.JSONField(_("areas"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["item", "-created_at"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.item_id}: {self.eu} by {self.reviewer_id}"

    def owner_body_ids(self) -> set[int]:
        return self.item.owner_body_ids()

    def owner_office_ids(self) -> set[int]:
        return set()


class ItemReference(models.Model):
    """An EU act (CELEX), Swedish statute (SFS) or policy cited by an item's current analysis.

    Kept as rows so that "which of our items rest on this act" is one indexed query.
    """

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="references", verbose_name=_("item")
    )
    ref = models.CharField(_("reference"), max_length=40, db_index=True)

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        constraints = [
            models.UniqueConstraint(fields=["item", "ref"], name="meetings_itemreference_unique")
        ]

    def __str__(self) -> str:
        return self.ref
