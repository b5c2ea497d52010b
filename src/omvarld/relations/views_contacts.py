"""Contacts: shown only to those allowed, every view logged; export and erasure for coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from omvarld.core import permissions

from . import privacy, services
from .constants import ErasureReason, ViewChannel
from .forms import ContactForm, ErasureForm
from .models import Contact, ContactErasure, ContactView, Partner


def _contact(request: HttpRequest, pk: int) -> Contact:
    """The contact, for those who may see it; others get 404, so the name is not confirmed."""
    contact = (
        Contact.objects.select_related("partner")
        .prefetch_related("partner__bodies", "partner__offices")
        .filter(pk=pk)
        .first()
    )
    if contact is None or not privacy.can_see_contacts(request.user, contact.partner):
        raise Http404
    return contact


@login_required
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner.objects.prefetch_related("bodies", "offices"), pk=pk)
    if not privacy.can_see_contacts(request.user, partner):
        raise PermissionDenied
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(user=request.user, partner=partner, **form.values())
        except ValidationError as error:
            form.put_errors(error)
        else:
            messages.success(request, _("The contact is saved."))
            return redirect(contact)
    context = {"form": form, "partner": partner, "contact": None}
    return render(request, "relations/contact_form.html", context)


@login_required
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    privacy.contact_views_record(
        user=request.user, contacts=[contact], channel=ViewChannel.CONTACT_PAGE
    )
    coordinator = permissions.is_coordinator(request.user)
    context = {
        "contact": contact,
        "partner": contact.partner,
        "is_coordinator": coordinator,
        "views": (
            ContactView.objects.filter(contact_number=contact.pk)[:20] if coordinator else []
        ),
        "overdue": contact.retention_until < timezone.localdate(),
        "erasure_form": ErasureForm() if coordinator else None,
    }
    return render(request, "relations/contact_detail.html", context)


@login_required
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    initial = {name: getattr(contact, name) for name in services.CONTACT_FIELDS}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, user=request.user, changes=form.values())
        except ValidationError as error:
            form.put_errors(error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(contact)
    context = {"form": form, "partner": contact.partner, "contact": contact}
    return render(request, "relations/contact_form.html", context)


@login_required
def contact_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about the person as JSON: the data subject's right of access."""
    if not permissions.is_coordinator(request.user):
        raise PermissionDenied
    contact = _contact(request, pk)
    contacts = privacy.contacts_find(contact_id=contact.pk, email=contact.email)
    data = privacy.person_export(contacts=contacts, user=request.user)
    response = HttpResponse(
        privacy.export_json(data), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="kontakt-{contact.pk}.json"'
    return response


@login_required
def contact_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase the person (every contact with the same e-mail) after a confirmation."""
    if not permissions.is_coordinator(request.user):
        raise PermissionDenied
    contact = _contact(request, pk)
    contacts = privacy.contacts_find(contact_id=contact.pk, email=contact.email)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = contact.partner
        result = privacy.person_erase(
            contacts=contacts, user=request.user, reason=ErasureReason(form.cleaned_data["reason"])
        )
        messages.success(
            request,
            _("The person's details are erased (contact number %(numbers)s).")
            % {"numbers": ", ".join(str(n) for n in result.contact_numbers)},
        )
        return redirect(partner)
    context = {"form": form, "contact": contact, "contacts": contacts, "partner": contact.partner}
    return render(request, "relations/contact_erase.html", context)


@login_required
def privacy_overview(request: HttpRequest) -> HttpResponse:
    """Coordinators: contacts past their retention date, erasures, and the latest views."""
    if not permissions.is_coordinator(request.user):
        raise PermissionDenied
    context = {
        "due": privacy.retention_due(),
        "erasures": ContactErasure.objects.select_related("partner", "erased_by")[:50],
        "views": ContactView.objects.select_related("contact__partner")[:100],
    }
    return render(request, "relations/privacy.html", context)
