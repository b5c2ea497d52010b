from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last sign of life of each task worker process, written by ``manage.py worker``."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"


class SourceFetch(models.Model):
    """One request to an outside source (or one file imported offline) with its raw payload.

    Abstract: each app that reads a source keeps its own table and its own ``source`` choices
    (a ``CharField`` named ``source`` with choices), so provenance is recorded the same way
    everywhere.
    """

    request = models.TextField(_("request"), help_text=_("The URL and parameters, or the file."))
    fetched_at = models.DateTimeField(_("fetched"), auto_now_add=True)
    status = models.PositiveIntegerField(_("HTTP status"), null=True, blank=True)
    payload = models.TextField(_("raw payload"), blank=True)
    sha256 = models.CharField(_("SHA-256 of the payload"), max_length=64, db_index=True)
    records = models.PositiveIntegerField(_("records"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)

    class Meta:
        abstract = True
        ordering = ["-fetched_at"]

    def __str__(self) -> str:
        source = self.get_source_display()  # type: ignore[attr-defined]
        return f"{source} {self.fetched_at:%Y-%m-%d %H:%M}"
