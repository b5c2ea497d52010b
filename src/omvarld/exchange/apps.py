from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "omvarld.exchange"
    label = "exchange"
    verbose_name = _("Exchange")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import (
            NavEntry,
            register_deadlines,
            register_nav,
            register_reference_data,
        )
        from omvarld.core.search import register_text_index

        from .search import INDEXES
        from .selectors.reminders import exchange_deadlines
        from .services.goals import goals_load_reference

        register_nav(
            NavEntry("exchange", _("Exchange"), "exchange:calendar", 50, permissions.can_view)
        )
        register_deadlines(
            "exchange", _("Exchange: trip reports and follow-up"), exchange_deadlines
        )
        register_reference_data("exchange_goals", 50, goals_load_reference)
        for index in INDEXES:
            register_text_index(index)
