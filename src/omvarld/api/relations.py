"""The API of the relations register: partners, memberships, agreements, activities, contacts.

Reads for every user (contacts only for those who may see them, every one logged as viewed).
Writes go through :mod:`omvarld.relations.services`, which apply the permission layer:
coordinators write everything; officers write what belongs to their bodies and offices (their
bodies' activities, the partners they are responsible for) and get 403 elsewhere; coordinators
delete. The filters are the register page's (django-filter), so a bad parameter is a 400.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Office
from omvarld.relations import privacy, selectors, services
from omvarld.relations.constants import ViewChannel
from omvarld.relations.countries import validate_country_code
from omvarld.relations.filters import ActivityFilter, PartnerFilter
from omvarld.relations.models import (
    Activity,
    Agreement,
    AgreementDocument,
    Contact,
    Membership,
    Partner,
)

from .permissions import RolePermission

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class RelationsPermission(RolePermission):
    """As :class:`RolePermission`, except that officers may create: the service then checks that
    the record belongs to one of their bodies or offices."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method == "POST":
            return permissions.can_view(request.user)
        return super().has_permission(request, view)


def _invalid(error: DjangoValidationError) -> serializers.ValidationError:
    if isinstance(error, services.DuplicatePartnerError):
        existing = error.existing
        return serializers.ValidationError(
            {
                "non_field_errors": error.messages,
                "existing": {
                    "id": str(existing.pk),
                    "url": reverse("relations:partner_detail", kwargs={"pk": existing.pk}),
                },
            }
        )
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(error.message_dict)
    return serializers.ValidationError(error.messages)


def _short_names(queryset: Any) -> Any:
    return serializers.SlugRelatedField(
        many=True, slug_field="short_name", queryset=queryset, required=False
    )


class CountryField(serializers.CharField):
    """An ISO 3166-1 alpha-2 code; an unknown code gets the register's Swedish message."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=2, allow_blank=True, required=False, **kwargs)
        self.validators.append(validate_country_code)

    def to_internal_value(self, data: Any) -> str:
        return str(super().to_internal_value(data)).upper()


class PartnerSerializer(serializers.ModelSerializer[Partner]):
    country = CountryField()
    bodies = _short_names(Body.objects.all())
    offices = _short_names(Office.objects.all())
    areas = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=PolicyArea.objects.all(), required=False
    )
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = Partner
        fields = [
            "id",
            "name",
            "name_sv",
            "display_name",
            "kind",
            "relation",
            "country",
            "place",
            "latitude",
            "longitude",
            "website",
            "since",
            "until",
            "status",
            "bodies",
            "offices",
            "areas",
            "description",
            "sources",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "display_name", "created_at", "updated_at"]
        # The duplicate check of the service says which partner it is; no generic message.
        validators: list[Any] = []


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    body = serializers.SlugRelatedField(
        slug_field="short_name", queryset=Body.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Membership
        fields = [
            "id",
            "partner",
            "body",
            "starts",
            "ends",
            "fee",
            "currency",
            "representative",
            "renewal_date",
            "notice_date",
            "notes",
        ]


class DocumentSerializer(serializers.ModelSerializer[AgreementDocument]):
    download = serializers.SerializerMethodField()

    class Meta:
        model = AgreementDocument
        fields = ["id", "title", "original_name", "kind", "size", "sha256", "download"]

    def get_download(self, document: AgreementDocument) -> str:
        return reverse("relations:document_download", kwargs={"pk": document.pk})


class AgreementSerializer(serializers.ModelSerializer[Agreement]):
    body = serializers.SlugRelatedField(
        slug_field="short_name", queryset=Body.objects.all(), required=False, allow_null=True
    )
    documents = DocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "title",
            "kind",
            "partner",
            "other_partners",
            "reference",
            "signed",
            "valid_from",
            "valid_until",
            "renewal_date",
            "notice_date",
            "body",
            "summary",
            "documents",
        ]


class ActivitySerializer(serializers.ModelSerializer[Activity]):
    bodies = _short_names(Body.objects.all())
    offices = _short_names(Office.objects.all())
    participants = serializers.SlugRelatedField(
        many=True, slug_field="username", queryset=User.objects.all(), required=False
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "kind",
            "title",
            "starts",
            "ends",
            "place",
            "partners",
            "bodies",
            "offices",
            "participants",
            "participants_note",
            "purpose",
            "outcome",
            "follow_up",
            "follow_up_date",
            "follow_up_done",
        ]


class ContactSerializer(serializers.ModelSerializer[Contact]):
    class Meta:
        model = Contact
        fields = [
            "id",
            "partner",
            "name",
            "role",
            "email",
            "phone",
            "languages",
            "notes",
            "legal_basis",
            "purpose",
            "retention_until",
        ]


class ServiceViewSet(viewsets.ModelViewSet[Any]):
    """Create, update and delete through the app's services, with their errors as 400s."""

    permission_classes = [RelationsPermission]

    def _call(self, function: Any, **kwargs: Any) -> Any:
        try:
            return function(user=self.request.user, **kwargs)
        except DjangoValidationError as error:
            raise _invalid(error) from None

    def perform_destroy(self, instance: Any) -> None:
        self._call(self.delete_service, **{self.record_name: instance})

    delete_service: Any
    record_name: str


