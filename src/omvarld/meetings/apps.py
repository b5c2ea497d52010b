from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _search_index(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    from .search import search_index_ensure

    search_index_ensure(using=using)


class MeetingsConfig(AppConfig):
    name = "omvarld.meetings"
    label = "meetings"
    verbose_name = _("Meetings and EU impact")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import NavEntry, register_nav

        register_nav(
            NavEntry(
                "meetings", _("EU analysis"), "meetings:meeting_list", 20, permissions.can_view
            )
        )

        post_migrate.connect(_search_index, sender=self)
        from . import contributions

        contributions.register()
