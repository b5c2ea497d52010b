from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "omvarld.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from . import permissions
        from .contributions import NavEntry, register_nav

        register_nav(NavEntry("home", _("Start"), "core:home", 0, permissions.can_view))
        register_nav(
            NavEntry("tasks", _("Background tasks"), "core:task_list", 100, permissions.can_manage)
        )
        register_nav(NavEntry("audit", _("Change log"), "core:audit", 110, permissions.can_manage))
        register_nav(NavEntry("api", _("API"), "api:docs", 120, permissions.can_view))
