"""The API of EU funding: programmes and calls (read), projects with their reporting periods and
payment claims (read for all; written by coordinators and the officers of the project's bodies
and offices), and the portfolio's figures.

Writes go through :mod:`omvarld.funding.services`, which apply the permission layer: a reader, or
an officer of another body, gets 403; invalid data gets 400 with the Swedish message on the field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions as drf_permissions
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from omvarld.core import permissions
from omvarld.funding import portfolio, selectors, services
from omvarld.funding.filters import CallFilter, ClaimFilter, PeriodFilter, ProjectFilter
from omvarld.funding.models import (
    Call,
    PaymentClaim,
    Programme,
    Project,
    ReportingPeriod,
)
from omvarld.organisation.models import Body

from .funding_serializers import (
    CallSerializer,
    PaymentClaimSerializer,
    ProgrammeSerializer,
    ProjectSerializer,
    ReportingPeriodSerializer,
    StatusSerializer,
)

if TYPE_CHECKING:
    from rest_framework.request import Request


class FundingPermission(drf_permissions.BasePermission):
    """Every user reads; creating is checked by the service (officers create for their own
    bodies); changing and deleting per object; only coordinators delete a project."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return permissions.can_view(request.user)

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        if request.method in drf_permissions.SAFE_METHODS:
            return True
        if request.method == "DELETE" and isinstance(obj, Project):
            return permissions.can_manage(request.user)
        return permissions.can_edit(request.user, obj)


def _invalid(error: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(error.message_dict)
    return serializers.ValidationError(error.messages)


# Viewsets


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet[Programme]):
    """The EU and national funding programmes, with the sources of their facts."""

    serializer_class = ProgrammeSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Programme]:
        return Programme.objects.prefetch_related("areas").order_by("name_sv")


class CallViewSet(viewsets.ReadOnlyModelViewSet[Call]):
    """Calls for proposals with their programme, dates, areas and the bodies they concern."""

    serializer_class = CallSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = CallFilter

    def get_queryset(self) -> QuerySet[Call]:
        return (
            Call.objects.select_related("programme")
            .prefetch_related(
                "areas",
                Prefetch("matches", selectors.visible_matches().select_related("body")),
            )
            .order_by("deadline", "pk")
        )


