"""The API's query parameters, declared with django-filter: each is parsed and checked by a form
field (a bad value is a 400 that names the parameter, never a 500) and documented in the OpenAPI
schema by drf-spectacular.

Where a page and the API share a filter, the filtering itself stays in the app's selector (the
item list, the initiative list): the filter set turns the checked parameters into the selector's
filters, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from omvarld.core.filters import IdFilter, YearFilter
from omvarld.eu_monitoring import selectors as monitoring_selectors
from omvarld.eu_monitoring.models import (
    Assessment,
    FeedbackWindow,
    InfluenceAction,
    Initiative,
    StageEvent,
)
from omvarld.meetings import selectors as meeting_selectors
from omvarld.meetings.constants import EUCode, ItemKind
from omvarld.meetings.models import AgendaItem, Meeting
from omvarld.organisation.models import Body


def _body_id(short_name: str) -> int | None:
    return Body.objects.filter(short_name=short_name).values_list("pk", flat=True).first()


_BODY_HELP = _("A body's short name, e.g. KF; an unknown one gives an empty list.")


class MeetingFilter(filters.FilterSet):
    body = filters.CharFilter(field_name="body__short_name", help_text=_BODY_HELP)
    year = YearFilter(field_name="date__year", help_text=_("Meetings held this year."))

    class Meta:
        model = Meeting
        fields: list[str] = []


class AgendaItemFilter(filters.FilterSet):
    """The item page's filters; the item list selector applies them."""

    body = filters.CharFilter(method="_unused", help_text=_BODY_HELP)
    date_from = filters.DateFilter(method="_unused", help_text=_("Meetings on or after."))
    date_to = filters.DateFilter(method="_unused", help_text=_("Meetings on or before."))
    eu = filters.ChoiceFilter(method="_unused", choices=EUCode.choices)
    kind = filters.ChoiceFilter(method="_unused", choices=ItemKind.choices)
    area = filters.CharFilter(method="_unused", help_text=_("A policy area's code."))
    funding = filters.BooleanFilter(method="_unused")
    reviewed = filters.BooleanFilter(method="_unused")
    q = filters.CharFilter(method="_unused", help_text=_("Swedish full-text search."))
    sort = filters.ChoiceFilter(
        method="_unused", choices=[(key, key) for key in meeting_selectors.SORTS]
    )

    class Meta:
        model = AgendaItem
        fields: list[str] = []

    def _unused(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset  # filter_queryset hands every value to the selector at once

    def filter_queryset(self, queryset: QuerySet[AgendaItem]) -> QuerySet[AgendaItem]:
        data = self.form.cleaned_data
        body_id = _body_id(data["body"]) if data.get("body") else None
        if data.get("body") and body_id is None:
            return queryset.none()
        chosen = meeting_selectors.ItemFilters(
            body_id=body_id,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            eu=data.get("eu") or "",
            kind=data.get("kind") or "",
            area=data.get("area") or "",
            funding=data.get("funding"),
            reviewed=data.get("reviewed"),
            query=(data.get("q") or "").strip(),
            sort=data.get("sort") or "date",
        )
        return meeting_selectors.item_list(chosen).select_related("document")


class InitiativeFilter(filters.FilterSet):
    """The initiative page's filters; the initiative list selector applies them."""

    q = filters.CharFilter(method="_unused", help_text=_("Title or reference contains."))
    area = filters.CharFilter(method="_unused", help_text=_("A policy area's code."))
    stage = filters.CharFilter(method="_unused", help_text=_("A stage's code."))
    body = filters.CharFilter(method="_unused", help_text=_BODY_HELP)
    open = filters.BooleanFilter(
        method="_unused", help_text=_("Only those open for feedback today.")
    )

    class Meta:
        model = Initiative
        fields: list[str] = []

    def _unused(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset  # filter_queryset hands every value to the selector at once

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        data = self.form.cleaned_data
        body_id = _body_id(data["body"]) if data.get("body") else None
        if data.get("body") and body_id is None:
            return queryset.none()
        chosen = monitoring_selectors.InitiativeFilters(
            query=(data.get("q") or "").strip(),
            area=data.get("area") or "",
            stage=data.get("stage") or "",
            body_id=body_id,
            open_window=bool(data.get("open")),
        )
        return monitoring_selectors.initiative_list(chosen).prefetch_related("act_links__act")


_INITIATIVE_HELP = _("An initiative's id.")


class StageEventFilter(filters.FilterSet):
    initiative = IdFilter(field_name="initiative_id", help_text=_INITIATIVE_HELP)

    class Meta:
        model = StageEvent
        fields: list[str] = []


class FeedbackWindowFilter(filters.FilterSet):
    initiative = IdFilter(field_name="initiative_id", help_text=_INITIATIVE_HELP)
    open = filters.BooleanFilter(method="_open", help_text=_("Only windows open today."))

    class Meta:
        model = FeedbackWindow
        fields: list[str] = []

    def _open(
        self, queryset: QuerySet[FeedbackWindow], name: str, value: bool | None
    ) -> QuerySet[FeedbackWindow]:
        if not value:
            return queryset
        return queryset.filter(pk__in=monitoring_selectors.open_windows().values("pk"))


class AssessmentFilter(filters.FilterSet):
    initiative = IdFilter(field_name="routing__initiative_id", help_text=_INITIATIVE_HELP)
    body = filters.CharFilter(field_name="routing__body__short_name", help_text=_BODY_HELP)

    class Meta:
        model = Assessment
        fields: list[str] = []


class InfluenceActionFilter(filters.FilterSet):
    initiative = IdFilter(field_name="initiative_id", help_text=_INITIATIVE_HELP)
    body = filters.CharFilter(field_name="body__short_name", help_text=_BODY_HELP)

    class Meta:
        model = InfluenceAction
        fields: list[str] = []


class StatisticsQuery(serializers.Serializer[Any]):
    """The statistics' parameters (not a list, so no filter set: the same checks, as a form)."""

    body = serializers.SlugRelatedField(
        slug_field="short_name",
        queryset=Body.objects.all(),
        required=False,
        help_text=_("A body's short name, e.g. KF."),
    )
    year_from = serializers.IntegerField(required=False, min_value=1000, max_value=9999)
    year_to = serializers.IntegerField(required=False, min_value=1000, max_value=9999)
