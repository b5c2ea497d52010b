from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "omvarld.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import (
            NavEntry,
            register_nav,
            register_reference_data,
            register_scopes,
        )

        from .services import organisation_load_reference
        from .services_goals import goal_load_reference

        register_nav(
            NavEntry(
                "organisation",
                _("Organisation"),
                "organisation:body_list",
                90,
                permissions.can_view,
            )
        )
        register_reference_data("organisation", 20, organisation_load_reference)
        register_reference_data("goals", 25, goal_load_reference)
        from .workspace import workspace_scopes

        register_scopes(workspace_scopes)