class ProjectViewSet(viewsets.ModelViewSet[Project]):
    """The municipality's EU projects. Officers create projects for their own bodies and offices
    and change those; coordinators write all and delete. ``POST .../status/`` moves a project
    along idea → preparing → submitted → granted/rejected → running → final report → closed."""

    serializer_class = ProjectSerializer
    permission_classes = [FundingPermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProjectFilter

    def get_queryset(self) -> QuerySet[Project]:
        return (
            Project.objects.select_related("programme", "responsible")
            .prefetch_related("bodies", "offices")
            .order_by("pk")
        )

    def perform_create(self, serializer: serializers.BaseSerializer[Project]) -> None:
        data = dict(serializer.validated_data)
        try:
            serializer.instance = services.project_create(
                user=self.request.user,
                title=data.pop("title"),
                bodies=data.pop("bodies", []),
                offices=data.pop("offices", []),
                **data,
            )
        except DjangoValidationError as error:
            raise _invalid(error) from None

    def perform_update(self, serializer: serializers.BaseSerializer[Project]) -> None:
        assert serializer.instance is not None
        data = dict(serializer.validated_data)
        bodies, offices = data.pop("bodies", None), data.pop("offices", None)
        try:
            serializer.instance = services.project_update(
                project=serializer.instance,
                user=self.request.user,
                changes=data,
                bodies=bodies,
                offices=offices,
            )
        except DjangoValidationError as error:
            raise _invalid(error) from None

    def perform_destroy(self, instance: Project) -> None:
        services.project_delete(project=instance, user=self.request.user)

    @extend_schema(request=StatusSerializer, responses=ProjectSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        """Move the project to another status, with the amount granted when it is granted."""
        project = self.get_object()
        serializer = StatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        changes = {
            name: data[name]
            for name in ("eu_grant_awarded", "exchange_rate")
            if data.get(name) is not None
        }
        try:
            project = services.project_set_status(
                project=project,
                user=request.user,
                status=data["status"],
                on=data.get("on"),
                changes=changes,
            )
        except DjangoValidationError as error:
            raise _invalid(error) from None
        return Response(ProjectSerializer(project).data)


class _ProjectRecordViewSet(viewsets.ModelViewSet[Any]):
    """Records of a project, written by whoever may edit the project."""

    permission_classes = [FundingPermission]
    filter_backends = [DjangoFilterBackend]
    record_model: type[ReportingPeriod] | type[PaymentClaim]

    def _save(self, serializer: serializers.BaseSerializer[Any], instance: Any) -> None:
        data = dict(serializer.validated_data)
        project = data.pop("project", None)
        if instance is not None:
            if project is not None and project != instance.project:
                raise serializers.ValidationError(
                    {"project": [_("A record stays with its project.")]}
                )
            project = instance.project
        try:
            serializer.instance = services.record_save(
                model=self.record_model,
                project=project,
                user=self.request.user,
                instance=instance,
                **data,
            )
        except DjangoValidationError as error:
            raise _invalid(error) from None

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        self._save(serializer, None)

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        self._save(serializer, serializer.instance)

    def perform_destroy(self, instance: Any) -> None:
        services.record_delete(record=instance, user=self.request.user)


class ReportingPeriodViewSet(_ProjectRecordViewSet):
    """Reporting periods of projects and when their reports are due; filter with ?project=ID."""

    serializer_class = ReportingPeriodSerializer
    filterset_class = PeriodFilter
    record_model = ReportingPeriod

    def get_queryset(self) -> QuerySet[ReportingPeriod]:
        return ReportingPeriod.objects.select_related("project").order_by("project_id", "starts")


class PaymentClaimViewSet(_ProjectRecordViewSet):
    """Payment claims of projects: due dates, amounts claimed and received; ?project=ID."""

    serializer_class = PaymentClaimSerializer
    filterset_class = ClaimFilter
    record_model = PaymentClaim

    def get_queryset(self) -> QuerySet[PaymentClaim]:
        return PaymentClaim.objects.select_related("project").order_by("project_id", "due")


_YEAR = OpenApiTypes.INT


# A viewset with only a list, so that the router names it as one of the resources of the root.
class PortfolioViewSet(viewsets.ViewSet):
    """The portfolio's figures: total, per year, per programme and per body (see the page).
    A year that is not four digits, or an unknown programme or body, is answered with 400."""

    filter_backends: list[Any] = []
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("year_from", _YEAR, description="First year counted."),
            OpenApiParameter("year_to", _YEAR, description="Last year counted."),
            OpenApiParameter("programme", OpenApiTypes.STR, description="Programme code."),
            OpenApiParameter("body", OpenApiTypes.STR, description="Body short name, e.g. UN."),
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def list(self, request: Request) -> Response:
        params = request.query_params
        bad_years = {
            name: [_("Give a year with four digits, e.g. 2026.")]
            for name in ("year_from", "year_to")
            if params.get(name) and _year(params.get(name)) is None
        }
        if bad_years:
            return Response(bad_years, status=status.HTTP_400_BAD_REQUEST)
        programme = Programme.objects.filter(code=params.get("programme", "")).first()
        body = Body.objects.filter(short_name=params.get("body", "")).first()
        if (params.get("programme") and programme is None) or (params.get("body") and body is None):
            return Response(
                {"detail": _("Unknown programme or body.")}, status=status.HTTP_400_BAD_REQUEST
            )
        filters = portfolio.PortfolioFilters(
            year_from=_year(params.get("year_from")),
            year_to=_year(params.get("year_to")),
            programme_id=programme.pk if programme else None,
            body_id=body.pk if body else None,
        )
        figures = portfolio.portfolio(filters)
        return Response(
            {
                "total": _figures(figures.total),
                **{
                    name: [
                        {"key": row.key, "label": row.label, **_figures(row.figures)}
                        for row in figures.table(name)
                    ]
                    for name in portfolio.TABLES
                },
            }
        )


def _year(value: str | None) -> int | None:
    """A year of four digits, or None."""
    return int(value) if value and len(value) == 4 and value.isdigit() else None


def _figures(f: portfolio.Figures) -> dict[str, Any]:
    return {
        "applications": f.applications,
        "granted": f.granted,
        "rejected": f.rejected,
        "success_rate": f.success_rate,
        "granted_sek": str(f.granted_sek),
        "granted_eur": str(f.granted_eur),
        "received_sek": str(f.received_sek),
        "received_eur": str(f.received_eur),
        "cofinancing_sek": str(f.cofinancing_sek),
        "cofinancing_eur": str(f.cofinancing_eur),
        "cofinancing_hours": str(f.cofinancing_hours),
    }
