"""The API of exchange (events, participations and their costs), with the page's role rules.

Writes go through :mod:`omvarld.exchange.services`, which check the permission layer: officers
register events for their own bodies and offices and edit their events; readers and officers of
other bodies get 403. Costs per person (and guests' e-mail addresses) are shown only to those who
edit the event; readers get 403 on ``/exchange-costs/``. Reports, lessons, ideas and follow-up
actions are in :mod:`omvarld.api.exchange_reports`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from omvarld.accounts.constants import Role
from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.core.filters import IdFilter, YearFilter
from omvarld.exchange.constants import EventKind
from omvarld.exchange.models import Cost, Event, Participation
from omvarld.exchange.selectors import access
from omvarld.exchange.services import events as services
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office
from omvarld.organisation.selectors import programme_goal_list

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


def invalid(error: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(error.message_dict)
    return serializers.ValidationError(error.messages)


def call(service: Any, **kwargs: Any) -> Any:
    """Run a service; its refusals become the API's 403 and 400."""
    try:
        return service(**kwargs)
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from None
    except DjangoValidationError as error:
        raise invalid(error) from None


class SignedIn(BasePermission):
    """Every signed-in user may call; the exchange services decide who may write what."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return permissions.can_view(request.user)


FILTERS = [DjangoFilterBackend]

# --- Events -------------------------------------------------------------------------------------


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=EventKind.choices)
    body = django_filters.CharFilter(field_name="bodies__short_name", help_text="Body short name.")
    country = django_filters.CharFilter(help_text="ISO 3166 country code, e.g. FI.")
    year = YearFilter(field_name="starts_on__year", help_text=_lazy("Events that start this year."))
    coming = django_filters.BooleanFilter(
        method="filter_coming", help_text="Only events that have not ended."
    )

    class Meta:
        model = Event
        fields = ["kind", "body", "country", "year", "coming"]

    def filter_coming(self, queryset: QuerySet[Event], name: str, value: bool) -> QuerySet[Event]:
        today = timezone.localdate()
        return queryset.filter(ends_on__gte=today) if value else queryset.filter(ends_on__lt=today)


class EventSerializer(serializers.ModelSerializer[Event]):
    country = serializers.CharField(allow_blank=True, required=False, max_length=2)
    bodies = serializers.SlugRelatedField(
        many=True, slug_field="short_name", queryset=Body.objects.all(), required=False
    )
    offices = serializers.SlugRelatedField(
        many=True, slug_field="short_name", queryset=Office.objects.all(), required=False
    )
    areas = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=PolicyArea.objects.all(), required=False
    )
    goals = serializers.SlugRelatedField(
        many=True,
        slug_field="code",
        queryset=programme_goal_list(include_inactive=True),
        required=False,
        help_text="Codes of the organisation's programme goals (only active ones for new choices).",
    )
    partners = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text="Ids of partners in the relations register (when it is installed).",
    )
    report_status = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "kind",
            "organiser",
            "place",
            "country",
            "starts_on",
            "ends_on",
            "url",
            "description",
            "areas",
            "goals",
            "bodies",
            "offices",
            "report_required",
            "partners",
            "report_status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "report_status", "created_at", "updated_at"]

    def get_report_status(self, obj: Event) -> str | None:
        report = getattr(obj, "report", None)
        return report.status if report is not None else None

    def to_representation(self, instance: Event) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["country"] = instance.country.code or ""
        data["partners"] = sorted(link.partner_id for link in instance.partner_links.all())
        return data


class EventViewSet(viewsets.ModelViewSet[Event]):
    """Events: conferences, fairs, network meetings, study visits, courses, webinars. Officers
    create them for their own bodies and offices and change their events; coordinators delete."""

    serializer_class = EventSerializer
    permission_classes = [SignedIn]
    filter_backends = FILTERS
    filterset_class = EventFilter

    def get_queryset(self) -> QuerySet[Event]:
        return (
            Event.objects.select_related("report")
            .prefetch_related("bodies", "offices", "areas", "goals", "partner_links")
            .order_by("-starts_on", "pk")
        )

    def perform_create(self, serializer: serializers.BaseSerializer[Event]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = call(services.event_create, user=self.request.user, **data)

    def perform_update(self, serializer: serializers.BaseSerializer[Event]) -> None:
        assert serializer.instance is not None
        serializer.instance = call(
            services.event_update,
            event=serializer.instance,
            user=self.request.user,
            changes=dict(serializer.validated_data),
        )

    def perform_destroy(self, instance: Event) -> None:
        call(services.event_delete, event=instance, user=self.request.user)


# --- Participations and costs -------------------------------------------------------------------


class CostSerializer(serializers.ModelSerializer[Cost]):
    body = serializers.SlugRelatedField(slug_field="short_name", queryset=Body.objects.all())

    class Meta:
        model = Cost
        fields = ["id", "participation", "body", "kind", "amount", "note"]
        read_only_fields = ["id"]


class ParticipationSerializer(serializers.ModelSerializer[Participation]):
    user = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
    )
    approved_by = serializers.CharField(source="approved_by.username", read_only=True, default=None)
    costs = CostSerializer(many=True, read_only=True)

    class Meta:
        model = Participation
        fields = [
            "id",
            "event",
            "user",
            "guest_name",
            "guest_organisation",
            "guest_email",
            "legal_basis",
            "retention_until",
            "role",
            "approved_by",
            "approved_at",
            "erased_at",
            "costs",
        ]
        read_only_fields = ["id", "approved_by", "approved_at", "erased_at", "costs"]

    def to_representation(self, instance: Participation) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not access.can_see_costs(request.user, instance.event):
            # Costs per person and a guest's address are for those who edit the event.
            for name in ("costs", "guest_email", "legal_basis", "retention_until"):
                data.pop(name, None)
        return data


class ParticipationFilter(django_filters.FilterSet):
    class Meta:
        model = Participation
        fields = ["event", "role"]


class ParticipationViewSet(viewsets.ModelViewSet[Participation]):
    """Who takes part: users or named guests. Costs per person and guests' contact data are
    included only for those who edit the event. POST ``/{id}/approve/`` approves."""

    serializer_class = ParticipationSerializer
    permission_classes = [SignedIn]
    filter_backends = FILTERS
    filterset_class = ParticipationFilter

    def get_queryset(self) -> QuerySet[Participation]:
        return (
            Participation.objects.select_related("user", "approved_by", "event")
            .prefetch_related("event__bodies", "event__offices", "costs__body")
            .order_by("event_id", "pk")
        )

    def perform_create(self, serializer: serializers.BaseSerializer[Participation]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = call(
            services.participation_add,
            event=data.pop("event"),
            user=self.request.user,
            participant=data.pop("user", None),
            **data,
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Participation]) -> None:
        instance = serializer.instance
        assert instance is not None
        changes = dict(serializer.validated_data)
        if changes.pop("event", instance.event) != instance.event or (
            "user" in changes and changes.pop("user") != instance.user
        ):
            raise serializers.ValidationError(
                {"event": [_("A participation stays with its event and person.")]}
            )
        serializer.instance = call(
            services.participation_update,
            participation=instance,
            user=self.request.user,
            changes=changes,
        )

    def perform_destroy(self, instance: Participation) -> None:
        call(services.participation_remove, participation=instance, user=self.request.user)

    @extend_schema(request=None, responses=ParticipationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        participation = call(
            services.participation_approve, participation=self.get_object(), user=request.user
        )
        return Response(
            ParticipationSerializer(participation, context={"request": request}).data,
            status=status.HTTP_200_OK,
        )


class NotReader(SignedIn):
    """Costs per person: not for readers."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return super().has_permission(request, view) and permissions.role_of(request.user) in (
            Role.ADMINISTRATOR,
            Role.COORDINATOR,
            Role.OFFICER,
        )


