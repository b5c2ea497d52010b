from django.db import models
from django.utils.translation import gettext_lazy as _


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
    """The codebook's kinds of EU influence on an agenda item."""

    LEGAL = "legal", _("EU law")
    POLICY = "policy", _("EU policy")
    NONE = "none", _("No EU influence")


class PolicyKind(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    ACTION_PLAN = "action_plan", _("Action plan")
    PROGRAMME = "programme", _("Programme")
    RECOMMENDATION = "recommendation", _("Recommendation")
    DECLARATION = "declaration", _("Declaration")


#: CELEX numbers stored here: treaties (sector 1), legislation (3) and preparatory acts (5).
CELEX_PATTERN = (
    r"^(1\d{4}[A-Z]{1,2}\d{0,4}[A-Z]?|3\d{4}[LRDH]\d{4}(\(\d{2}\))?|5\d{4}(PC|DC|SC|JC)\d{4})$"
)
SFS_PATTERN = r"^\d{4}:\d{1,4}$"
