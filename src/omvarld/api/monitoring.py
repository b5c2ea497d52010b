"""The API of EU monitoring: initiatives, stages, feedback windows, assessments, influence actions.

Reads for every user. Assessments and actions are written through the services of
:mod:`omvarld.eu_monitoring.services`, which apply the permission layer: officers of the body and
coordinators write, readers and officers of other bodies get 403. (EU acts are ``/eu-acts/``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.eu_monitoring import selectors, services
from omvarld.eu_monitoring.models import (
    Assessment,
    FeedbackWindow,
    InfluenceAction,
    Initiative,
    InitiativeAct,
    Routing,
    StageEvent,
)
from omvarld.organisation.models import Body

from .permissions import RolePermission

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class MonitoringPermission(RolePermission):
    """As :class:`RolePermission`, except that officers may create: the service then checks that
    they write for a body they belong to."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method == "POST":
            return permissions.can_view(request.user)
        return super().has_permission(request, view)


def _invalid(error: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(error.message_dict)
    return serializers.ValidationError(error.messages)


# Serializers


class InitiativeActSerializer(serializers.ModelSerializer[InitiativeAct]):
    celex = serializers.CharField(source="act.celex", read_only=True)

    class Meta:
        model = InitiativeAct
        fields = ["celex", "relation"]


class RoutingSerializer(serializers.ModelSerializer[Routing]):
    body = serializers.CharField(source="body.short_name", read_only=True)

    class Meta:
        model = Routing
        fields = ["body", "status", "score", "suggested", "reasons"]


class InitiativeSerializer(serializers.ModelSerializer[Initiative]):
    areas = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)  # type: ignore[var-annotated]
    acts = InitiativeActSerializer(source="act_links", many=True, read_only=True)
    routings = RoutingSerializer(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "title_sv",
            "title_en",
            "summary_sv",
            "summary_en",
            "commission_reference",
            "procedure_reference",
            "com_number",
            "proposal_celex",
            "url",
            "stage",
            "areas",
            "eurovoc",
            "acts",
            "routings",
            "updated_at",
        ]


class StageEventSerializer(serializers.ModelSerializer[StageEvent]):
    class Meta:
        model = StageEvent
        fields = ["id", "initiative", "stage", "date", "source", "note", "documents"]


class FeedbackWindowSerializer(serializers.ModelSerializer[FeedbackWindow]):
    class Meta:
        model = FeedbackWindow
        fields = ["id", "initiative", "kind", "opens", "closes", "url", "source_status"]


class AssessmentSerializer(serializers.ModelSerializer[Assessment]):
    initiative = serializers.PrimaryKeyRelatedField(
        source="routing.initiative", queryset=Initiative.objects.all()
    )
    body = serializers.SlugRelatedField(
        source="routing.body", slug_field="short_name", queryset=Body.objects.all()
    )
    responsible = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.all(), required=False, allow_null=True
    )
    assessed_by = serializers.CharField(source="assessed_by.username", read_only=True, default=None)
    inbox_status = serializers.CharField(source="routing.status", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "initiative",
            "body",
            "relevance",
            "expected_impact",
            "responsible",
            "proposed_action",
            "assessed_by",
            "inbox_status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "assessed_by", "inbox_status", "created_at", "updated_at"]


class InfluenceActionSerializer(serializers.ModelSerializer[InfluenceAction]):
    body = serializers.SlugRelatedField(
        slug_field="short_name", queryset=Body.objects.all(), required=False, allow_null=True
    )
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)

    class Meta:
        model = InfluenceAction
        fields = [
            "id",
            "initiative",
            "body",
            "date",
            "channel",
            "description",
            "stance",
            "document",
            "document_url",
            "outcome",
            "window",
            "created_by",
            "created_at",
        ]
        read_only_fields = ["id", "created_by", "created_at"]

    def to_representation(self, instance: InfluenceAction) -> dict[str, Any]:
        """The document as the address the pages download it from (its storage path is no
        address anyone can open)."""
        data = super().to_representation(instance)
        if instance.document:
            path = reverse("eu_monitoring:action_document", kwargs={"pk": instance.pk})
            request = self.context.get("request")
            data["document"] = request.build_absolute_uri(path) if request else path
        return data


# Viewsets

_INITIATIVE = OpenApiParameter("initiative", OpenApiTypes.INT, description="Initiative id.")
_BODY = OpenApiParameter("body", OpenApiTypes.STR, description="Body short name, e.g. UN.")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Title or reference contains."),
            OpenApiParameter("area", OpenApiTypes.STR, description="Policy area code."),
            OpenApiParameter("stage", OpenApiTypes.STR, description="Stage code."),
            _BODY,
            OpenApiParameter(
                "open", OpenApiTypes.BOOL, description="Only those open for feedback today."
            ),
        ]
    )
)
class InitiativeViewSet(viewsets.ReadOnlyModelViewSet[Initiative]):
    """EU initiatives with their areas, the acts they change and the bodies following them."""

    serializer_class = InitiativeSerializer

    def get_queryset(self) -> QuerySet[Initiative]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no request
            return Initiative.objects.none()
        params = self.request.query_params
        body = Body.objects.filter(short_name=params.get("body", "")).first()
        filters = selectors.InitiativeFilters(
            query=params.get("q", "").strip(),
            area=params.get("area", ""),
            stage=params.get("stage", ""),
            body_id=body.pk if body else None,
            open_window=params.get("open") == "true",
        )
        qs = selectors.initiative_list(filters).prefetch_related("act_links__act")
        if params.get("body") and body is None:
            return qs.none()
        return qs


