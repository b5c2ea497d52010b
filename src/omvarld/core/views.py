from __future__ import annotations

import logging
import sys
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from omvarld.organisation.selectors import municipality_current

from . import permissions, selectors
from .http import HtmxHttpRequest
from .tasks import load_reference_data
from .workspace import workspace_for

logger = logging.getLogger(__name__)

#: Seconds a client is asked to wait before it tries again when the database does not answer.
RETRY_AFTER = 30


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages without the layout (the admin site, the browsable
    API): the platform's icon. The address is looked up per request, as collectstatic names it."""
    return HttpResponsePermanentRedirect(static("omvarld/favicon.svg"))


def server_error(request: HttpRequest) -> HttpResponse:
    """The error page.

    A database that does not answer (stopped, unreachable, locked past the busy timeout) is not a
    fault of the page: the answer is 503 with Retry-After, in Swedish, as JSON for the API,
    rendered without the request's context, which would need the database. Any other error gets
    the 500 page in the platform's layout, with the menu; when even that cannot be drawn, a plain
    page that needs nothing.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": _("The database cannot be reached just now; try again in a moment.")},
                status=503,
            )
        else:
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the error page itself must never fail
        logger.exception("the 500 page could not be drawn; the plain one is shown")
        return HttpResponseServerError(
            loader.get_template("500_plain.html").render(), content_type="text/html"
        )


def home(request: HttpRequest) -> HttpResponse:
    """The start page. Signed in: the workspace of the person's committee or office (or the
    whole municipality), composed of what the installed apps register. Otherwise: what the
    platform does and the first steps."""
    context: dict[str, Any] = {"municipality": municipality_current()}
    if permissions.can_view(request.user):
        space = workspace_for(request.user, request.GET)
        if space.problem:
            messages.error(request, space.problem)
        context.update(space=space, is_coordinator=permissions.is_coordinator(request.user))
    return render(request, "core/home.html", context)


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Machine-readable health: 200 when the database answers and a worker is alive, else 503."""
    state = selectors.health_check()
    return JsonResponse(
        {
            "status": "ok" if state.ok else "fail",
            "database": "ok" if state.database else "fail",
            "worker": "ok" if state.worker else "fail",
            "worker_last_seen": state.worker_last_seen.isoformat()
            if state.worker_last_seen
            else None,
            "detail": state.detail,
        },
        status=200 if state.ok else 503,
    )


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage(request.user):
        raise PermissionDenied


@login_required
def task_list(request: HtmxHttpRequest) -> HttpResponse:
    """Queued, running, failed and finished background tasks, for coordinators."""
    _require_manager(request)
    status = request.GET.get("status") or None
    if status not in TaskResultStatus.values:
        status = None
    page = Paginator(selectors.task_result_list(status=status), 50).get_page(
        request.GET.get("page")
    )
    pending = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).exists()
    rows = [
        {
            "task": result,
            "name": selectors.task_name(result.task_path),
            "status": selectors.TASK_STATUSES.get(result.status, result.status),
        }
        for result in page.object_list
    ]
    context = {
        "page": page,
        "rows": rows,
        "status": status,
        "statuses": list(selectors.TASK_STATUSES.items()),
        "pending": pending,
        "health": selectors.health_check(),
    }
    template = "core/_task_table.html" if request.htmx else "core/task_list.html"
    return render(request, template, context)


@login_required
@require_POST
def task_enqueue_reference_load(request: HttpRequest) -> HttpResponse:
    """Queue a reload of the organisation and knowledge files."""
    _require_manager(request)
    load_reference_data.enqueue()
    messages.success(request, _("The reload of the organisation and knowledge files is queued."))
    return redirect("core:task_list")


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    """Who changed what and when, across every record users edit."""
    _require_manager(request)
    return render(request, "core/audit.html", {"entries": selectors.audit_entries(limit=200)})
