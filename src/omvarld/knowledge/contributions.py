"""What the knowledge base adds to the whole municipality's workspace: what it holds, each
figure leading to its list. Registered in :class:`KnowledgeConfig.ready`."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from omvarld.core.contributions import Block, Figure, Scope, Section, register_block

from .selectors import knowledge_counts


def holdings(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """The knowledge base's EU acts and Swedish statutes, on the whole municipality's page."""
    if not scope.whole:
        return None
    counts = knowledge_counts()
    if not counts["acts"]:
        return None
    acts = reverse("knowledge:act_list")
    return Block(
        title=_("The knowledge base behind the coding"),
        url=acts,
        figures=[
            Figure(_("EU acts"), counts["acts"], acts),
            Figure(_("Swedish statutes"), counts["statutes"], reverse("knowledge:statute_list")),
            Figure(_("EU policies and programmes"), counts["policies"]),
        ],
    )


def register() -> None:
    register_block("knowledge.holdings", Section.FIGURES, 95, holdings)
