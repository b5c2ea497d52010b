from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "omvarld.funding"
    label = "funding"
    verbose_name = _("EU funding")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import (
            NavEntry,
            register_deadlines,
            register_nav,
            register_reference_data,
        )

        from . import contributions
        from .deadlines import funding_deadlines
        from .services import programmes_load_reference

        register_nav(
            NavEntry("funding", _("EU funding"), "funding:overview", 60, permissions.can_view)
        )
        register_deadlines("funding", _("EU funding"), funding_deadlines)
        contributions.register()
        # After the knowledge base (10): the programmes name its policy areas.
        register_reference_data("funding_programmes", 50, programmes_load_reference)
