"""Forms of events, participants, costs and presentations, and the filters of the event, cost and
guest pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omvarld.accounts.models import User
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office, ProgrammeGoal
from omvarld.organisation.selectors import programme_goal_list

from ..constants import (
    CostKind,
    EventKind,
    LegalBasis,
    ParticipantRole,
    PresentationKind,
)
from ..models import Event, Participation
from ..selectors.events import EventFilters
from .common import (
    DATE,
    FIRST_YEAR,
    LAST_YEAR,
    FilterForm,
    _country_choices,
    _partner_field,
    _user_label,
    _users,
)


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
