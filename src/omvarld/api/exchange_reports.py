"""The API of trip reports, their lessons and ideas, and follow-up actions.

Submitted reports are read by every user; drafts by those who write them (the event's
participants, the officers of its bodies and offices) and coordinators. Writes go through
:mod:`omvarld.exchange.services.reports`, with the same rules as the pages.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from omvarld.accounts.models import User
from omvarld.exchange.constants import OPEN_ACTION_STATUSES, ActionStatus
from omvarld.exchange.models import Event, FollowUpAction, Idea, Lesson, TripReport
from omvarld.exchange.selectors import access
from omvarld.exchange.services import reports as services
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office

from .exchange import FILTERS, SignedIn, call

# --- Reports, lessons, ideas --------------------------------------------------------------------


class LessonSerializer(serializers.ModelSerializer[Lesson]):
    area = serializers.SlugRelatedField(
        slug_field="code", queryset=PolicyArea.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Lesson
        fields = ["id", "report", "text", "area"]
        read_only_fields = ["id"]


class IdeaSerializer(serializers.ModelSerializer[Idea]):
    area = serializers.SlugRelatedField(
        slug_field="code", queryset=PolicyArea.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Idea
        fields = ["id", "report", "title", "text", "area"]
        read_only_fields = ["id"]


class TripReportSerializer(serializers.ModelSerializer[TripReport]):
    event = serializers.PrimaryKeyRelatedField(queryset=Event.objects.all())
    lessons = LessonSerializer(many=True, read_only=True)
    ideas = IdeaSerializer(many=True, read_only=True)
    submitted_by = serializers.CharField(
        source="submitted_by.username", read_only=True, default=None
    )

    class Meta:
        model = TripReport
        fields = [
            "id",
            "event",
            "purpose",
            "summary",
            "contacts",
            "status",
            "submitted_at",
            "submitted_by",
            "lessons",
            "ideas",
            "updated_at",
        ]
        read_only_fields = ["id", "status", "submitted_at", "submitted_by", "updated_at"]


class ReportFilter(django_filters.FilterSet):
    body = django_filters.CharFilter(field_name="event__bodies__short_name")

    class Meta:
        model = TripReport
        fields = ["event", "status", "body"]


class ReportViewSet(viewsets.ModelViewSet[TripReport]):
    """Trip reports. POST begins the report of an event that has happened; POST
    ``/{id}/submit/`` submits it; a submitted report can still change, its history is kept."""

    serializer_class = TripReportSerializer
    permission_classes = [SignedIn]
    filter_backends = FILTERS
    filterset_class = ReportFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[TripReport]:
        if getattr(self, "swagger_fake_view", False):
            return TripReport.objects.none()
        return (
            access.visible_reports(self.request.user)
            .select_related("event", "submitted_by")
            .prefetch_related(
                Prefetch("lessons", Lesson.objects.select_related("area").order_by("pk")),
                Prefetch("ideas", Idea.objects.select_related("area").order_by("pk")),
                "event__bodies",
                "event__offices",
                "event__participations",
            )
            .order_by("-event__ends_on", "pk")
        )

    def perform_create(self, serializer: serializers.BaseSerializer[TripReport]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = call(
            services.report_start, event=data.pop("event"), user=self.request.user, **data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[TripReport]) -> None:
        instance = serializer.instance
        assert instance is not None
        changes = dict(serializer.validated_data)
        if changes.pop("event", instance.event) != instance.event:
            raise serializers.ValidationError({"event": [_("A report stays with its event.")]})
        serializer.instance = call(
            services.report_update, report=instance, user=self.request.user, changes=changes
        )

    @extend_schema(request=None, responses=TripReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        report = call(services.report_submit, report=self.get_object(), user=request.user)
        return Response(TripReportSerializer(report, context={"request": request}).data)


class _PartViewSet(viewsets.ModelViewSet[Any]):
    """Lessons and ideas of the reports the user may read; written by those who write them."""

    permission_classes = [SignedIn]
    filter_backends = FILTERS
    model: type[Lesson] | type[Idea]
    add: Any
    update: Any
    remove: Any
    field: str

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return (
            self.model.objects.filter(report__in=access.visible_reports(self.request.user))
            .select_related("area", "report__event")
            .prefetch_related("report__event__bodies", "report__event__offices")
            .order_by("report_id", "pk")
        )

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = call(
            type(self).add, report=data.pop("report"), user=self.request.user, **data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        instance = serializer.instance
        assert instance is not None
        changes = dict(serializer.validated_data)
        if changes.pop("report", instance.report) != instance.report:
            raise serializers.ValidationError({"report": [_("It stays with its report.")]})
        serializer.instance = call(
            type(self).update, **{self.field: instance}, user=self.request.user, changes=changes
        )

    def perform_destroy(self, instance: Any) -> None:
        call(type(self).remove, **{self.field: instance}, user=self.request.user)


class LessonViewSet(_PartViewSet):
    """Lessons of trip reports, each in an area."""

    serializer_class = LessonSerializer
    filterset_fields = ["report", "area"]
    model = Lesson
    add = services.lesson_add
    update = services.lesson_update
    remove = services.lesson_remove
    field = "lesson"


class IdeaViewSet(_PartViewSet):
    """Ideas to bring home from trip reports."""

    serializer_class = IdeaSerializer
    filterset_fields = ["report", "area"]
    model = Idea
    add = services.idea_add
    update = services.idea_update
    remove = services.idea_remove
    field = "idea"


# --- Follow-up actions --------------------------------------------------------------------------


class ActionSerializer(serializers.ModelSerializer[FollowUpAction]):
    owner = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True)
    )
    body = serializers.SlugRelatedField(
        slug_field="short_name", queryset=Body.objects.all(), required=False, allow_null=True
    )
    office = serializers.SlugRelatedField(
        slug_field="short_name", queryset=Office.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = FollowUpAction
        fields = [
            "id",
            "event",
            "idea",
            "lesson",
            "title",
            "description",
            "owner",
            "body",
            "office",
            "due_on",
            "status",
            "outcome",
            "agenda_item_id",
            "eu_initiative_id",
            "partner_id",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class ActionFilter(django_filters.FilterSet):
    body = django_filters.CharFilter(field_name="body__short_name")
    owner = django_filters.CharFilter(field_name="owner__username")
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices)
    overdue = django_filters.BooleanFilter(method="filter_overdue", help_text="Open, past due.")

    class Meta:
        model = FollowUpAction
        fields = ["event", "status", "body", "owner", "overdue"]

    def filter_overdue(
        self, queryset: QuerySet[FollowUpAction], name: str, value: bool
    ) -> QuerySet[FollowUpAction]:
        if not value:
            return queryset
        return queryset.filter(status__in=OPEN_ACTION_STATUSES, due_on__lt=timezone.localdate())


class ActionViewSet(viewsets.ModelViewSet[FollowUpAction]):
    """Follow-up actions from ideas and lessons: the owner and the officers of the body or office
    change them; coordinators and those officers delete."""

    serializer_class = ActionSerializer
    permission_classes = [SignedIn]
    filter_backends = FILTERS
    filterset_class = ActionFilter

    def get_queryset(self) -> QuerySet[FollowUpAction]:
        return FollowUpAction.objects.select_related("owner", "body", "office").order_by(
            "due_on", "pk"
        )

    def perform_create(self, serializer: serializers.BaseSerializer[FollowUpAction]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = call(
            services.action_create, event=data.pop("event"), user=self.request.user, **data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[FollowUpAction]) -> None:
        instance = serializer.instance
        assert instance is not None
        changes = dict(serializer.validated_data)
        for fixed in ("event", "idea", "lesson"):
            if changes.pop(fixed, getattr(instance, fixed)) != getattr(instance, fixed):
                raise serializers.ValidationError(
                    {fixed: [_("An action stays with its trip, idea and lesson.")]}
                )
        serializer.instance = call(
            services.action_update, action=instance, user=self.request.user, changes=changes
        )

    def perform_destroy(self, instance: FollowUpAction) -> None:
        call(services.action_remove, action=instance, user=self.request.user)
