from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "omvarld.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import NavEntry, register_nav, register_reference_data

        from . import signals
        from .services import knowledge_load_reference

        signals.connect()

        register_nav(
            NavEntry(
                "knowledge", _("Knowledge base"), "knowledge:act_list", 95, permissions.can_view
            )
        )
        # First: the organisation file names policy areas.
        register_reference_data("knowledge", 10, knowledge_load_reference)
        from . import contributions

        contributions.register()
