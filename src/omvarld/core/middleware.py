"""Swedish first (the interface is Swedish unless the user chose English with the switch), and
no NUL characters in what a request sends."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _


class SwedishFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but a browser's Accept-Language does not pick the language.

    Municipal staff often run browsers set to English; the municipality's working language is
    still Swedish. Only the language switch (its cookie) changes it.
    """

    def process_request(self, request: HttpRequest) -> None:
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


def _query_has_null(query: QueryDict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in query.lists()
    )


def _has_null(values: Iterable[object]) -> bool:
    """True when a string in the parsed JSON, a key or a value at any depth, holds a NUL."""
    for value in values:
        if isinstance(value, str) and "\x00" in value:
            return True
        if isinstance(value, dict) and (_has_null(value.keys()) or _has_null(value.values())):
            return True
        if isinstance(value, list) and _has_null(value):
            return True
    return False


class NullCharacterMiddleware:
    """Refuse a request whose query string or form or JSON body holds a NUL character.

    No field of the platform accepts one (Django's and DRF's text fields refuse it), but a NUL in
    a value that is only looked up, such as a body's short name, reached PostgreSQL, which cannot
    store or compare it, and gave a server error (found by the API's property test). One check
    here covers every page, form and API operation: a 400 that says why, in Swedish. File uploads
    (multipart bodies) are left to their own checks, since files legitimately hold NUL bytes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._holds_null(request):
            message = _(
                "The request holds a null character (NUL), which no field accepts. "
                "Remove it and try again."
            )
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return render(request, "400.html", {"reason": message}, status=400)
        return self.get_response(request)

    @staticmethod
    def _holds_null(request: HttpRequest) -> bool:
        if _query_has_null(request.GET):
            return True
        content_type = request.content_type or ""
        if request.method in ("GET", "HEAD", "OPTIONS") or content_type.startswith("multipart/"):
            return False
        try:
            body = request.body
        except RequestDataTooBig:
            return False  # refused further in, with its own message
        if content_type == "application/x-www-form-urlencoded":
            # Parsed as Django parses it for the view (also for PUT and PATCH, which have no POST).
            return _query_has_null(QueryDict(body, encoding=request.encoding))
        if content_type == "application/json" and b"\\u0000" in body:
            try:
                return _has_null([json.loads(body)])
            except (ValueError, RecursionError):
                return False  # not JSON: the parser says so
        return False
