from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EUMonitoringConfig(AppConfig):
    name = "omvarld.eu_monitoring"
    label = "eu_monitoring"
    verbose_name = _("EU monitoring")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import (
            NavEntry,
            register_deadlines,
            register_nav,
            register_task_label,
        )

        from .selectors.deadlines import eu_deadlines
        from .tasks import eu_sync_daily, send_weekly_digests

        register_nav(
            NavEntry(
                "eu_monitoring",
                _("EU monitoring"),
                "eu_monitoring:initiative_list",
                30,
                permissions.can_view,
            )
        )
        register_deadlines("eu_monitoring", _("EU monitoring"), eu_deadlines)
        register_task_label(eu_sync_daily, _("Daily sync with the EU sources"))
        register_task_label(send_weekly_digests, _("Weekly summary by e-mail"))
        from . import contributions

        contributions.register()
