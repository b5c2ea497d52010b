from __future__ import annotations

from django.contrib import admin

from omvarld.core.admin import PermissionAdmin

from .models import (
    Cost,
    Event,
    FollowUpAction,
    Idea,
    Lesson,
    Participation,
    Presentation,
    TripReport,
)


class ParticipationInline(admin.TabularInline[Participation, Event]):
    model = Participation
    fields = ["user", "guest_name", "role", "approved_by", "approved_at"]
    raw_id_fields = ["user", "approved_by"]
    extra = 0


@admin.register(Event)
class EventAdmin(PermissionAdmin):
    list_display = ["title", "kind", "starts_on", "ends_on", "country", "report_required"]
    list_filter = ["kind", "report_required", "bodies"]
    search_fields = ["title", "organiser", "place"]
    filter_horizontal = ["areas", "goals", "bodies", "offices"]
    raw_id_fields = ["created_by"]
    date_hierarchy = "starts_on"
    inlines = [ParticipationInline]


@admin.register(Participation)
class ParticipationAdmin(PermissionAdmin):
    list_display = ["__str__", "event", "role", "retention_until", "erased_at"]
    list_filter = ["role", "legal_basis"]
    search_fields = ["guest_name", "guest_email", "user__username", "event__title"]
    raw_id_fields = ["event", "user", "approved_by"]
    readonly_fields = ["erased_at"]


@admin.register(Cost)
class CostAdmin(PermissionAdmin):
    list_display = ["participation", "body", "kind", "amount"]
    list_filter = ["kind", "body"]
    raw_id_fields = ["participation"]


@admin.register(Presentation)
class PresentationAdmin(PermissionAdmin):
    list_display = ["title", "event", "kind"]
    raw_id_fields = ["event", "participation"]


class LessonInline(admin.TabularInline[Lesson, TripReport]):
    model = Lesson
    extra = 0


class IdeaInline(admin.TabularInline[Idea, TripReport]):
    model = Idea
    extra = 0


@admin.register(TripReport)
class TripReportAdmin(PermissionAdmin):
    list_display = ["event", "status", "submitted_at", "submitted_by"]
    list_filter = ["status"]
    search_fields = ["event__title", "purpose", "summary"]
    raw_id_fields = ["event", "submitted_by"]
    inlines = [LessonInline, IdeaInline]


@admin.register(FollowUpAction)
class FollowUpActionAdmin(PermissionAdmin):
    list_display = ["title", "owner", "body", "office", "due_on", "status"]
    list_filter = ["status", "body"]
    search_fields = ["title", "description"]
    raw_id_fields = ["event", "idea", "lesson", "owner", "created_by"]
