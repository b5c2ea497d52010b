"""The knowledge base in the database: loaded from what the engine's parser returns for the
versioned data files, editable by administrators. A row edited by hand is marked and kept when
the files are loaded again. Every change raises the :class:`KnowledgeRevision`, by which the web
app's analyses know which knowledge they ran on."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from omvarld.euimpact.knowledge import DEFAULT_CUE_WEIGHT

from .constants import CELEX_PATTERN, SFS_PATTERN, ActStatus, ActType, EUInfluence, PolicyKind
from .links import eurlex_url, statute_url

celex_validator = RegexValidator(CELEX_PATTERN, _("Not a CELEX number, e.g. 32014L0024."))
sfs_validator = RegexValidator(SFS_PATTERN, _("Not an SFS number, e.g. 2016:1145."))


class KnowledgeEntry(models.Model):
    """Common fields: where the row came from and whether someone edited it by hand."""

    edited_locally = models.BooleanField(
        _("edited locally"),
        default=False,
        help_text=_("Edited in the platform; loading the data files again leaves it as it is."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PolicyArea(KnowledgeEntry):
    """One of the codebook's policy areas (procurement, water_sewage, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_sv = models.CharField(_("Swedish label"), max_length=100)
    label_en = models.CharField(_("English label"), max_length=100)
    description_sv = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")
        ordering = ["label_sv"]

    def __str__(self) -> str:
        return self.label_sv


class EUAct(KnowledgeEntry):
    """An EU act: directive, regulation, decision, recommendation or treaty provision."""

    celex = models.CharField(
        _("CELEX number"), max_length=20, unique=True, validators=[celex_validator]
    )
    act_type = models.CharField(_("type"), max_length=20, choices=ActType.choices)
    citation = models.CharField(_("citation"), max_length=60, blank=True)
    title_sv = models.TextField(_("Swedish title"))
    title_en = models.TextField(_("English title"), blank=True)
    names = models.JSONField(_("common names"), default=list, blank=True)
    areas = models.ManyToManyField(
        PolicyArea, blank=True, related_name="acts", verbose_name=_("areas")
    )
    binding = models.BooleanField(_("binding"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActStatus.choices, default=ActStatus.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    eli = models.URLField(_("ELI"), blank=True, help_text=_("The European Legislation Identifier."))
    date_adopted = models.DateField(_("adopted"), null=True, blank=True)
    date_in_force = models.DateField(_("in force from"), null=True, blank=True)
    transposition_deadline = models.DateField(_("transposition deadline"), null=True, blank=True)
    amended_by = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="amends",
        verbose_name=_("amended by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("EU act")
        verbose_name_plural = _("EU acts")
        ordering = ["celex"]

    def __str__(self) -> str:
        return f"{self.citation or self.celex} {self.title_sv}"

    @property
    def eurlex_url(self) -> str:
        return eurlex_url(self.celex)


class Statute(KnowledgeEntry):
    """A Swedish statute (lag or förordning) and the EU acts it implements or supplements."""

    sfs = models.CharField(_("SFS number"), max_length=12, unique=True, validators=[sfs_validator])
    title_sv = models.TextField(_("title"))
    names = models.JSONField(_("names"), default=list, blank=True)
    abbreviations = models.JSONField(_("abbreviations"), default=list, blank=True)
    areas = models.ManyToManyField(
        PolicyArea, blank=True, related_name="statutes", verbose_name=_("areas")
    )
    implements = models.ManyToManyField(
        EUAct, blank=True, related_name="implementing_statutes", verbose_name=_("implements")
    )
    supplements = models.ManyToManyField(
        EUAct, blank=True, related_name="supplementing_statutes", verbose_name=_("supplements")
    )
    eu = models.CharField(
        _("EU influence"), max_length=10, choices=EUInfluence.choices, default=EUInfluence.NONE
    )

    history = HistoricalRecords(m2m_fields=[implements, supplements])

    class Meta:
        verbose_name = _("Swedish statute")
        verbose_name_plural = _("Swedish statutes")
        ordering = ["sfs"]

    def __str__(self) -> str:
        return self.title_sv

    @property
    def register_url(self) -> str:
        return statute_url(self.sfs)


class Policy(KnowledgeEntry):
    """Non-binding EU policy: a strategy, action plan, programme or recommendation."""

    key = models.SlugField(_("identifier"), max_length=80, unique=True)
    title_sv = models.TextField(_("Swedish title"))
    title_en = models.TextField(_("English title"), blank=True)
    names = models.JSONField(_("names"), default=list, blank=True)
    areas = models.ManyToManyField(
        PolicyArea, blank=True, related_name="policies", verbose_name=_("areas")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PolicyKind.choices)
    celex = models.CharField(
        _("CELEX number"), max_length=20, blank=True, validators=[celex_validator]
    )
    funding = models.BooleanField(_("funding programme"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("EU policy")
        verbose_name_plural = _("EU policies")
        ordering = ["title_sv"]

    def __str__(self) -> str:
        return self.title_sv


class Cue(KnowledgeEntry):
    """A Swedish subject cue: a pattern that points to an area and a kind of EU influence."""

    key = models.SlugField(_("identifier"), max_length=80, unique=True)
    pattern = models.TextField(
        _("pattern"), help_text=_("A regular expression over lower-case text.")
    )
    areas = models.ManyToManyField(
        PolicyArea, blank=True, related_name="cues", verbose_name=_("areas")
    )
    eu = models.CharField(_("EU influence"), max_length=10, choices=EUInfluence.choices)
    funding = models.BooleanField(_("EU funding"), default=False)
    weight = models.FloatField(
        _("weight"),
        default=DEFAULT_CUE_WEIGHT,
        help_text=_("0 to 1; from 0.5 the cue decides the EU influence on its own."),
    )
    why_sv = models.TextField(_("reason shown to users"))
    refs = models.JSONField(_("references"), default=list, blank=True)
    kinds = models.JSONField(_("item kinds"), default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cue word")
        verbose_name_plural = _("cue words")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class KnowledgeFile(models.Model):
    """Which version of each data file was loaded last, and when."""

    name = models.CharField(_("file"), max_length=100, unique=True)
    version = models.PositiveIntegerField(_("version"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)

    class Meta:
        verbose_name = _("knowledge file")
        verbose_name_plural = _("knowledge files")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class KnowledgeRevision(models.Model):
    """The revision of the knowledge base in the database: one row, raised by every change.

    Created when the data files are first loaded; until then the web app analyses with the
    packaged files. ``token`` changes with every revision, so that knowledge cached by a process
    is never taken for that of another database that reached the same number.
    """

    number = models.PositiveIntegerField(_("revision"), default=1)
    token = models.CharField(_("token"), max_length=32)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("knowledge revision")
        verbose_name_plural = _("knowledge revisions")

    def __str__(self) -> str:
        return str(self.number)
