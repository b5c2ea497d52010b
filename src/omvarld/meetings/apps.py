from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "omvarld.meetings"
    label = "meetings"
    verbose_name = _("Meetings and EU impact")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import (
            NavEntry,
            register_nav,
            register_recovery,
            register_task_label,
        )
        from omvarld.core.search import register_text_index

        from .batches.recovery import batches_recover
        from .search import ITEMS
        from .tasks import import_batch, reanalyse_items

        register_nav(
            NavEntry(
                "meetings", _("EU analysis"), "meetings:meeting_list", 20, permissions.can_view
            )
        )
        register_text_index(ITEMS)
        # Batches whose worker or command stopped are resumed or failed by every task worker.
        register_recovery("meetings.batches", batches_recover)
        register_task_label(import_batch, _("Import of agendas and minutes"))
        register_task_label(reanalyse_items, _("New analysis of the agenda items"))
        from . import contributions

        contributions.register()
