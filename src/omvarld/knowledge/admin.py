from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from omvarld.core.admin import PermissionAdmin

from .forms import CueForm, EUActForm, PolicyAreaForm, PolicyForm, StatuteForm
from .models import Cue, EUAct, KnowledgeFile, Policy, PolicyArea, Statute
from .selectors import knowledge_revision


class KnowledgeAdmin(PermissionAdmin):
    """Knowledge rows saved here are marked as edited locally, so a reload keeps them.

    The forms validate with the engine's schema; a save raises the knowledge base's revision
    (:mod:`.signals`), which the next analysis uses, and says so.
    """

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.edited_locally = True
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        self._tell_revision(request)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        self._tell_revision(request)

    def _tell_revision(self, request: HttpRequest) -> None:
        revision = knowledge_revision()
        if revision is None:
            return
        messages.info(
            request,
            _(
                "The knowledge base is now at revision %(revision)s; the next analysis uses "
                "it. Items analysed before can be analysed again from the meetings page."
            )
            % {"revision": revision},
        )


@admin.register(PolicyArea)
class PolicyAreaAdmin(KnowledgeAdmin):
    form = PolicyAreaForm
    list_display = ["code", "label_sv", "label_en", "edited_locally"]
    search_fields = ["code", "label_sv"]


@admin.register(EUAct)
class EUActAdmin(KnowledgeAdmin):
    form = EUActForm
    list_display = [
        "celex",
        "citation",
        "act_type",
        "title_sv",
        "binding",
        "status",
        "edited_locally",
    ]
    list_filter = ["act_type", "binding", "status", "areas", "edited_locally"]
    search_fields = ["celex", "citation", "title_sv", "title_en"]
    filter_horizontal = ["areas"]
    raw_id_fields = ["replaced_by"]


@admin.register(Statute)
class StatuteAdmin(KnowledgeAdmin):
    form = StatuteForm
    list_display = ["sfs", "title_sv", "eu", "edited_locally"]
    list_filter = ["eu", "areas", "edited_locally"]
    search_fields = ["sfs", "title_sv"]
    filter_horizontal = ["areas", "implements", "supplements"]


@admin.register(Policy)
class PolicyAdmin(KnowledgeAdmin):
    form = PolicyForm
    list_display = ["key", "title_sv", "kind", "funding", "edited_locally"]
    list_filter = ["kind", "funding", "areas"]
    search_fields = ["key", "title_sv", "title_en"]
    filter_horizontal = ["areas"]


@admin.register(Cue)
class CueAdmin(KnowledgeAdmin):
    form = CueForm
    list_display = ["key", "eu", "funding", "weight", "edited_locally"]
    list_filter = ["eu", "funding", "areas"]
    search_fields = ["key", "pattern", "why_sv"]
    filter_horizontal = ["areas"]


@admin.register(KnowledgeFile)
class KnowledgeFileAdmin(admin.ModelAdmin[KnowledgeFile]):
    list_display = ["name", "version", "sha256", "loaded_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
