from django.db import models
from django.utils.translation import gettext_lazy as _

from omvarld.knowledge import constants as knowledge_constants
from omvarld.knowledge.constants import EUInfluence, ItemKind

__all__ = ["SUBSTANTIVE_KINDS", "DocumentShape", "EUCode", "ImportStatus", "ItemKind"]

#: One set of EU codes for the knowledge base and the items coded with it.
EUCode = EUInfluence

#: The parts of an item's coding a reviewer may change, as the pages name them.
CODING_PARTS = {
    "kind": _("kind of item"),
    "eu": _("EU influence"),
    "funding": _("EU funding"),
    "areas": _("areas"),
}

#: The kinds that make up the "substantive items" of the studies' second share.
SUBSTANTIVE_KINDS = tuple(
    kind for kind in ItemKind if kind.value in knowledge_constants.SUBSTANTIVE_KINDS
)


class DocumentShape(models.TextChoices):
    NOTICE = "notice", _("Meeting notice")
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", _("Minutes")
    TITLES = "titles", _("List of titles")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


#: The share of council agenda items the national studies found shaped by the EU.
REFERENCE_STUDIES = [
    {"key": "skl2010", "label": _("SKL 2010: directly or indirectly"), "share": 0.60},
    {"key": "skl2018", "label": _("SKL 2018: legal and political"), "share": 0.47},
    {"key": "skl2018_legal", "label": _("SKL 2018: legal (binding)"), "share": 0.22},
]

#: Largest upload accepted, per file.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
