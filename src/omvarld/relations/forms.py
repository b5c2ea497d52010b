"""The register's forms. They carry the models' labels, help texts and validators
(``fields_for_model``); the services validate the whole record and the views put its errors back
on the fields, so nothing typed is lost."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omvarld.accounts.models import User
from omvarld.organisation.models import Body, Office

from .constants import ErasureReason
from .countries import country_choices
from .models import Activity, Agreement, Contact, Membership, Partner
from .services import (
    ACTIVITY_FIELDS,
    AGREEMENT_FIELDS,
    CONTACT_FIELDS,
    MEMBERSHIP_FIELDS,
    PARTNER_FIELDS,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _widgets(
    model: type[models.Model], names: tuple[str, ...]
) -> dict[str, type[forms.Widget] | forms.Widget]:
    widgets: dict[str, type[forms.Widget] | forms.Widget] = {}
    for name in names:
        field = model._meta.get_field(name)
        if isinstance(field, models.DateField):
            widgets[name] = DateInput()
        elif isinstance(field, models.TextField):
            widgets[name] = forms.Textarea(attrs={"rows": 3})
    return widgets


def _formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    # Addresses typed without a scheme are read as https, as Django 6 will.
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class RecordForm(forms.Form):
    """A form whose fields are the model's, for the names the service accepts."""

    model: type[models.Model]
    names: tuple[str, ...]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        generated = fields_for_model(
            self.model,
            fields=self.names,
            widgets=_widgets(self.model, self.names),
            # Django passes the widget and more as keywords; its stubs say it does not.
            formfield_callback=cast(Any, _formfield),
        )
        self.fields = {**generated, **self.fields}
        for name in self.names:
            self.fields[name] = self.fields.pop(name)

    def put_errors(self, error: ValidationError) -> None:
        """The service's errors on the fields they concern, the rest on the whole form."""
        if hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                self.add_error(field if field in self.fields else None, problems)
        else:
            self.add_error(None, error.messages)

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.names if name in self.cleaned_data}


def _active_bodies() -> Any:
    return Body.objects.active_on().order_by("name")


class PartnerForm(RecordForm):
    model = Partner
    names = (*PARTNER_FIELDS, "bodies", "offices", "areas")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(
            label=_("Country"),
            required=False,
            choices=[("", _("No single country")), *country_choices()],
            help_text=Partner._meta.get_field("country").help_text,
        )
        self.fields["bodies"].queryset = _active_bodies()  # type: ignore[attr-defined]
        self.fields["offices"].queryset = Office.objects.active_on().order_by("name")  # type: ignore[attr-defined]
        self.fields["latitude"].help_text = _("Decimal degrees, e.g. 61.49911 (north positive).")
        self.fields["longitude"].help_text = _("Decimal degrees, e.g. 23.78712 (east positive).")
        self.order_fields(self.names)

    @classmethod
    def initial_for(cls, partner: Partner) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(partner, name) for name in PARTNER_FIELDS}
        initial["bodies"] = list(partner.bodies.all())
        initial["offices"] = list(partner.offices.all())
        initial["areas"] = list(partner.areas.all())
        return initial


class MembershipForm(RecordForm):
    model = Membership
    names = MEMBERSHIP_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _active_bodies()  # type: ignore[attr-defined]


class AgreementForm(RecordForm):
    model = Agreement
    names = (*AGREEMENT_FIELDS, "other_partners")

    def __init__(self, *args: Any, partner: Partner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _active_bodies()  # type: ignore[attr-defined]
        self.fields["other_partners"].queryset = Partner.objects.exclude(  # type: ignore[attr-defined]
            pk=partner.pk
        ).order_by("name_key")


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("For example: signed original, annex 1, English translation."),
    )
    upload = forms.FileField(
        label=_("Document"), help_text=_("PDF, DOCX, ODT or an image, at most 20 MB.")
    )


class ActivityForm(RecordForm):
    model = Activity
    names = (*ACTIVITY_FIELDS, "partners", "bodies", "offices", "participants")

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = bodies if bodies is not None else _active_bodies()  # type: ignore[attr-defined]
        self.fields["offices"].queryset = Office.objects.active_on().order_by("name")  # type: ignore[attr-defined]
        self.fields["partners"].queryset = Partner.objects.order_by("name_key")  # type: ignore[attr-defined]
        participants = self.fields["participants"]
        participants.queryset = User.objects.filter(is_active=True).order_by(  # type: ignore[attr-defined]
            "first_name", "last_name", "username"
        )
        participants.label_from_instance = lambda user: user.display_name  # type: ignore[attr-defined]
        self.fields["follow_up_done"].widget = forms.CheckboxInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "bodies" in data and not data["bodies"] and not data.get("offices"):
            self.add_error(
                "bodies", _("Choose at least one body or office the activity belongs to.")
            )
        return data


class ContactForm(RecordForm):
    model = Contact
    names = CONTACT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("retention_until"):
            self.initial["retention_until"] = retention_default()


def retention_default(today: datetime.date | None = None) -> datetime.date:
    """Two years ahead: the default date to keep a new contact's details until."""
    day = today or timezone.localdate()
    try:
        return day.replace(year=day.year + 2)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 2, day=28)


class ErasureForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ErasureReason.choices)
    confirm = forms.BooleanField(
        label=_("I understand that the person's details cannot be restored."), required=True
    )
