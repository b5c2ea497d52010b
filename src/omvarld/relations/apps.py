from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelationsConfig(AppConfig):
    name = "omvarld.relations"
    label = "relations"
    verbose_name = _("International relations")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import (
            NavEntry,
            register_deadlines,
            register_nav,
            register_reference_data,
        )

        from .deadlines import relation_deadlines
        from .defaults import relations_load_reference

        register_nav(
            NavEntry(
                "relations",
                _("Relations"),
                "relations:partner_list",
                40,
                permissions.can_view,
            )
        )
        register_deadlines("relations", _("International relations"), relation_deadlines)
        register_reference_data("relations", 30, relations_load_reference)
        from . import contributions

        contributions.register()
