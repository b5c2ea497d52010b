"""The API of the population statistics: SCB's tables, the countries of birth and every figure,
read only. Figures are filtered by table, measure, region, year and country of birth."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from omvarld.core.filters import YearFilter
from omvarld.population.constants import CountryGroup, Measure
from omvarld.population.models import Country, Observation, StatTable


class StatTableSerializer(serializers.ModelSerializer[StatTable]):
    class Meta:
        model = StatTable
        fields = [
            "table_id",
            "label",
            "source",
            "updated",
            "dimensions",
            "contents",
            "notes",
            "aggregation_allowed",
            "official",
            "imported_at",
        ]


class CountrySerializer(serializers.ModelSerializer[Country]):
    class Meta:
        model = Country
        fields = ["key", "name_sv", "name_en", "iso_alpha2", "scb_codes", "kind", "group", "note"]


class ObservationSerializer(serializers.ModelSerializer[Observation]):
    table = serializers.CharField(source="table.table_id", read_only=True)
    country = serializers.CharField(source="category", read_only=True)

    class Meta:
        model = Observation
        fields = [
            "id",
            "table",
            "measure",
            "region",
            "period",
            "year",
            "month",
            "country",
            "category_label",
            "breakdown",
            "value",
            "status",
            "fetch",
        ]


class ObservationFilter(filters.FilterSet):
    table = filters.CharFilter(field_name="table__table_id", label="SCB table id, e.g. TAB638")
    measure = filters.ChoiceFilter(choices=Measure.choices)
    region = filters.CharFilter(
        label="SCB region code: 00 Sweden, 05 a county, 0581 a municipality"
    )
    year = YearFilter()
    year_from = YearFilter(field_name="year", lookup_expr="gte")
    year_to = YearFilter(field_name="year", lookup_expr="lte")
    country = filters.CharFilter(
        field_name="category", label="Country of birth (key, e.g. SY) or background code"
    )

    class Meta:
        model = Observation
        fields = ["table", "measure", "region", "year", "year_from", "year_to", "country"]


class CountryFilter(filters.FilterSet):
    group = filters.ChoiceFilter(choices=CountryGroup.choices)

    class Meta:
        model = Country
        fields = ["group"]


class StatTableViewSet(viewsets.ReadOnlyModelViewSet[StatTable]):
    """SCB's tables the figures come from, with SCB's update time and the notes to show."""

    serializer_class = StatTableSerializer
    lookup_field = "table_id"
    queryset = StatTable.objects.order_by("table_id")


class CountryViewSet(viewsets.ReadOnlyModelViewSet[Country]):
    """Countries of birth in SCB's classification, mapped to ISO 3166 and to groups."""

    serializer_class = CountrySerializer
    lookup_field = "key"
    queryset = Country.objects.order_by("name_sv")
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = CountryFilter


class ObservationViewSet(viewsets.ReadOnlyModelViewSet[Observation]):
    """Every figure as SCB published it, with its table and the fetch it came from."""

    serializer_class = ObservationSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = ObservationFilter

    def get_queryset(self) -> QuerySet[Observation]:
        return Observation.objects.select_related("table").order_by(
            "measure", "region", "year", "period", "category", "pk"
        )
