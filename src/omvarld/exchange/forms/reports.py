"""Forms of trip reports, lessons, ideas, documents, contacts and follow-up actions, and the
filters of the action list and the knowledge bank."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omvarld.accounts.models import User
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office

from ..constants import (
    ActionStatus,
    LegalBasis,
)
from ..selectors import links
from ..selectors.knowledge import KnowledgeFilters
from .common import (
    DATE,
    FIRST_YEAR,
    LAST_YEAR,
    FilterForm,
    _area_choices,
    _country_choices,
    _partner_field,
    _user_label,
    _users,
)


class ReportForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why we went."),
    )
    summary = forms.CharField(
        label=_("What we learned"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The most important in a few sentences."),
    )
    contacts = forms.CharField(
        label=_("Contacts made"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Organisations and roles met, to follow up. Only what the work needs."),
    )


class LessonForm(forms.Form):
    text = forms.CharField(label=_("Lesson"), widget=forms.Textarea(attrs={"rows": 2}))
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=PolicyArea.objects.order_by("label_sv"),
        required=False,
        empty_label=_("No area"),
        to_field_name="code",
    )


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Idea"), max_length=200)
    text = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=PolicyArea.objects.order_by("label_sv"),
        required=False,
        empty_label=_("No area"),
        to_field_name="code",
    )


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document or picture"), help_text=_("PDF, Word, ODT or an image, at most 20 MB.")
    )
    caption = forms.CharField(
        label=_("Caption"),
        max_length=200,
        required=False,
        help_text=_("What the picture or document shows."),
    )


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Follow-up action"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), required=False, empty_label=_("No body")
    )
    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Office.objects.none(),
        required=False,
        empty_label=_("No office"),
    )
    due_on = forms.DateField(label=_("Due"), widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What came of it; needed when done or dropped."),
    )
    agenda_item = forms.CharField(
        label=_("Agenda item"),
        required=False,
        help_text=_("The number or the address of the agenda item's page in the EU analysis."),
    )
    eu_initiative = forms.CharField(
        label=_("EU initiative"),
        required=False,
        help_text=_("The number or the address of the initiative's page in the EU monitoring."),
    )
    partner = forms.TypedChoiceField(
        label=_("Partner"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("No partner"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = _users()  # type: ignore[attr-defined]
        owner.label_from_instance = _user_label  # type: ignore[attr-defined]
        self.fields["body"].queryset = Body.objects.active_on().order_by("name")  # type: ignore[attr-defined]
        self.fields["office"].queryset = Office.objects.active_on().order_by("name")  # type: ignore[attr-defined]
        if not links.agenda_items_available():
            del self.fields["agenda_item"]
        if not links.initiatives_available():
            del self.fields["eu_initiative"]
        _partner_field(self, "partner")

    def _reference(self, name: str) -> int | None:
        text = self.cleaned_data.get(name) or ""
        if not text.strip():
            return None
        found = links.reference_id(text)
        if found is None:
            raise forms.ValidationError(_("Give a number or the address of the page."))
        return found

    def clean_agenda_item(self) -> int | None:
        return self._reference("agenda_item")

    def clean_eu_initiative(self) -> int | None:
        return self._reference("eu_initiative")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("body") and not data.get("office") and "body" not in self.errors:
            self.add_error("body", _("Choose a body or an office."))
        return data

    def changes(self) -> dict[str, Any]:
        """The cleaned data as the services name the fields."""
        data = dict(self.cleaned_data)
        data["agenda_item_id"] = data.pop("agenda_item", None)
        data["eu_initiative_id"] = data.pop("eu_initiative", None)
        data["partner_id"] = data.pop("partner", None)
        return data


#: Service field names mapped back to this form's, to put the services' errors on the fields.
ACTION_ERROR_FIELDS = {
    "agenda_item_id": "agenda_item",
    "eu_initiative_id": "eu_initiative",
    "partner_id": "partner",
}


class ContactForm(forms.Form):
    """A contact made on the trip, for the relations register (offered only with the register)."""

    partner_id = forms.TypedChoiceField(label=_("Partner"), coerce=int, choices=[])
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role or title"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    retention_until = forms.DateField(
        label=_("Keep the details until"),
        widget=DATE,
        help_text=_("According to the document management plan; erased automatically after."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner_id"].choices = links.partner_choices()  # type: ignore[attr-defined]


class ActionFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Not done or dropped")), ("all", _("All")), *ActionStatus.choices],
    )
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), required=False, empty_label=_("All bodies")
    )
    overdue = forms.BooleanField(label=_("Only past due"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.active_on().order_by("name")  # type: ignore[attr-defined]


class KnowledgeFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Words in reports, lessons and ideas; the beginning of a word is enough."),
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), required=False, empty_label=_("All bodies")
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _area_choices(str(_("All areas")))  # type: ignore[attr-defined]
        self.fields["country"].choices = _country_choices(str(_("All countries")))  # type: ignore[attr-defined]
        self.fields["body"].queryset = Body.objects.active_on().order_by("name")  # type: ignore[attr-defined]

    def filters(self) -> KnowledgeFilters:
        data = self.valid()
        body = data.get("body")
        return KnowledgeFilters(
            query=(data.get("q") or "").strip(),
            area=data.get("area") or "",
            country=data.get("country") or "",
            body_id=body.pk if body else None,
            year=data.get("year"),
        )
