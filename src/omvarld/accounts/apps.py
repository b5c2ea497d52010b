from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "omvarld.accounts"
    label = "accounts"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        from omvarld.core import permissions
        from omvarld.core.contributions import NavEntry, register_nav

        register_nav(
            NavEntry("users", _("Users"), "accounts:user_list", 105, permissions.can_invite_users)
        )
