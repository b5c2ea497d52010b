"""Countries by their ISO 3166-1 alpha-2 code, named in the reader's language (django-countries)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries


def country_name(code: str) -> str:
    """The country's name in the active language, or the code itself when it is unknown."""
    if not code:
        return ""
    return str(countries.name(code)) or code


def country_choices() -> list[tuple[str, str]]:
    """Every country as (code, name), sorted by name in the active language."""
    return [(code, str(name)) for code, name in countries]


def validate_country_code(value: str) -> None:
    """A clear Swedish error for a code that is not an ISO 3166-1 alpha-2 country."""
    if value and value not in countries:
        raise ValidationError(
            _("Unknown country code %(code)s: give the two-letter ISO 3166-1 code, e.g. SE."),
            code="unknown_country",
            params={"code": value},
        )
