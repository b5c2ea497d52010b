"""The API's list filters of EU funding (django-filter), built on the same reads as the pages.

A wrong value drops that filter (the list stays useful); the page forms in ``forms.py`` say so
in Swedish, the API answers with the valid filters applied.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body

from . import selectors
from .constants import CallStatus, ProjectStatus
from .models import Call, PaymentClaim, Programme, Project, ReportingPeriod


class CallFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), to_field_name="code", queryset=Programme.objects.all()
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), field_name="areas", to_field_name="code", queryset=PolicyArea.objects.all()
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CallStatus.choices, method="by_status"
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Body"),
        to_field_name="short_name",
        queryset=Body.objects.all(),
        method="by_body",
    )

    class Meta:
        model = Call
        fields = ["q", "programme", "area", "status", "body"]

    def search(self, queryset: QuerySet[Call], name: str, value: str) -> QuerySet[Call]:
        return queryset.filter(
            Q(title__icontains=value)
            | Q(title_sv__icontains=value)
            | Q(identifier__icontains=value)
        )

    def by_status(self, queryset: QuerySet[Call], name: str, value: str) -> QuerySet[Call]:
        ids = selectors.call_list(selectors.CallFilters(status=value), today=timezone.localdate())
        return queryset.filter(pk__in=ids.values("pk"))

    def by_body(self, queryset: QuerySet[Call], name: str, value: Body) -> QuerySet[Call]:
        return queryset.filter(pk__in=selectors.visible_matches().filter(body=value).values("call"))


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), to_field_name="code", queryset=Programme.objects.all()
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Body"),
        field_name="bodies",
        to_field_name="short_name",
        queryset=Body.objects.all(),
    )

    class Meta:
        model = Project
        fields = ["q", "status", "programme", "body"]

    def search(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return queryset.filter(Q(title__icontains=value) | Q(acronym__icontains=value))


class PeriodFilter(django_filters.FilterSet):
    class Meta:
        model = ReportingPeriod
        fields = ["project"]


class ClaimFilter(django_filters.FilterSet):
    class Meta:
        model = PaymentClaim
        fields = ["project"]