@extend_schema_view(list=extend_schema(parameters=[_INITIATIVE]))
class StageEventViewSet(viewsets.ReadOnlyModelViewSet[StageEvent]):
    """The stages initiatives reached, with their dates; filter with ?initiative=ID."""

    serializer_class = StageEventSerializer

    def get_queryset(self) -> QuerySet[StageEvent]:
        qs = StageEvent.objects.order_by("initiative_id", "date", "pk")
        if getattr(self, "swagger_fake_view", False):
            return qs
        initiative = _int(self.request.query_params.get("initiative"))
        return qs.filter(initiative_id=initiative) if initiative else qs


@extend_schema_view(
    list=extend_schema(
        parameters=[
            _INITIATIVE,
            OpenApiParameter("open", OpenApiTypes.BOOL, description="Only windows open today."),
        ]
    )
)
class FeedbackWindowViewSet(viewsets.ReadOnlyModelViewSet[FeedbackWindow]):
    """Feedback windows of initiatives, by closing date; filter with ?initiative=ID&open=true."""

    serializer_class = FeedbackWindowSerializer

    def get_queryset(self) -> QuerySet[FeedbackWindow]:
        qs = FeedbackWindow.objects.order_by("closes", "pk")
        if getattr(self, "swagger_fake_view", False):
            return qs
        params = self.request.query_params
        initiative = _int(params.get("initiative"))
        if initiative:
            qs = qs.filter(initiative_id=initiative)
        if params.get("open") == "true":
            qs = qs.filter(pk__in=selectors.open_windows().values("pk"))
        return qs


@extend_schema_view(list=extend_schema(parameters=[_INITIATIVE, _BODY]))
class AssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Assessment],
):
    """Bodies' assessments of initiatives. POST assesses an initiative routed to the body (or
    changes the assessment it has); officers of that body and coordinators may write."""

    serializer_class = AssessmentSerializer
    permission_classes = [MonitoringPermission]

    def get_queryset(self) -> QuerySet[Assessment]:
        qs = Assessment.objects.select_related(
            "routing__body", "routing__initiative", "responsible", "assessed_by"
        ).order_by("pk")
        if getattr(self, "swagger_fake_view", False):
            return qs
        params = self.request.query_params
        initiative = _int(params.get("initiative"))
        if initiative:
            qs = qs.filter(routing__initiative_id=initiative)
        if params.get("body"):
            qs = qs.filter(routing__body__short_name=params["body"])
        return qs

    def _save(self, routing: Routing, data: dict[str, Any]) -> Assessment:
        try:
            return services.assessment_save(
                routing=routing,
                user=self.request.user,
                relevance=data["relevance"],
                expected_impact=data.get("expected_impact", ""),
                responsible=data.get("responsible"),
                proposed_action=data.get("proposed_action", ""),
            )
        except DjangoValidationError as error:
            raise _invalid(error) from None

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        target = data.pop("routing")
        routing = Routing.objects.filter(
            initiative=target["initiative"], body=target["body"]
        ).first()
        if routing is None:
            raise serializers.ValidationError(
                {"body": [_("The initiative is not routed to this body.")]}
            )
        created = not Assessment.objects.filter(routing=routing).exists()
        assessment = self._save(routing, data)
        return Response(
            self.get_serializer(assessment).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        assessment = self.get_object()
        serializer = self.get_serializer(
            assessment, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "routing" in data:
            raise serializers.ValidationError(
                {"body": [_("An assessment stays with its initiative and body.")]}
            )
        current = {
            "relevance": assessment.relevance,
            "expected_impact": assessment.expected_impact,
            "responsible": assessment.responsible,
            "proposed_action": assessment.proposed_action,
        }
        saved = self._save(assessment.routing, {**current, **data})
        return Response(self.get_serializer(saved).data)


@extend_schema_view(list=extend_schema(parameters=[_INITIATIVE, _BODY]))
class InfluenceActionViewSet(viewsets.ModelViewSet[InfluenceAction]):
    """The influence log: what the municipality did about initiatives. Officers write for their
    own bodies, coordinators for any body or the whole municipality; coordinators delete."""

    serializer_class = InfluenceActionSerializer
    permission_classes = [MonitoringPermission]

    def get_queryset(self) -> QuerySet[InfluenceAction]:
        qs = InfluenceAction.objects.select_related("body", "created_by").order_by("-date", "pk")
        if getattr(self, "swagger_fake_view", False):
            return qs
        params = self.request.query_params
        initiative = _int(params.get("initiative"))
        if initiative:
            qs = qs.filter(initiative_id=initiative)
        if params.get("body"):
            qs = qs.filter(body__short_name=params["body"])
        return qs

    def perform_create(self, serializer: serializers.BaseSerializer[InfluenceAction]) -> None:
        data = dict(serializer.validated_data)
        try:
            serializer.instance = services.action_create(
                initiative=data.pop("initiative"),
                user=self.request.user,
                body=data.pop("body", None),
                date=data.pop("date"),
                channel=data.pop("channel"),
                description=data.pop("description"),
                document=data.pop("document", None),
                **data,
            )
        except DjangoValidationError as error:
            raise _invalid(error) from None

    def perform_update(self, serializer: serializers.BaseSerializer[InfluenceAction]) -> None:
        assert serializer.instance is not None
        changes = dict(serializer.validated_data)
        if "initiative" in changes and changes["initiative"] != serializer.instance.initiative:
            raise serializers.ValidationError(
                {"initiative": [_("An action stays with its initiative.")]}
            )
        changes.pop("initiative", None)
        try:
            serializer.instance = services.action_update(
                action=serializer.instance, user=self.request.user, changes=changes
            )
        except DjangoValidationError as error:
            raise _invalid(error) from None
