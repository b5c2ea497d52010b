"""Import pages: upload agendas or minutes, follow the import, read its summary."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from omvarld.accounts.models import User
from omvarld.core.http import HtmxHttpRequest
from omvarld.organisation.models import Body

from . import selectors
from .batches import checks, create, recovery
from .constants import MAX_UPLOAD_BYTES, ImportStatus
from .models import ImportBatch
from .services import ImportRefusedError


class _MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    widget = _MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        given = data if isinstance(data, list | tuple) else [data]
        files = [f for f in given if f]
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(_MultipleFileField, self).clean(f, initial) for f in files]


class ImportForm(forms.Form):
    documents = _MultipleFileField(label=_("Files"))
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    meeting_date = forms.DateField(
        label=_("Meeting date"),
        required=False,
        help_text=_("Used only for documents that do not give their date."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].help_text = gettext(
            "Agendas, notices or minutes as PDF, Word (.docx), HTML or text, or a ZIP archive "
            "of them. At most %(limit)d MB per file."
        ) % {"limit": MAX_UPLOAD_BYTES // 2**20}
        bodies = checks.importable_bodies(user)
        field = self.fields["body"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = bodies
        own = bodies.filter(members=user).first()
        if own is not None:
            field.initial = own.pk

    def clean_documents(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["documents"]
        try:
            checks.upload_count_check(len(files))
        except ImportRefusedError as exc:
            raise forms.ValidationError(exc.reason) from None
        errors = []
        for file in files:
            try:
                checks.upload_check(file)
            except ImportRefusedError as exc:
                errors.append(forms.ValidationError(f"{file.name}: {exc.reason}"))
        if errors:
            raise forms.ValidationError(errors)
        return files


def _importer(request: HttpRequest) -> User:
    if not checks.can_import(request.user):
        raise PermissionDenied
    assert isinstance(request.user, User)
    return request.user


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    """The upload form, and the earlier imports below it."""
    user = _importer(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        batch = create.batch_create(
            files=form.cleaned_data["documents"],
            body=form.cleaned_data["body"],
            user=user,
            meeting_date=form.cleaned_data["meeting_date"],
        )
        return redirect("meetings:import_detail", pk=batch.pk)
    page = Paginator(selectors.batch_list(), 20).get_page(request.GET.get("page"))
    return render(request, "meetings/import_start.html", {"form": form, "page": page})


@login_required
def import_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """How far an import has come; its summary when it is done. Polled by HTMX while it runs."""
    _importer(request)
    try:
        batch = selectors.batch_list().get(pk=pk)
    except ImportBatch.DoesNotExist:
        raise Http404 from None
    # A batch that nothing will finish (its worker or command stopped) is no longer polled; the
    # workers' recovery marks it failed with the same reason.
    stale = recovery.batch_stale_reason(batch)
    running = batch.status in (ImportStatus.QUEUED, ImportStatus.RUNNING) and stale is None
    context = {
        "batch": batch,
        "running": running,
        "stale": stale,
        "summary": batch.summary if batch.status == ImportStatus.DONE else None,
        "meetings": [] if running else list(selectors.batch_meetings(batch)),
    }
    template = "meetings/_import_progress.html" if request.htmx else "meetings/import_detail.html"
    return render(request, template, context)
