"""Filters of plans and activities, for the API (django-filter)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from omvarld.core.filters import IdFilter
from omvarld.organisation.models import Body, Office
from omvarld.organisation.selectors import programme_goal_list

from .constants import FIRST_YEAR, LAST_YEAR, ActivityStatus
from .models import Plan, PlanActivity


class PlanFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    body = django_filters.ModelChoiceFilter(
        label=_("Body"), queryset=Body.objects.all(), to_field_name="short_name"
    )
    office = django_filters.ModelChoiceFilter(
        label=_("Office"), queryset=Office.objects.all(), to_field_name="short_name"
    )

    class Meta:
        model = Plan
        fields = ["year", "body", "office"]


class ActivityFilter(django_filters.FilterSet):
    plan = IdFilter(label=_("Plan"), field_name="plan_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActivityStatus.choices)
    goal = django_filters.ModelChoiceFilter(
        label=_("Goal"),
        field_name="goals",
        queryset=programme_goal_list(include_inactive=True),
        to_field_name="code",
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="plan__year", min_value=FIRST_YEAR, max_value=LAST_YEAR
    )

    class Meta:
        model = PlanActivity
        fields = ["plan", "status", "goal", "year"]
