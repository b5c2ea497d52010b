"""Forms of the EU-funding pages: the data entry of calls, projects and their follow-up (the list
filters are in ``filter_forms``)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office

from . import relations, selectors
from .constants import TRANSITIONS, DocumentType, MatchStatus, ProjectStatus
from .models import (
    Call,
    PaymentClaim,
    Project,
    ProjectPartner,
    ProjectResult,
    ReportingPeriod,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


class AmountField(forms.DecimalField):
    """An amount as it is written in Swedish: "500 000,50" (spaces between thousands, a decimal
    comma), in a text input read in the reader's locale."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["localize"] = True
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = _SPACES.sub("", value)
        return super().to_python(value)


#: The largest file of calls a coordinator may import through the page.
MAX_IMPORT_BYTES = 10 * 2**20


class MatchStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MatchStatus.choices)


class MatchAddForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Add a body by hand"), queryset=Body.objects.none())

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = (  # type: ignore[attr-defined]
            Body.objects.active_on().exclude(funding_matches__call=call).order_by("name")
        )


class CallForm(forms.ModelForm[Call]):
    url = forms.URLField(label=_("Address"), required=False, max_length=500, assume_scheme="https")
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=PolicyArea.objects.order_by("label_sv"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The areas the call concerns: the strongest signal for which bodies it reaches."
        ),
    )

    class Meta:
        model = Call
        fields = [
            "title",
            "title_sv",
            "identifier",
            "programme",
            "opens",
            "deadline",
            "budget",
            "budget_currency",
            "url",
            "description",
        ]
        widgets = {"opens": DATE, "deadline": DATE}
        # Swedish decimal commas: text inputs that Django reads in the reader's locale.
        field_classes = dict.fromkeys(["budget"], AmountField)


class CallImportForm(forms.Form):
    file = forms.FileField(
        label=_("File of calls"),
        help_text=_(
            "A saved answer of the Funding & Tenders portal's search (JSON), or a table of calls "
            "(CSV) with the columns titel, program, id, öppnar, sista dag, budget, valuta, "
            "områden, länk and beskrivning."
        ),
    )

    #: The name of the file read, for the fetch's provenance.
    file_name = ""

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        self.file_name = upload.name or ""
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 10 MB)."))
        try:
            text: str = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        if not text.strip():
            raise forms.ValidationError(_("The file is empty."))
        return text


class ProjectForm(forms.ModelForm[Project]):
    bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    offices = forms.ModelMultipleChoiceField(
        label=_("Offices"),
        queryset=Office.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "acronym",
            "description",
            "programme",
            "call",
            "municipality_leads",
            "lead_partner",
            "responsible",
            "starts",
            "ends",
            "final_report_due",
            "currency",
            "exchange_rate",
            "total_budget",
            "eu_grant_applied",
            "eu_grant_awarded",
            "own_cofinancing",
            "own_hours",
        ]
        widgets = {"starts": DATE, "ends": DATE, "final_report_due": DATE}
        field_classes = dict.fromkeys(
            [
                "exchange_rate",
                "total_budget",
                "eu_grant_applied",
                "eu_grant_awarded",
                "own_cofinancing",
                "own_hours",
            ],
            AmountField,
        )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = selectors.project_bodies(user=user)
        offices = selectors.project_offices(user=user)
        if self.instance.pk:
            # Bodies the user may not choose stay on the project, shown as they are.
            bodies = bodies | self.instance.bodies.all()
            offices = offices | self.instance.offices.all()
            self.fields["bodies"].initial = list(self.instance.bodies.all())
            self.fields["offices"].initial = list(self.instance.offices.all())
        self.fields["bodies"].queryset = bodies.distinct()  # type: ignore[attr-defined]
        self.fields["offices"].queryset = offices.distinct()  # type: ignore[attr-defined]
        self.fields["call"].queryset = Call.objects.order_by("-deadline")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("bodies") and not data.get("offices"):
            self.add_error("bodies", _("Choose at least one body or office."))
        return data


class ProjectStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=DATE,
        help_text=_("The day the application went in or the decision came (today if empty)."),
    )
    eu_grant_awarded = AmountField(
        label=_("EU grant awarded"),
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=2,
        help_text=_("Needed when the project is granted."),
    )
    exchange_rate = AmountField(
        label=_("Exchange rate (SEK per EUR)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=4,
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[ProjectStatus(project.status)]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (s.value, s.label) for s in ProjectStatus if s in allowed
        ]
        self.fields["eu_grant_awarded"].initial = project.eu_grant_awarded
        self.fields["exchange_rate"].initial = project.exchange_rate


class PartnerForm(forms.ModelForm[ProjectPartner]):
    class Meta:
        model = ProjectPartner
        fields = ["relations_partner_id", "name", "country", "role", "budget_share"]
        field_classes = dict.fromkeys(["budget_share"], AmountField)

    def __init__(
        self, *args: Any, partners: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if partners:
            # A partner of the relations register: its name and country come from there.
            self.fields["relations_partner_id"] = forms.TypedChoiceField(
                label=_("Partner in the relations register"),
                coerce=int,
                required=False,
                empty_value=None,
                choices=[("", _("Not in the register")), *partners],
                help_text=_("A partner of the register keeps its name and country from there."),
            )
            self.fields["name"].required = False
        else:
            del self.fields["relations_partner_id"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("relations_partner_id")
        if chosen:
            summary = relations.partner_summaries([chosen]).get(chosen)
            if summary is not None:
                # Validated against the model with the register's name; the service sets it too.
                data["name"] = self.instance.name = summary.display_name
        elif not data.get("name"):
            self.add_error("name", _("Name the partner, or choose it from the register."))
        return data


class PeriodForm(forms.ModelForm[ReportingPeriod]):
    class Meta:
        model = ReportingPeriod
        fields = ["starts", "ends", "report_due", "submitted_on", "note"]
        widgets = {"starts": DATE, "ends": DATE, "report_due": DATE, "submitted_on": DATE}


class ClaimForm(forms.ModelForm[PaymentClaim]):
    class Meta:
        model = PaymentClaim
        fields = [
            "period",
            "due",
            "currency",
            "amount_claimed",
            "submitted_on",
            "amount_received",
            "received_on",
        ]
        widgets = {"due": DATE, "submitted_on": DATE, "received_on": DATE}
        field_classes = dict.fromkeys(["amount_claimed", "amount_received"], AmountField)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = project.periods.all()  # type: ignore[attr-defined]


class ResultForm(forms.ModelForm[ProjectResult]):
    class Meta:
        model = ProjectResult
        fields = ["date", "description", "quantity", "unit"]
        widgets = {"date": DATE}
        field_classes = dict.fromkeys(["quantity"], AmountField)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind_of_document = forms.ChoiceField(label=_("Kind of document"))
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind_of_document"].choices = DocumentType.choices  # type: ignore[attr-defined]


class ItemLinkForm(forms.Form):
    item = forms.TypedChoiceField(label=_("Agenda item"), coerce=int)
    note = forms.CharField(
        label=_("What was decided"),
        max_length=300,
        required=False,
        help_text=_("For example: the council decided the co-financing."),
    )

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [  # type: ignore[attr-defined]
            (item.pk, f"{item.meeting.date:%Y-%m-%d} {item.meeting.body.name}: {item.title}")
            for item in items
        ]
