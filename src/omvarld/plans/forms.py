"""Forms of plans, activities and reports. Their fields carry the models' labels and
validators; the services validate the whole record, and the views put its errors back on the
fields, so nothing typed is lost."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omvarld.accounts.models import User
from omvarld.organisation.models import Body, Office, ProgrammeGoal
from omvarld.organisation.selectors import programme_goal_list

from .constants import FIRST_YEAR, LAST_YEAR, ActivityStatus
from .models import PlanActivity


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ErrorsMixin:
    def put_errors(self, error: ValidationError) -> None:
        """The service's errors on the fields they concern, the rest on the whole form."""
        form: forms.Form = self  # type: ignore[assignment]
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)


class YearForm(forms.Form):
    """A year in a query string; a bad one is dropped with a message (never a 500)."""

    year = forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)


class PlanCreateForm(ErrorsMixin, forms.Form):
    owner = forms.ChoiceField(label=_("Body or office"))
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    copy_previous = forms.BooleanField(
        label=_("Start from the latest earlier plan"),
        required=False,
        initial=True,
        help_text=_("Its activities are copied with their goals, dates moved to the new year."),
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, bodies: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [("", "–")]
        choices.append((str(_("Bodies")), [(f"body:{b.pk}", b.name) for b in bodies]))
        if offices:
            choices.append((str(_("Offices")), [(f"office:{o.pk}", o.name) for o in offices]))
        self.fields["owner"].choices = choices  # type: ignore[attr-defined]
        self.bodies = {b.pk: b for b in bodies}
        self.offices = {o.pk: o for o in offices}
        self.fields["year"].initial = timezone.localdate().year

    def chosen_owner(self) -> tuple[Body | None, Office | None]:
        kind, _sep, pk = self.cleaned_data["owner"].partition(":")
        if kind == "body":
            return self.bodies[int(pk)], None
        return None, self.offices[int(pk)]


class PlanForm(ErrorsMixin, forms.Form):
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        required=False,
        widget=DateInput(),
        help_text=_("The day the body or office adopted the plan."),
    )


class ActivityForm(ErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals"),
        queryset=ProgrammeGoal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The programme goals the activity serves."),
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible"), queryset=User.objects.none(), required=False
    )
    planned_hours = forms.DecimalField(
        label=_("Planned hours"), min_value=0, max_digits=7, decimal_places=1, required=False
    )
    planned_cost = forms.DecimalField(
        label=_("Planned cost (SEK)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    starts = forms.DateField(label=_("Starts"), required=False, widget=DateInput())
    due = forms.DateField(label=_("Due"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    done_on = forms.DateField(
        label=_("Done on"),
        required=False,
        widget=DateInput(),
        help_text=_("Today when left empty for a done activity."),
    )
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, activity: PlanActivity | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = list(activity.goals.values_list("pk", flat=True)) if activity else []
        self.fields["goals"].queryset = programme_goal_list(  # type: ignore[attr-defined]
            include_inactive=True
        ).filter(Q(active=True) | Q(pk__in=current))
        self.fields["responsible"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role__in=["officer", "coordinator", "administrator"]
        ).order_by("first_name", "last_name", "username")
        self.fields["responsible"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: u.get_full_name() or u.username
        )

    def values(self) -> dict[str, Any]:
        values = {k: v for k, v in self.cleaned_data.items() if k != "goals"}
        if values.get("status") == ActivityStatus.DONE and values.get("done_on") is None:
            values["done_on"] = timezone.localdate()
        if values.get("status") != ActivityStatus.DONE:
            values["done_on"] = None
        return values


class HighlightsForm(forms.Form):
    highlights = forms.CharField(
        label=_("Highlights"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What stood out in the year, in a few lines. Shown in the report."),
    )


class AdoptForm(ErrorsMixin, forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        widget=DateInput(),
        help_text=_("The day of the meeting. The report's numbers are frozen as they are now."),
    )
