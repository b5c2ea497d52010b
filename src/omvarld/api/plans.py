"""The API of plans and follow-up: plans, their activities (tied to the programme goals of
/api/v1/goals/), the indicators
computed for a body (or the whole municipality) and year, and the annual reports.

Reads for every user. Plans and activities are written
through :mod:`omvarld.plans.services`, which apply the permission layer: coordinators for every
body and office, officers for their own (403 elsewhere); coordinators delete plans. Indicators
and reports are computed, never written here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.core.contributions import indicator_values, indicators
from omvarld.organisation.models import Body, Office
from omvarld.organisation.selectors import programme_goal_list
from omvarld.plans import selectors, services
from omvarld.plans.constants import FIRST_YEAR, LAST_YEAR
from omvarld.plans.filters import ActivityFilter, PlanFilter
from omvarld.plans.models import AnnualReport, Plan, PlanActivity
from omvarld.plans.reports import report_for

from .permissions import RolePermission

if TYPE_CHECKING:
    from rest_framework.views import APIView as _APIView


class PlansPermission(RolePermission):
    """As :class:`RolePermission`, except that officers may create and delete: the service then
    checks that the plan or activity belongs to one of their bodies or offices (and plans are
    deleted by coordinators only)."""

    def has_permission(self, request: Request, view: _APIView) -> bool:
        if request.method in ("POST", "DELETE"):
            return permissions.can_view(request.user)
        return super().has_permission(request, view)

    def has_object_permission(self, request: Request, view: _APIView, obj: Any) -> bool:
        if request.method == "DELETE":
            return True
        return super().has_object_permission(request, view, obj)


def _invalid(error: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(error.message_dict)
    return serializers.ValidationError(error.messages)


def _call(request: Request, function: Any, **kwargs: Any) -> Any:
    try:
        return function(user=request.user, **kwargs)
    except DjangoValidationError as error:
        raise _invalid(error) from None
    except PermissionError as error:  # pragma: no cover - services raise PermissionDenied
        raise PermissionDenied from error


class PlanSerializer(serializers.ModelSerializer[Plan]):
    body = serializers.SlugRelatedField(
        slug_field="short_name", queryset=Body.objects.all(), required=False, allow_null=True
    )
    office = serializers.SlugRelatedField(
        slug_field="short_name", queryset=Office.objects.all(), required=False, allow_null=True
    )
    copy_previous = serializers.BooleanField(write_only=True, default=True)
    activity_count = serializers.IntegerField(read_only=True)
    done_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "body",
            "office",
            "year",
            "summary",
            "adopted_on",
            "copied_from",
            "copy_previous",
            "activity_count",
            "done_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "copied_from", "created_at", "updated_at"]
        validators: list[Any] = []


class PlanViewSet(viewsets.ModelViewSet[Plan]):
    """Plans per body or office and year. Creating one copies the latest earlier plan's
    activities unless copy_previous is false. Filters: year, body, office (short names)."""

    serializer_class = PlanSerializer
    permission_classes = [PlansPermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = PlanFilter

    def get_queryset(self) -> QuerySet[Plan]:
        return selectors.plan_list().order_by("pk")

    def perform_create(self, serializer: serializers.BaseSerializer[Plan]) -> None:
        data = dict(serializer.validated_data)
        plan = _call(
            self.request,
            services.plan_create,
            year=data["year"],
            body=data.get("body"),
            office=data.get("office"),
            summary=data.get("summary", ""),
            copy_previous=data.get("copy_previous", True),
        )
        if data.get("adopted_on"):
            plan = _call(
                self.request,
                services.plan_update,
                plan=plan,
                changes={"adopted_on": data["adopted_on"]},
            )
        serializer.instance = selectors.plan_list().get(pk=plan.pk)

    def perform_update(self, serializer: serializers.BaseSerializer[Plan]) -> None:
        changes = dict(serializer.validated_data)
        plan = serializer.instance
        assert plan is not None
        for fixed in ("body", "office", "year"):
            if fixed in changes and changes.pop(fixed) != getattr(plan, fixed):
                raise serializers.ValidationError(
                    {fixed: [_("A plan keeps its body or office and its year.")]}
                )
        changes.pop("copy_previous", None)
        _call(self.request, services.plan_update, plan=plan, changes=changes)
        serializer.instance = selectors.plan_list().get(pk=plan.pk)

    def perform_destroy(self, instance: Plan) -> None:
        _call(self.request, services.plan_delete, plan=instance)


class PlanActivitySerializer(serializers.ModelSerializer[PlanActivity]):
    goals = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=programme_goal_list(include_inactive=True)
    )
    responsible = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
    )

    class Meta:
        model = PlanActivity
        fields = [
            "id",
            "plan",
            "title",
            "description",
            "goals",
            "responsible",
            "planned_hours",
            "planned_cost",
            "starts",
            "due",
            "status",
            "done_on",
            "outcome",
            "position",
        ]


class PlanActivityViewSet(viewsets.ModelViewSet[PlanActivity]):
    """The activities of plans. Filters: plan (id), status, goal (code), year. Marking one done
    without done_on records today."""

    serializer_class = PlanActivitySerializer
    permission_classes = [PlansPermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ActivityFilter

    def get_queryset(self) -> QuerySet[PlanActivity]:
        return (
            PlanActivity.objects.select_related("plan", "responsible")
            .prefetch_related("goals")
            .order_by("plan_id", "position", "pk")
        )

    def perform_create(self, serializer: serializers.BaseSerializer[PlanActivity]) -> None:
        data = dict(serializer.validated_data)
        plan = data.pop("plan")
        if not permissions.can_edit(self.request.user, plan):
            raise PermissionDenied
        serializer.instance = _call(
            self.request, services.activity_create, plan=plan, goals=data.pop("goals"), **data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[PlanActivity]) -> None:
        changes = dict(serializer.validated_data)
        activity = serializer.instance
        assert activity is not None
        if changes.pop("plan", activity.plan) != activity.plan:
            raise serializers.ValidationError({"plan": [_("An activity stays in its plan.")]})
        goals = changes.pop("goals", None)
        serializer.instance = _call(
            self.request, services.activity_update, activity=activity, changes=changes, goals=goals
        )

    def perform_destroy(self, instance: PlanActivity) -> None:
        _call(self.request, services.activity_delete, activity=instance)


INDICATOR_ROW = inline_serializer(
    "IndicatorValue",
    {
        "key": serializers.CharField(),
        "name": serializers.CharField(),
        "definition": serializers.CharField(),
        "unit": serializers.CharField(),
        "app": serializers.CharField(),
        "goals": serializers.ListField(child=serializers.CharField()),
        "value": serializers.FloatField(allow_null=True),
        "base": serializers.IntegerField(allow_null=True),
    },
    many=True,
)


class IndicatorView(APIView):
    """Every registered indicator's value for a body (?body=SHORTNAME) or the whole
    municipality, in a year (?year=, this year by default)."""

    permission_classes = [RolePermission]

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="The year (default: this year)."),
            OpenApiParameter("body", str, description="A body's short name; none: all."),
        ],
        responses=INDICATOR_ROW,
    )
    def get(self, request: Request) -> Response:
        year_text = request.query_params.get("year", "")
        year = timezone.localdate().year
        if year_text:
            if not year_text.isdigit() or not FIRST_YEAR <= int(year_text) <= LAST_YEAR:
                raise serializers.ValidationError({"year": [f"{FIRST_YEAR}–{LAST_YEAR}"]})
            year = int(year_text)
        body: Body | None = None
        if short := request.query_params.get("body"):
            body = get_object_or_404(Body, short_name=short)
        body_ids = [body.pk] if body else []
        values = indicator_values(body_ids=body_ids, year=year, today=timezone.localdate())
        rows = []
        for indicator in indicators():
            v = values[indicator.key]
            measure = v.by_body[body.pk] if body else v.total
            rows.append(
                {
                    "key": indicator.key,
                    "name": str(indicator.name),
                    "definition": str(indicator.definition),
                    "unit": str(indicator.unit),
                    "app": str(indicator.app),
                    "goals": list(indicator.goals),
                    "value": measure.value,
                    "base": measure.base,
                }
            )
        return Response(rows)


class AnnualReportSerializer(serializers.ModelSerializer[AnnualReport]):
    body: serializers.SlugRelatedField[Body] = serializers.SlugRelatedField(
        slug_field="short_name", read_only=True
    )
    content = serializers.SerializerMethodField()

    class Meta:
        model = AnnualReport
        fields = ["id", "body", "year", "highlights", "adopted_on", "content"]

    def get_content(self, report: AnnualReport) -> dict[str, Any]:
        """The report's values: frozen when adopted, else computed now."""
        return report_for(body=report.body, year=report.year)[1]


class ReportViewSet(viewsets.ReadOnlyModelViewSet[AnnualReport]):
    """Annual follow-up reports that have been prepared (highlights written or adopted), each
    with its content; a report without a body is the whole municipality's."""

    serializer_class = AnnualReportSerializer

    def get_queryset(self) -> QuerySet[AnnualReport]:
        return selectors.report_list().order_by("-year", "pk")
