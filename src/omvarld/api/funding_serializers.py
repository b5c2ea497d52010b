"""The serializers of the EU-funding API (``omvarld.api.funding``): what a programme, call,
project, reporting period and payment claim look like, and the status move's input."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from omvarld.accounts.models import User
from omvarld.funding.constants import ProjectStatus
from omvarld.funding.models import (
    Call,
    CallMatch,
    PaymentClaim,
    Programme,
    Project,
    ReportingPeriod,
)
from omvarld.organisation.models import Body, Office

#: The pages' message for a negative amount (DRF would word its own).
NEGATIVE = gettext_lazy("The amount cannot be negative.")


class ProgrammeSerializer(serializers.ModelSerializer[Programme]):
    areas = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = Programme
        fields = [
            "code",
            "name_sv",
            "name_en",
            "fund",
            "management",
            "period_start",
            "period_end",
            "managing_authority",
            "national_contact",
            "eligibility",
            "eligibility_note",
            "areas",
            "url",
            "sources",
        ]


class CallMatchSerializer(serializers.ModelSerializer[CallMatch]):
    body = serializers.CharField(source="body.short_name", read_only=True)

    class Meta:
        model = CallMatch
        fields = ["body", "status", "score", "suggested", "reasons"]


class CallSerializer(serializers.ModelSerializer[Call]):
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]
    areas = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)  # type: ignore[var-annotated]
    matches = CallMatchSerializer(many=True, read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = [
            "id",
            "identifier",
            "call_identifier",
            "title",
            "title_sv",
            "programme",
            "opens",
            "deadline",
            "deadlines",
            "status",
            "budget",
            "budget_currency",
            "types_of_action",
            "areas",
            "url",
            "source",
            "matches",
            "updated_at",
        ]

    def get_status(self, call: Call) -> str | None:
        found = call.status
        return found.value if found else None


class ProjectSerializer(serializers.ModelSerializer[Project]):
    programme = serializers.SlugRelatedField(
        slug_field="code", queryset=Programme.objects.all(), required=False, allow_null=True
    )
    bodies = serializers.SlugRelatedField(
        many=True, slug_field="short_name", queryset=Body.objects.all(), required=False
    )
    offices = serializers.SlugRelatedField(
        many=True, slug_field="short_name", queryset=Office.objects.all(), required=False
    )
    responsible = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "acronym",
            "description",
            "programme",
            "call",
            "municipality_leads",
            "lead_partner",
            "bodies",
            "offices",
            "responsible",
            "status",
            "submitted_on",
            "decision",
            "decided_on",
            "starts",
            "ends",
            "final_report_due",
            "currency",
            "exchange_rate",
            "total_budget",
            "eu_grant_applied",
            "eu_grant_awarded",
            "own_cofinancing",
            "own_hours",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "status", "decision", "created_at", "updated_at"]
        extra_kwargs = {
            name: {"error_messages": {"min_value": NEGATIVE}}
            for name in (
                "total_budget",
                "eu_grant_applied",
                "eu_grant_awarded",
                "own_cofinancing",
                "own_hours",
            )
        }


class StatusSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=ProjectStatus.choices)
    on = serializers.DateField(required=False, allow_null=True)
    eu_grant_awarded = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True
    )
    exchange_rate = serializers.DecimalField(
        max_digits=10, decimal_places=4, required=False, allow_null=True
    )


class ReportingPeriodSerializer(serializers.ModelSerializer[ReportingPeriod]):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "project", "starts", "ends", "report_due", "submitted_on", "note"]


class PaymentClaimSerializer(serializers.ModelSerializer[PaymentClaim]):
    class Meta:
        model = PaymentClaim
        fields = [
            "id",
            "project",
            "period",
            "due",
            "currency",
            "amount_claimed",
            "submitted_on",
            "amount_received",
            "received_on",
        ]
        extra_kwargs = {
            name: {"error_messages": {"min_value": NEGATIVE}}
            for name in ("amount_claimed", "amount_received")
        }
