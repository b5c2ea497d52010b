from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from rest_framework import viewsets

from omvarld.knowledge.models import EUAct, Statute
from omvarld.organisation.models import Body, Municipality, Office

from . import serializers


class MunicipalityViewSet(viewsets.ModelViewSet[Municipality]):
    """The municipality the platform serves."""

    queryset = Municipality.objects.order_by("pk")
    serializer_class = serializers.MunicipalitySerializer


class BodyViewSet(viewsets.ModelViewSet[Body]):
    """The council, the executive board, committees and municipal companies."""

    serializer_class = serializers.BodySerializer

    def get_queryset(self) -> QuerySet[Body]:
        return Body.objects.prefetch_related("predecessors").order_by("pk")


class OfficeViewSet(viewsets.ModelViewSet[Office]):
    """Offices (kontor) and the bodies they serve."""

    serializer_class = serializers.OfficeSerializer

    def get_queryset(self) -> QuerySet[Office]:
        return Office.objects.prefetch_related("bodies").order_by("pk")


class EUActViewSet(viewsets.ReadOnlyModelViewSet[EUAct]):
    """EU acts in the knowledge base, by CELEX number."""

    serializer_class = serializers.EUActSerializer
    lookup_field = "celex"

    def get_queryset(self) -> QuerySet[EUAct]:
        return (
            EUAct.objects.select_related("replaced_by").prefetch_related("areas").order_by("celex")
        )


class StatuteViewSet(viewsets.ReadOnlyModelViewSet[Statute]):
    """Swedish statutes and the EU acts they implement, by SFS number."""

    serializer_class = serializers.StatuteSerializer
    lookup_field = "sfs"
    lookup_value_regex = r"\d{4}:\d{1,4}"

    def get_queryset(self) -> QuerySet[Statute]:
        return Statute.objects.prefetch_related("areas", "implements", "supplements").order_by(
            "sfs"
        )


_METHODS = ("get", "post", "put", "patch", "delete")


@login_required
def api_overview(request: HttpRequest) -> HttpResponse:
    """An accessible page listing every endpoint of the OpenAPI schema, and how to authenticate."""
    generator = SchemaGenerator(patterns=None)  # type: ignore[no-untyped-call]
    schema = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
    endpoints = [
        {
            "path": api_path,
            "method": method.upper(),
            "summary": operation.get("description", "").split("\n")[0],
        }
        for api_path, item in schema.get("paths", {}).items()
        for method in _METHODS
        if (operation := item.get(method))
    ]
    return render(
        request, "api/overview.html", {"endpoints": endpoints, "version": schema["info"]["version"]}
    )
