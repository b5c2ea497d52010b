from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _text_indexes(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    from .search import text_indexes_ensure

    text_indexes_ensure(using=using)


class CoreConfig(AppConfig):
    name = "omvarld.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from django.apps import apps

        # The admin site names the installed libraries' sections by their apps' names: give the
        # two that have no Swedish name of their own one.
        for module, label, name in (
            ("django_tasks_db", "django_tasks_database", _("Queue of background tasks")),
            ("axes", "axes", _("Failed logins and lockouts")),
        ):
            if apps.is_installed(module):
                apps.get_app_config(label).verbose_name = name
        from . import permissions
        from .contributions import NavEntry, register_nav, register_task_label
        from .tasks import load_reference_data

        register_nav(NavEntry("home", _("Start"), "core:home", 0, permissions.can_view))
        register_nav(
            NavEntry("tasks", _("Background tasks"), "core:task_list", 100, permissions.can_manage)
        )
        register_nav(NavEntry("audit", _("Change log"), "core:audit", 110, permissions.can_manage))
        register_nav(NavEntry("api", _("API"), "api:docs", 120, permissions.can_view))
        register_task_label(load_reference_data, _("Load the organisation and knowledge files"))
        # After every migrate (all apps' tables exist by then): SQLite's search triggers.
        post_migrate.connect(_text_indexes, sender=self)
