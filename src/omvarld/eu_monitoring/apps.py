from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EUMonitoringConfig(AppConfig):
    name = "omvarld.eu_monitoring"
    label = "eu_monitoring"
    verbose_name = _("EU monitoring")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import NavEntry, register_nav

        register_nav(
            NavEntry(
                "eu_monitoring",
                _("EU monitoring"),
                "eu_monitoring:initiative_list",
                30,
                permissions.can_view,
            )
        )
        from . import contributions

        contributions.register()
