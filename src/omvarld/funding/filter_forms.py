"""The filter forms of the EU-funding lists: only valid fields filter, a bad parameter is
dropped (the page says so in Swedish), never a 500."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body

from .constants import CallStatus, MatchStatus, ProjectStatus
from .models import Programme
from .portfolio import PortfolioFilters
from .selectors import CallFilters, ProjectFilters


class FilterForm(forms.Form):
    """A filter form that keeps only its valid fields: a bad parameter is dropped, not a 500."""

    def valid_data(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    @property
    def dropped(self) -> bool:
        """Whether a parameter was ignored (the page says so)."""
        return self.is_bound and bool(self.errors)


def _programme_choices() -> list[tuple[str, Any]]:
    return [("", _("All programmes"))] + [
        (p.code, p.name_sv) for p in Programme.objects.order_by("name_sv")
    ]


def _area_choices() -> list[tuple[str, Any]]:
    return [("", _("All areas"))] + [
        (a.code, a.label_sv) for a in PolicyArea.objects.order_by("label_sv")
    ]


class CallFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open and forthcoming")), ("all", _("All")), *CallStatus.choices],
    )
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), required=False, empty_label=_("All bodies")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = _programme_choices()  # type: ignore[attr-defined]
        self.fields["area"].choices = _area_choices()  # type: ignore[attr-defined]
        self.fields["body"].queryset = Body.objects.active_on().order_by("name")  # type: ignore[attr-defined]

    def filters(self) -> CallFilters:
        data = self.valid_data()
        body = data.get("body")
        status = data.get("status") or ""
        return CallFilters(
            query=(data.get("q") or "").strip(),
            programme=data.get("programme") or "",
            area=data.get("area") or "",
            status="" if status == "all" else status,
            body_id=body.pk if body else None,
        )

    def current_only(self) -> bool:
        """With no status chosen, only calls open or forthcoming are listed."""
        return not self.valid_data().get("status")


class InboxFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All but not relevant")), *MatchStatus.choices],
    )
    closed = forms.BooleanField(label=_("Also calls that have closed"), required=False)


class ProjectFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *ProjectStatus.choices]
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), required=False, empty_label=_("All bodies")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = _programme_choices()  # type: ignore[attr-defined]
        self.fields["body"].queryset = Body.objects.order_by("name")  # type: ignore[attr-defined]

    def filters(self) -> ProjectFilters:
        data = self.valid_data()
        body = data.get("body")
        return ProjectFilters(
            query=(data.get("q") or "").strip(),
            status=data.get("status") or "",
            programme=data.get("programme") or "",
            body_id=body.pk if body else None,
        )


class PortfolioFilterForm(FilterForm):
    year_from = forms.TypedChoiceField(label=_("From year"), coerce=int, required=False)
    year_to = forms.TypedChoiceField(label=_("To year"), coerce=int, required=False)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("name_sv"),
        required=False,
        empty_label=_("All programmes"),
    )
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), required=False, empty_label=_("All bodies")
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Any year"))] + [(str(y), str(y)) for y in years]
        self.fields["year_from"].choices = choices  # type: ignore[attr-defined]
        self.fields["year_to"].choices = choices  # type: ignore[attr-defined]
        self.fields["body"].queryset = Body.objects.order_by("name")  # type: ignore[attr-defined]

    def filters(self) -> PortfolioFilters:
        data = self.valid_data()
        programme, body = data.get("programme"), data.get("body")
        return PortfolioFilters(
            year_from=data.get("year_from") or None,
            year_to=data.get("year_to") or None,
            programme_id=programme.pk if programme else None,
            body_id=body.pk if body else None,
        )
