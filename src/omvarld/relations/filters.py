"""The register's filters, one definition for the page, the exports, the map and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Case, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from omvarld.core.filters import IdFilter
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body

from . import text
from .constants import ActivityKind, PartnerKind, PartnerStatus, Relation
from .countries import country_choices
from .models import Activity, Partner


class Problems(django_filters.FilterSet):
    def problems(self) -> list[str]:
        """What was wrong with the query, in words. django-filter filters with the valid fields
        only (``cleaned_data``), so a wrong value drops that filter and the list stays useful."""
        if not self.is_bound or self.form.is_valid():
            return []
        return [
            f"{self.form.fields[name].label}: {' '.join(str(e) for e in errors)}"
            for name, errors in self.form.errors.items()
        ]


class PartnerFilter(Problems):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        help_text=_("Name in any language, place or words of the description."),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=PartnerKind.choices, empty_label=_("All kinds")
    )
    relation = django_filters.ChoiceFilter(
        label=_("Relation"), choices=Relation.choices, empty_label=_("All relations")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, empty_label=_("All countries")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PartnerStatus.choices, empty_label=_("All statuses")
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Body"),
        field_name="bodies",
        to_field_name="short_name",
        queryset=Body.objects.order_by("name"),
        empty_label=_("All bodies"),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        field_name="areas",
        to_field_name="code",
        queryset=PolicyArea.objects.order_by("label_sv"),
        empty_label=_("All areas"),
    )

    class Meta:
        model = Partner
        fields = ["q", "kind", "relation", "country", "status", "body", "area"]

    def search(self, queryset: QuerySet[Partner], name: str, value: str) -> QuerySet[Partner]:
        """Every word in the name, place or description; partners whose name holds the query
        come first ("Tammerfors" lists Tampere before the towns whose texts mention it)."""
        words = text.fold(value).split()[:8]
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        key = text.name_key(value)
        if not key:
            return queryset
        in_name = Q(name_key__contains=key) | Q(name_sv_key__contains=key)
        return queryset.annotate(
            in_name=Case(When(in_name, then=Value(0)), default=Value(1))
        ).order_by("in_name", "name_key", "pk")


class ActivityFilter(Problems):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ActivityKind.choices, empty_label=_("All kinds")
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Body"),
        field_name="bodies",
        to_field_name="short_name",
        queryset=Body.objects.order_by("name"),
        empty_label=_("All bodies"),
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="starts", lookup_expr="year", min_value=1900, max_value=2100
    )
    partner = IdFilter(label=_("Partner"), field_name="partners")

    class Meta:
        model = Activity
        fields = ["kind", "body", "year", "partner"]
