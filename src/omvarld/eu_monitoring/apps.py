from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EUMonitoringConfig(AppConfig):
    name = "omvarld.eu_monitoring"
    label = "eu_monitoring"
    verbose_name = _("EU monitoring")
