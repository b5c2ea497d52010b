from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from omvarld.knowledge.models import EUAct, Statute
from omvarld.meetings import selectors as meeting_selectors
from omvarld.meetings import services as meeting_services
from omvarld.meetings.models import AgendaItem, Meeting
from omvarld.meetings.selectors import ItemFilters
from omvarld.meetings.statistics import StatsFilters, stats_report
from omvarld.organisation.models import Body, Municipality, Office, ProgrammeGoal
from omvarld.organisation.selectors import programme_goal_list

from . import filters, serializers
from .permissions import ReviewPermission


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


class ProgrammeGoalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[ProgrammeGoal],
):
    """The goals of the programme for international work that plans, events and trip reports
    refer to; coordinators add and change them (a goal is made inactive, never deleted)."""

    serializer_class = serializers.ProgrammeGoalSerializer

    def get_queryset(self) -> QuerySet[ProgrammeGoal]:
        return programme_goal_list(include_inactive=True)


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


class MeetingViewSet(viewsets.ReadOnlyModelViewSet[Meeting]):
    """Meetings with their item counts per EU code; filter with ?body=SHORTNAME&year=YYYY."""

    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilter

    def get_queryset(self) -> QuerySet[Meeting]:
        return meeting_selectors.meeting_list()


class AgendaItemViewSet(viewsets.ReadOnlyModelViewSet[AgendaItem]):
    """Agenda items with their effective coding (the latest review, else the engine's).

    Filters as on the item page: body (short name), date_from, date_to, eu, kind, area, funding,
    reviewed (true/false), q (Swedish full-text search), sort.
    """

    serializer_class = serializers.AgendaItemSerializer
    filterset_class = filters.AgendaItemFilter

    def get_queryset(self) -> QuerySet[AgendaItem]:
        return meeting_selectors.item_list(ItemFilters()).select_related("document")

    @extend_schema(responses=serializers.ItemAnalysisSerializer(many=True))
    @action(detail=True, methods=["get"])
    def analyses(self, request: Request, pk: str | None = None) -> Response:
        """Every analysis of the item by the engine, the current one first."""
        item = self.get_object()
        analyses = item.analyses.order_by("-is_current", "-created_at")
        return Response(serializers.ItemAnalysisSerializer(analyses, many=True).data)

    @extend_schema(
        request=serializers.ItemReviewSerializer,
        responses={
            200: serializers.ItemReviewSerializer(many=True),
            201: serializers.ItemReviewSerializer,
        },
    )
    @action(detail=True, methods=["get", "post"], permission_classes=[ReviewPermission])
    def reviews(self, request: Request, pk: str | None = None) -> Response:
        """GET: the item's reviews, newest first. POST: confirm or correct its coding."""
        item = self.get_object()
        if request.method == "GET":
            reviews = item.reviews.select_related("reviewer").order_by("-created_at")
            return Response(serializers.ItemReviewSerializer(reviews, many=True).data)
        serializer = serializers.ItemReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        review = meeting_services.item_review(
            item=item,
            reviewer=request.user,
            kind=data["kind"],
            eu=data["eu"],
            funding=data.get("funding", False),
            areas=list(data.get("areas", [])),
            comment=data.get("comment", ""),
        )
        return Response(
            serializers.ItemReviewSerializer(review).data, status=status.HTTP_201_CREATED
        )


class StatisticsView(APIView):
    """Shares of EU law, EU policy and none per year, body and area, among all items and among
    substantive items, with the counts behind them and the national studies' figures.

    Filters: body (short name), year_from, year_to.
    """

    @extend_schema(
        parameters=[filters.StatisticsQuery],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        query = filters.StatisticsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        body = data.get("body")
        chosen = StatsFilters(
            body_id=body.pk if body else None,
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
        )
        return Response(stats_report(chosen))
