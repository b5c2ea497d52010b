"""Forms of the exchange pages. Filters never fail a page: invalid values are dropped with a
message. Write forms check what a field can check; the services check the rest, and their errors
are put back on the fields so that nothing typed is lost."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from omvarld.accounts.models import User
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office, ProgrammeGoal
from omvarld.organisation.selectors import programme_goal_list

from .constants import (
    ActionStatus,
    CostKind,
    EventKind,
    LegalBasis,
    ParticipantRole,
    PresentationKind,
)
from .models import Event, Participation
from .selectors import links
from .selectors.events import EventFilters
from .selectors.knowledge import KnowledgeFilters

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


class EventFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Search"), required=False, help_text=_("Title, organiser or place.")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), required=False, empty_label=_("All bodies")
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.active_on().order_by("name")  # type: ignore[attr-defined]
        self.fields["country"].choices = _country_choices(str(_("All countries")))  # type: ignore[attr-defined]

    def filters(self, *, coming: bool = False) -> EventFilters:
        data = self.valid()
        body = data.get("body")
        return EventFilters(
            query=(data.get("q") or "").strip(),
            kind=data.get("kind") or "",
            body_id=body.pk if body else None,
            country=data.get("country") or "",
            year=data.get("year"),
            coming=coming,
        )


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    organiser = forms.CharField(label=_("Organiser"), max_length=200, required=False)
    place = forms.CharField(
        label=_("Place"), max_length=120, required=False, help_text=_("City or venue.")
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(
        label=_("Last day"), widget=DATE, help_text=_("The day of return for a trip.")
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
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
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=PolicyArea.objects.order_by("label_sv"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Programme goals served"),
        queryset=ProgrammeGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    report_required = forms.BooleanField(
        label=_("A trip report is required after the return"), required=False, initial=True
    )
    partners = forms.TypedMultipleChoiceField(
        label=_("Partners"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "Partners of the relations register the event is with (hold Ctrl to choose more)."
        ),
    )

    def __init__(
        self,
        *args: Any,
        bodies: QuerySet[Body],
        offices: QuerySet[Office],
        event: Event | None = None,
        **kwargs: Any,
    ) -> None:
        if event is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{f: getattr(event, f) for f in self.base_fields if f in _EVENT_PLAIN},
                    "country": event.country.code or "",
                    "bodies": list(event.bodies.all()),
                    "offices": list(event.offices.all()),
                    "areas": list(event.areas.all()),
                    "goals": list(event.goals.all()),
                    "partners": [link.partner_id for link in event.partner_links.all()],
                },
            )
        super().__init__(*args, **kwargs)
        if event is not None:
            # An officer keeps seeing the event's other bodies and offices when editing it.
            bodies = Body.objects.filter(pk__in=bodies) | event.bodies.all()
            offices = Office.objects.filter(pk__in=offices) | event.offices.all()
        self.fields["bodies"].queryset = bodies.distinct().order_by("name")  # type: ignore[attr-defined]
        self.fields["offices"].queryset = offices.distinct().order_by("name")  # type: ignore[attr-defined]
        self.fields["country"].choices = _country_choices(str(_("No country (online)")))  # type: ignore[attr-defined]
        # Only active goals are offered; an event keeps an inactive goal it was tied to.
        goals = programme_goal_list()
        if event is not None:
            goals = goals | programme_goal_list(include_inactive=True).filter(exchange_events=event)
        self.fields["goals"].queryset = goals.distinct().order_by("position", "code")  # type: ignore[attr-defined]
        _partner_field(self, "partners")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot come before the first day."))
        if not data.get("bodies") and not data.get("offices") and "bodies" not in self.errors:
            self.add_error("bodies", _("Choose at least one body or office."))
        return data


_EVENT_PLAIN = frozenset(
    {"title", "kind", "organiser", "place", "starts_on", "ends_on", "url", "description"}
    | {"report_required"}
)


def _partner_field(form: forms.Form, name: str) -> None:
    """Offer the relations register's partners, or leave the field out without the register."""
    if links.partners_available():
        form.fields[name].choices = [  # type: ignore[attr-defined]
            *form.fields[name].choices,  # type: ignore[attr-defined]
            *links.partner_choices(),
        ]
    else:
        del form.fields[name]


class ParticipationForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("User"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("A guest, not a user"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)
    guest_name = forms.CharField(
        label=_("Guest's name"),
        max_length=150,
        required=False,
        help_text=_("Only for someone without an account, e.g. a councillor or a partner."),
    )
    guest_organisation = forms.CharField(
        label=_("Guest's organisation"), max_length=150, required=False
    )
    guest_email = forms.EmailField(label=_("Guest's e-mail"), required=False)
    legal_basis = forms.ChoiceField(
        label=_("Legal basis for the guest's data"),
        required=False,
        choices=[("", _("Choose for a guest")), *LegalBasis.choices],
    )
    retention_until = forms.DateField(
        label=_("Keep the guest's data until"),
        required=False,
        widget=DATE,
        help_text=_("According to the document management plan; erased automatically after."),
    )

    def __init__(self, *args: Any, guest_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = _users()  # type: ignore[attr-defined]
        field.label_from_instance = _user_label  # type: ignore[attr-defined]
        if guest_only:
            del self.fields["user"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        user, name = data.get("user"), (data.get("guest_name") or "").strip()
        if user and name:
            self.add_error("guest_name", _("Choose either a user or a guest, not both."))
        elif not user and not name and "user" in self.fields:
            self.add_error("user", _("Choose a user or give the guest's name."))
        if not user:
            if not data.get("legal_basis"):
                self.add_error("legal_basis", _("A guest's data needs a legal basis."))
            retention = data.get("retention_until")
            if not retention:
                self.add_error("retention_until", _("Say until when the guest's data is kept."))
            elif retention < timezone.localdate():
                self.add_error("retention_until", _("The date has passed."))
        return data


class CostForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Paid by"), queryset=Body.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=CostKind.choices)
    amount = forms.DecimalField(
        label=_("Amount (SEK)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(0),
        error_messages={"min_value": _("A cost cannot be negative.")},
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = list(event.bodies.order_by("name"))
        self.fields["body"].queryset = event.bodies.order_by("name")  # type: ignore[attr-defined]
        if len(bodies) == 1:
            self.fields["body"].initial = bodies[0].pk


class PresentationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PresentationKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    participation = forms.ModelChoiceField(
        label=_("Presented by"),
        queryset=Participation.objects.none(),
        required=False,
        empty_label=_("Nobody named"),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("Slides, poster or a picture of the stand: PDF, Word, ODT or an image."),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participation"]
        field.queryset = event.participations.select_related("user")  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: p.display_name  # type: ignore[attr-defined]


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


class CostFilterForm(FilterForm):
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), required=False, empty_label=_("All bodies")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.order_by("name")  # type: ignore[attr-defined]


class GuestSearchForm(forms.Form):
    q = forms.CharField(
        label=_("The guest's name or e-mail"), help_text=_("Exactly as registered.")
    )
