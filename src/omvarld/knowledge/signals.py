"""Every change of a knowledge row raises the knowledge base's revision.

Signals rather than calls in each writer, because rows change in several places: the
administration, the load of the files, the sync of EU acts (``omvarld.eu_monitoring``).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Cue, EUAct, Policy, PolicyArea, Statute
from .services import knowledge_revision_raise

MODELS = (PolicyArea, EUAct, Statute, Policy, Cue)


def _changed(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # a fixture being loaded
    knowledge_revision_raise()


def _relinked(sender: Any, action: str, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        knowledge_revision_raise()


def connect() -> None:
    """Connect the handlers (from the app's ``ready()``)."""
    for model in MODELS:
        post_save.connect(_changed, sender=model, dispatch_uid=f"knowledge-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"knowledge-delete-{model.__name__}"
        )
        for field in model._meta.many_to_many:
            through: Any = field.remote_field.through
            m2m_changed.connect(
                _relinked, sender=through, dispatch_uid=f"knowledge-m2m-{through.__name__}"
            )