class CostFilter(django_filters.FilterSet):
    event = IdFilter(field_name="participation__event")
    body = django_filters.CharFilter(field_name="body__short_name")

    class Meta:
        model = Cost
        fields = ["participation", "event", "body", "kind"]


class CostViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Cost],
):
    """Costs per person, in SEK: officers see and write those of their bodies' events,
    coordinators all; readers get 403."""

    serializer_class = CostSerializer
    permission_classes = [NotReader]
    filter_backends = FILTERS
    filterset_class = CostFilter

    def get_queryset(self) -> QuerySet[Cost]:
        if getattr(self, "swagger_fake_view", False):
            return Cost.objects.none()
        return (
            access.visible_costs(self.request.user)
            .select_related("body", "participation__event")
            .order_by("pk")
        )

    def perform_create(self, serializer: serializers.BaseSerializer[Cost]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = call(
            services.cost_add,
            participation=data.pop("participation"),
            user=self.request.user,
            **data,
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Cost]) -> None:
        instance = serializer.instance
        assert instance is not None
        changes = dict(serializer.validated_data)
        if changes.pop("participation", instance.participation) != instance.participation:
            raise serializers.ValidationError(
                {"participation": [_("A cost stays with its participation.")]}
            )
        serializer.instance = call(
            services.cost_update, cost=instance, user=self.request.user, changes=changes
        )

    def perform_destroy(self, instance: Cost) -> None:
        call(services.cost_remove, cost=instance, user=self.request.user)
