"""What the exchange forms share: date inputs, filter forms that never fail a page, the
choices of users, countries, areas and partners."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django_countries import countries

from omvarld.accounts.models import User
from omvarld.knowledge.models import PolicyArea

from ..selectors import links

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _users() -> QuerySet[User]:
    return User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")


def _user_label(user: User) -> str:
    return user.get_full_name() or user.username


def _country_choices(empty: str) -> list[tuple[str, str]]:
    return [("", empty), *((code, str(name)) for code, name in countries)]


def _area_choices(empty: str) -> list[tuple[str, str]]:
    return [("", empty), *PolicyArea.objects.order_by("label_sv").values_list("code", "label_sv")]


class FilterForm(forms.Form):
    """A filter form whose ``data`` is only what validated (see :meth:`valid`)."""

    def valid(self) -> dict[str, Any]:
        """The valid filters; an invalid field is left out (the page says so)."""
        if self.is_valid():
            return dict(self.cleaned_data)
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}


def _partner_field(form: forms.Form, name: str) -> None:
    """Offer the relations register's partners, or leave the field out without the register."""
    if links.partners_available():
        form.fields[name].choices = [  # type: ignore[attr-defined]
            *form.fields[name].choices,  # type: ignore[attr-defined]
            *links.partner_choices(),
        ]
    else:
        del form.fields[name]
