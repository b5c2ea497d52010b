from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from omvarld.core import permissions
from omvarld.euimpact.model import AREA_CODES
from omvarld.knowledge.models import EUAct, PolicyArea, Statute
from omvarld.meetings.models import AgendaItem, ItemAnalysis, ItemReview, Meeting
from omvarld.organisation.models import Body, Municipality, Office, ProgrammeGoal

STRUCTURE_MESSAGE = _("Only administrators and coordinators may change this.")


class ProfileOnlyForOfficers:
    """Officers may change a unit's description and contact address; the rest is structure,
    for coordinators. Mixed into the serializers of bodies and offices."""

    PROFILE_FIELDS = frozenset({"description", "contact_email"})
    context: dict[str, Any]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        request = self.context.get("request")
        if request is not None and not permissions.can_manage(request.user):
            structural = set(attrs) - self.PROFILE_FIELDS
            if structural:
                raise serializers.ValidationError(dict.fromkeys(structural, STRUCTURE_MESSAGE))
        return attrs


class MunicipalitySerializer(serializers.ModelSerializer[Municipality]):
    class Meta:
        model = Municipality
        fields = ["id", "name", "code", "county", "website"]


class BodySerializer(ProfileOnlyForOfficers, serializers.ModelSerializer[Body]):
    predecessors = serializers.SlugRelatedField(
        many=True, slug_field="short_name", queryset=Body.objects.all(), required=False
    )
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Body
        fields = [
            "id",
            "municipality",
            "name",
            "short_name",
            "kind",
            "active_from",
            "active_until",
            "is_active",
            "predecessors",
            "description",
            "contact_email",
        ]


class OfficeSerializer(ProfileOnlyForOfficers, serializers.ModelSerializer[Office]):
    bodies = serializers.SlugRelatedField(
        many=True, slug_field="short_name", queryset=Body.objects.all(), required=False
    )

    class Meta:
        model = Office
        fields = [
            "id",
            "municipality",
            "name",
            "short_name",
            "active_from",
            "active_until",
            "bodies",
            "description",
            "contact_email",
        ]


class ProgrammeGoalSerializer(serializers.ModelSerializer[ProgrammeGoal]):
    class Meta:
        model = ProgrammeGoal
        fields = [
            "id",
            "code",
            "kind",
            "name_sv",
            "name_en",
            "description",
            "source",
            "source_url",
            "position",
            "active",
        ]


class EUActSerializer(serializers.ModelSerializer[EUAct]):
    areas: serializers.SlugRelatedField[PolicyArea] = serializers.SlugRelatedField(
        many=True, slug_field="code", read_only=True
    )
    replaced_by: serializers.SlugRelatedField[EUAct] = serializers.SlugRelatedField(
        slug_field="celex", read_only=True
    )
    eurlex_url = serializers.URLField(read_only=True)

    class Meta:
        model = EUAct
        fields = [
            "celex",
            "act_type",
            "citation",
            "title_sv",
            "title_en",
            "names",
            "areas",
            "binding",
            "status",
            "replaced_by",
            "eurlex_url",
        ]


class StatuteSerializer(serializers.ModelSerializer[Statute]):
    areas: serializers.SlugRelatedField[PolicyArea] = serializers.SlugRelatedField(
        many=True, slug_field="code", read_only=True
    )
    implements: serializers.SlugRelatedField[EUAct] = serializers.SlugRelatedField(
        many=True, slug_field="celex", read_only=True
    )
    supplements: serializers.SlugRelatedField[EUAct] = serializers.SlugRelatedField(
        many=True, slug_field="celex", read_only=True
    )

    class Meta:
        model = Statute
        fields = [
            "sfs",
            "title_sv",
            "names",
            "abbreviations",
            "areas",
            "implements",
            "supplements",
            "eu",
        ]


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    body = serializers.SlugRelatedField(slug_field="short_name", read_only=True)  # type: ignore[var-annotated]
    item_count = serializers.IntegerField(read_only=True)
    legal_count = serializers.IntegerField(read_only=True)
    policy_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "body", "date", "item_count", "legal_count", "policy_count"]


class ItemAnalysisSerializer(serializers.ModelSerializer[ItemAnalysis]):
    class Meta:
        model = ItemAnalysis
        fields = [
            "id",
            "engine_version",
            "knowledge_version",
            "kind",
            "eu",
            "funding",
            "areas",
            "evidence",
            "confidence",
            "is_current",
            "created_at",
        ]


class AgendaItemSerializer(serializers.ModelSerializer[AgendaItem]):
    meeting_date = serializers.DateField(source="meeting.date", read_only=True)
    body = serializers.CharField(source="meeting.body.short_name", read_only=True)
    areas = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)  # type: ignore[var-annotated]
    document = serializers.CharField(source="document.original_name", read_only=True)

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "meeting_date",
            "body",
            "document",
            "position",
            "number",
            "title",
            "text",
            "kind",
            "eu",
            "funding",
            "areas",
            "reviewed",
        ]


class ItemReviewSerializer(serializers.ModelSerializer[ItemReview]):
    reviewer = serializers.CharField(source="reviewer.username", read_only=True, default=None)
    areas = serializers.ListField(
        child=serializers.ChoiceField(choices=AREA_CODES), max_length=3, required=False
    )

    class Meta:
        model = ItemReview
        fields = [
            "id",
            "item",
            "reviewer",
            "kind",
            "eu",
            "funding",
            "areas",
            "comment",
            "created_at",
        ]
        read_only_fields = ["id", "item", "reviewer", "created_at"]
