"""Choices of the population app: what a figure measures, the groups of countries of birth, the
state of an import."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    """What an observation counts. Set from the table's dimensions and its contents' label."""

    POPULATION = "population", _("Residents")
    BIRTH_COUNTRY = "birth_country", _("Residents by country of birth")
    BACKGROUND = "background", _("Residents by foreign or Swedish background")
    IMMIGRATION = "immigration", _("Immigrants by country of birth")
    EMIGRATION = "emigration", _("Emigrants by country of birth")


class CountryGroup(models.TextChoices):
    """The groups of countries of birth the overview shows (``data/countries.yaml``)."""

    SWEDEN = "sweden", _("Sweden")
    NORDIC = "nordic", _("Nordic countries")
    EU = "eu", _("Rest of the EU")
    EUROPE = "europe", _("Rest of Europe")
    AFRICA = "africa", _("Africa")
    ASIA = "asia", _("Asia")
    AMERICAS = "americas", _("The Americas")
    OCEANIA = "oceania", _("Oceania")
    UNKNOWN = "unknown", _("Unknown")


#: The groups of residents born abroad, in the order the pages show them.
FOREIGN_GROUPS = [g for g in CountryGroup if g != CountryGroup.SWEDEN]


class CountryKind(models.TextChoices):
    """A present-day country, a state that no longer exists, or one of SCB's residual rows."""

    COUNTRY = "country", _("Country")
    FORMER = "former", _("Former state")
    RESIDUAL = "residual", _("Not a country")


class FetchKind(models.TextChoices):
    CONFIG = "config", _("API configuration")
    TABLES = "tables", _("Table search")
    METADATA = "metadata", _("Table metadata")
    DATA = "data", _("Table data")
    FILE = "file", _("File imported")


class FetchState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


#: SCB's code for the whole of Sweden (Riket) in the Region dimension.
SWEDEN_REGION = "00"
#: At most this many problems are kept one by one with an import; the rest are counted.
MAX_LISTED_PROBLEMS = 200
#: Largest file the import page accepts; a municipality's tables are far smaller.
MAX_UPLOAD_BYTES = 50 * 2**20
