from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "omvarld.plans"
    label = "plans"
    verbose_name = _("Plans and follow-up")

    def ready(self) -> None:
        from . import contributions

        contributions.register()
