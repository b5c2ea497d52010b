from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PopulationConfig(AppConfig):
    name = "omvarld.population"
    label = "population"
    verbose_name = _("Population")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import NavEntry, register_nav, register_reference_data

        from .services import population_load_reference

        register_nav(
            NavEntry(
                "population",
                _("Population"),
                "population:overview",
                70,
                permissions.can_view,
            )
        )
        register_reference_data("countries_of_birth", 40, population_load_reference)
        from . import contributions

        contributions.register()
