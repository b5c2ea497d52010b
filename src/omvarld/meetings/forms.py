from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body

from .constants import EUCode, ItemKind
from .selectors import ItemFilters


class MeetingFilterForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.filter(meetings__isnull=False).distinct().order_by("name"),
        required=False,
        empty_label=_("All bodies"),
    )

    def body_id(self) -> int | None:
        """The chosen body; an invalid choice is left out (the page shows why)."""
        self.is_valid()
        body = self.cleaned_data.get("body")
        return body.pk if body else None


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    body = forms.ModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.order_by("name"),
        required=False,
        empty_label=_("All bodies"),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    eu = forms.ChoiceField(
        label=_("EU influence"), required=False, choices=[("", _("All")), *EUCode.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind of item"), required=False, choices=[("", _("All kinds")), *ItemKind.choices]
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    reviewed = forms.ChoiceField(
        label=_("Reviewed"),
        required=False,
        choices=[("", _("Reviewed or not")), ("yes", _("Reviewed")), ("no", _("Not reviewed"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("date", _("Newest first")),
            ("date_asc", _("Oldest first")),
            ("body", _("Body")),
            ("eu", _("EU influence")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas"))] + [  # type: ignore[attr-defined]
            (a.code, a.label_sv) for a in PolicyArea.objects.order_by("label_sv")
        ]

    def filters(self) -> ItemFilters:
        """The validated filters; an invalid field is left out rather than failing the page, and
        the page says which (``errors``), while the valid ones still apply."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        body = data.get("body")
        reviewed = {"yes": True, "no": False}.get(data.get("reviewed") or "")
        return ItemFilters(
            body_id=body.pk if body else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            eu=data.get("eu") or "",
            kind=data.get("kind") or "",
            area=data.get("area") or "",
            reviewed=reviewed,
            query=(data.get("q") or "").strip(),
            sort=data.get("sort") or "date",
        )


class ReviewForm(forms.Form):
    eu = forms.ChoiceField(
        label=_("EU influence"), choices=EUCode.choices, widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(label=_("Kind of item"), choices=ItemKind.choices)
    funding = forms.BooleanField(
        label=_("Concerns EU funding"),
        required=False,
        help_text=_("EU funds or programmes: ESF+, ERDF, Interreg, Erasmus+, LEADER, LIFE, ..."),
    )
    areas = forms.MultipleChoiceField(
        label=_("Areas (at most three)"), required=False, widget=forms.CheckboxSelectMultiple
    )
    comment = forms.CharField(
        label=_("Reason for the coding"),
        required=False,
        help_text=_("Why the coding is right or was changed; shown first on the item's page."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = [  # type: ignore[attr-defined]
            (a.code, a.label_sv) for a in PolicyArea.objects.order_by("label_sv")
        ]

    def clean_areas(self) -> list[str]:
        areas: list[str] = self.cleaned_data["areas"]
        if len(areas) > 3:
            raise forms.ValidationError(_("Choose at most three areas."))
        return areas
