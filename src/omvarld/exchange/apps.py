from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "omvarld.exchange"
    label = "exchange"
    verbose_name = _("Exchange")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import NavEntry, register_deadlines, register_nav
        from omvarld.core.search import register_text_index

        from .search import INDEXES
        from .selectors.reminders import exchange_deadlines

        register_nav(
            NavEntry("exchange", _("Exchange"), "exchange:calendar", 50, permissions.can_view)
        )
        register_deadlines(
            "exchange", _("Exchange: trip reports and follow-up"), exchange_deadlines
        )
        for index in INDEXES:
            register_text_index(index)
