"""How the API answers errors that DRF does not know: a row that other rows still refer to
cannot be deleted (409, saying what refers to it), instead of a server error."""

from __future__ import annotations

from typing import Any

from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ProtectedError | RestrictedError):
        kinds = sorted({str(row._meta.verbose_name_plural) for row in exc.args[1]})
        return Response(
            {
                "detail": _("It cannot be deleted while other records refer to it: %(kinds)s.")
                % {"kinds": ", ".join(kinds)}
            },
            status=status.HTTP_409_CONFLICT,
        )
    return exception_handler(exc, context)
