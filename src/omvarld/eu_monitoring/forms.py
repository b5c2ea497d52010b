from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omvarld.accounts.models import User
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body

from .constants import Channel, InboxStatus, Relevance, Stage, Stance
from .models import FeedbackWindow, Initiative
from .selectors import InitiativeFilters


class InitiativeFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Title or reference, e.g. 2021/0211(COD) or COM(2021) 551."),
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices]
    )
    body = forms.ModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.active_on().order_by("name"),
        required=False,
        empty_label=_("All bodies"),
    )
    open_window = forms.BooleanField(label=_("Open for feedback now"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas"))] + [  # type: ignore[attr-defined]
            (a.code, a.label_sv) for a in PolicyArea.objects.order_by("label_sv")
        ]

    def filters(self) -> InitiativeFilters:
        """The validated filters; invalid fields are ignored rather than failing the page."""
        data = self.cleaned_data if self.is_valid() else {}
        body = data.get("body")
        return InitiativeFilters(
            query=(data.get("q") or "").strip(),
            area=data.get("area") or "",
            stage=data.get("stage") or "",
            body_id=body.pk if body else None,
            open_window=bool(data.get("open_window")),
        )


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *InboxStatus.choices],
    )


class AssessmentForm(forms.Form):
    relevance = forms.ChoiceField(
        label=_("Relevance for the body"), choices=Relevance.choices, widget=forms.RadioSelect
    )
    expected_impact = forms.CharField(
        label=_("Expected impact"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What would change for the municipality, and when."),
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible officer"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody yet"),
    )
    proposed_action = forms.CharField(
        label=_("Proposed action"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: answer the consultation, raise it through SKR, only follow."),
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        field.queryset = body.members.filter(is_active=True).order_by(  # type: ignore[attr-defined]
            "first_name", "last_name", "username"
        )
        field.label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InboxStatus.choices)


class RoutingAddForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = (  # type: ignore[attr-defined]
            Body.objects.active_on()
            .exclude(routings__initiative=initiative, routings__status__in=_OPEN_STATUSES)
            .order_by("name")
        )


_OPEN_STATUSES = [InboxStatus.NEW, InboxStatus.ASSESSED, InboxStatus.ACTING]


class ActionForm(forms.Form):
    body = forms.ModelChoiceField(label=_("On behalf of"), queryset=Body.objects.none())
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    description = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4})
    )
    stance = forms.ChoiceField(
        label=_("Stance"), required=False, choices=[("", _("No stance")), *Stance.choices]
    )
    window = forms.ModelChoiceField(
        label=_("Feedback window answered"),
        queryset=FeedbackWindow.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("The response or letter sent, at most 20 MB."),
    )
    document_url = forms.URLField(
        label=_("Link to the document"), required=False, assume_scheme="https"
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What came of it, if known yet."),
    )

    def __init__(
        self, *args: Any, initiative: Initiative, bodies: Any, coordinator: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.queryset = bodies  # type: ignore[attr-defined]
        if coordinator:
            body.required = False
            body.empty_label = _("The whole municipality")  # type: ignore[attr-defined]
        self.fields["window"].queryset = FeedbackWindow.objects.filter(  # type: ignore[attr-defined]
            initiative=initiative
        ).order_by("closes")
