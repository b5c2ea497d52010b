"""The knowledge base's vocabulary, and the codebook's terms as the platform's choices.

The codebook's values (kinds of item, EU codes, policy areas) are defined once, by the engine
(:mod:`omvarld.euimpact.model`); the choices here take their values from it and add the labels.
knowledge/tests/test_codebook.py ties the engine, these choices, the knowledge files and
docs/codebook.md together.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from omvarld.euimpact.knowledge.schema import CELEX_PATTERN, SFS_PATTERN
from omvarld.euimpact.model import AREA_CODES, SUBSTANTIVE_KINDS, EuLevel, Kind

__all__ = [
    "AREA_CODES",
    "CELEX_PATTERN",
    "SFS_PATTERN",
    "SUBSTANTIVE_KINDS",
    "EUInfluence",
    "ItemKind",
]


class ActType(models.TextChoices):
    DIRECTIVE = "directive", _("Directive")
    REGULATION = "regulation", _("Regulation")
    DECISION = "decision", _("Decision")
    RECOMMENDATION = "recommendation", _("Recommendation")
    TREATY = "treaty", _("Treaty provision")


class ActStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    REPEALED = "repealed", _("Repealed")


class EUInfluence(models.TextChoices):
    """The codebook's kinds of EU influence on an agenda item (in order of precedence)."""

    LEGAL = EuLevel.LEGAL.value, _("EU law")
    POLICY = EuLevel.POLICY.value, _("EU policy")
    NONE = EuLevel.NONE.value, _("No EU influence")


class ItemKind(models.TextChoices):
    """The codebook's kinds of agenda item."""

    FORMAL = Kind.FORMAL.value, _("Formal")
    ELECTION = Kind.ELECTION.value, _("Election")
    DECISION = Kind.DECISION.value, _("Decision")
    MOTION = Kind.MOTION.value, _("Motion")
    INTERPELLATION = Kind.INTERPELLATION.value, _("Interpellation or question")
    INFORMATION = Kind.INFORMATION.value, _("Information")


class PolicyKind(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    ACTION_PLAN = "action_plan", _("Action plan")
    PROGRAMME = "programme", _("Programme")
    RECOMMENDATION = "recommendation", _("Recommendation")
    DECLARATION = "declaration", _("Declaration")
