"""``manage.py ensure_admin``: on the first run, create an administrator with a one-time link."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from omvarld.accounts.constants import Role
from omvarld.accounts.models import User
from omvarld.accounts.services import administrator_ensure, password_set_link


class Command(BaseCommand):
    help = "Create the first administrator if there is none and print a one-time login link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--base-url", default=None)
        parser.add_argument(
            "--new-link",
            action="store_true",
            help="Print a fresh one-time link for an administrator who has not set a password yet.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        created = administrator_ensure(username=options["username"], base_url=options["base_url"])
        if created is not None:
            self._print(created.user.username, created.login_url)
            return
        if options["new_link"]:
            for user in User.objects.filter(role=Role.ADMINISTRATOR, is_active=True):
                if not user.has_usable_password():
                    self._print(
                        user.username, password_set_link(user=user, base_url=options["base_url"])
                    )

    def _print(self, username: str, url: str) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                "\nAn administrator account was created: user name "
                f"'{username}'.\nChoose its password with this one-time link "
                f"(valid until used):\n\n    {url}\n"
            )
        )