class PartnerViewSet(ServiceViewSet):
    """The partner register. Filters: q, kind, relation, country, status, body (short name),
    area (code). A partner already registered (same name and country, or same website) is a
    400 that names it."""

    serializer_class = PartnerSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PartnerFilter
    delete_service = staticmethod(services.partner_delete)
    record_name = "partner"

    def get_queryset(self) -> QuerySet[Partner]:
        return selectors.partner_list().prefetch_related("offices", "areas")

    def perform_create(self, serializer: serializers.BaseSerializer[Partner]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = self._call(
            services.partner_create,
            name=data.pop("name"),
            kind=data.pop("kind"),
            country=data.pop("country", ""),
            bodies=data.pop("bodies", []),
            offices=data.pop("offices", []),
            areas=data.pop("areas", []),
            **data,
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Partner]) -> None:
        serializer.instance = self._call(
            services.partner_update,
            partner=serializer.instance,
            changes=dict(serializer.validated_data),
        )


class MembershipViewSet(ServiceViewSet):
    """Memberships of networks; filter with ?partner=ID."""

    serializer_class = MembershipSerializer
    delete_service = staticmethod(services.membership_delete)
    record_name = "membership"

    def get_queryset(self) -> QuerySet[Membership]:
        qs = Membership.objects.select_related("body", "partner").prefetch_related(
            "partner__bodies", "partner__offices"
        )
        partner = self.request.query_params.get("partner", "") if self.request else ""
        return qs.filter(partner_id=int(partner)) if partner.isdigit() else qs.order_by("pk")

    def perform_create(self, serializer: serializers.BaseSerializer[Membership]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = self._call(
            services.membership_create, partner=data.pop("partner"), **data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Membership]) -> None:
        changes = dict(serializer.validated_data)
        if changes.pop("partner", serializer.instance.partner) != serializer.instance.partner:  # type: ignore[union-attr]
            raise serializers.ValidationError(
                {"partner": [_("A membership stays with its network.")]}
            )
        serializer.instance = self._call(
            services.membership_update, membership=serializer.instance, changes=changes
        )


class AgreementViewSet(ServiceViewSet):
    """Agreements with their documents (download addresses); filter with ?partner=ID."""

    serializer_class = AgreementSerializer
    delete_service = staticmethod(services.agreement_delete)
    record_name = "agreement"

    def get_queryset(self) -> QuerySet[Agreement]:
        qs = Agreement.objects.select_related("body", "partner").prefetch_related(
            "documents", "other_partners", "partner__bodies", "partner__offices"
        )
        partner = self.request.query_params.get("partner", "") if self.request else ""
        if partner.isdigit():
            qs = qs.filter(Q(partner_id=int(partner)) | Q(other_partners=int(partner))).distinct()
        return qs.order_by("pk")

    def perform_create(self, serializer: serializers.BaseSerializer[Agreement]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = self._call(
            services.agreement_create,
            partner=data.pop("partner"),
            other_partners=data.pop("other_partners", []),
            **data,
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Agreement]) -> None:
        changes = dict(serializer.validated_data)
        if changes.pop("partner", serializer.instance.partner) != serializer.instance.partner:  # type: ignore[union-attr]
            raise serializers.ValidationError(
                {"partner": [_("An agreement stays with its partner.")]}
            )
        serializer.instance = self._call(
            services.agreement_update,
            agreement=serializer.instance,
            changes=changes,
            other_partners=changes.pop("other_partners", None),
        )


class ActivityViewSet(ServiceViewSet):
    """Activities; officers record and change their own bodies' activities.
    Filters: kind, body (short name), year, partner (id)."""

    serializer_class = ActivitySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ActivityFilter
    delete_service = staticmethod(services.activity_delete)
    record_name = "activity"

    def get_queryset(self) -> QuerySet[Activity]:
        return selectors.activity_list().prefetch_related("offices", "participants")

    def perform_create(self, serializer: serializers.BaseSerializer[Activity]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = self._call(
            services.activity_create,
            kind=data.pop("kind"),
            title=data.pop("title"),
            starts=data.pop("starts"),
            purpose=data.pop("purpose"),
            bodies=data.pop("bodies", []),
            offices=data.pop("offices", []),
            **data,
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Activity]) -> None:
        serializer.instance = self._call(
            services.activity_update,
            activity=serializer.instance,
            changes=dict(serializer.validated_data),
        )


class ContactViewSet(ServiceViewSet):
    """Contacts at partners: personal data. Only coordinators, administrators and officers of the
    partner's bodies and offices see them (others get 403 or an empty list); every contact
    returned is logged as viewed. Erasure is ``manage.py relations_contact_erase`` or the
    button on the contact's page, never a DELETE."""

    serializer_class = ContactSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Contact]:
        qs = Contact.objects.select_related("partner").prefetch_related(
            "partner__bodies", "partner__offices"
        )
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return qs.none()
        user = self.request.user
        if permissions.is_coordinator(user):
            return qs.order_by("pk")
        if permissions.role_of(user) != "officer":
            raise PermissionDenied
        bodies, offices = permissions.member_ids(user)
        visible = Q(partner__bodies__in=bodies) | Q(partner__offices__in=offices)
        return qs.filter(visible).distinct().order_by("pk")

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        if page is not None:
            privacy.contact_views_record(
                user=self.request.user, contacts=page, channel=ViewChannel.API
            )
        return page

    def get_object(self) -> Contact:
        contact: Contact = super().get_object()
        if self.action == "retrieve":
            privacy.contact_views_record(
                user=self.request.user, contacts=[contact], channel=ViewChannel.API
            )
        return contact

    def perform_create(self, serializer: serializers.BaseSerializer[Contact]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = self._call(
            services.contact_create, partner=data.pop("partner"), **data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Contact]) -> None:
        changes = dict(serializer.validated_data)
        if changes.pop("partner", serializer.instance.partner) != serializer.instance.partner:  # type: ignore[union-attr]
            raise serializers.ValidationError({"partner": [_("A contact stays with its partner.")]})
        serializer.instance = self._call(
            services.contact_update, contact=serializer.instance, changes=changes
        )
