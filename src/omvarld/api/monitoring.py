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

from . import filters
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


class InitiativeViewSet(viewsets.ReadOnlyModelViewSet[Initiative]):
    """EU initiatives with their areas, the acts they change and the bodies following them."""

    serializer_class = InitiativeSerializer
    filterset_class = filters.InitiativeFilter

    def get_queryset(self) -> QuerySet[Initiative]:
        return selectors.initiative_list(selectors.InitiativeFilters()).prefetch_related(
            "act_links__act"
        )


class StageEventViewSet(viewsets.ReadOnlyModelViewSet[StageEvent]):
    """The stages initiatives reached, with their dates; filter with ?initiative=ID."""

    serializer_class = StageEventSerializer
    filterset_class = filters.StageEventFilter
    queryset = StageEvent.objects.order_by("initiative_id", "date", "pk")


class FeedbackWindowViewSet(viewsets.ReadOnlyModelViewSet[FeedbackWindow]):
    """Feedback windows of initiatives, by closing date; filter with ?initiative=ID&open=true."""

    serializer_class = FeedbackWindowSerializer
    filterset_class = filters.FeedbackWindowFilter
    queryset = FeedbackWindow.objects.order_by("closes", "pk")


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
    filterset_class = filters.AssessmentFilter
    queryset = Assessment.objects.select_related(
        "routing__body", "routing__initiative", "responsible", "assessed_by"
    ).order_by("pk")

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


class InfluenceActionViewSet(viewsets.ModelViewSet[InfluenceAction]):
    """The influence log: what the municipality did about initiatives. Officers write for their
    own bodies, coordinators for any body or the whole municipality; coordinators delete."""

    serializer_class = InfluenceActionSerializer
    permission_classes = [MonitoringPermission]
    filterset_class = filters.InfluenceActionFilter
    queryset = InfluenceAction.objects.select_related("body", "created_by").order_by("-date", "pk")

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
