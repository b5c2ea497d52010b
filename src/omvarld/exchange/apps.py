from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _search_index(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    from .search import text_indexes_ensure

    text_indexes_ensure(using=using)


class ExchangeConfig(AppConfig):
    name = "omvarld.exchange"
    label = "exchange"
    verbose_name = _("Exchange")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import NavEntry, register_deadlines, register_nav

        from .selectors.reminders import exchange_deadlines

        register_nav(
            NavEntry("exchange", _("Exchange"), "exchange:calendar", 50, permissions.can_view)
        )
        register_deadlines(
            "exchange", _("Exchange: trip reports and follow-up"), exchange_deadlines
        )
        post_migrate.connect(_search_index, sender=self)
