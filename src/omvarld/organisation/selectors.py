"""Reads of the organisation."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from .models import Body, Municipality, Office, ProgrammeGoal


def municipality_current() -> Municipality | None:
    """The municipality the platform serves (the first one loaded)."""
    return Municipality.objects.order_by("pk").first()


def body_list(*, include_inactive: bool = False) -> QuerySet[Body]:
    """Bodies with their municipality and member and office counts, for list pages."""
    qs = Body.objects.all() if include_inactive else Body.objects.active_on()
    return qs.select_related("municipality").annotate(
        member_count=Count("members", distinct=True), office_count=Count("offices", distinct=True)
    )


def body_detail(*, pk: int) -> Body:
    """One body with what its page shows."""
    return (
        Body.objects.select_related("municipality")
        .prefetch_related("offices", "predecessors", "successors", "members")
        .get(pk=pk)
    )


def office_list(*, include_inactive: bool = False) -> QuerySet[Office]:
    """Offices with the bodies they serve."""
    qs = Office.objects.all() if include_inactive else Office.objects.active_on()
    return qs.select_related("municipality").prefetch_related("bodies")


def programme_goal_list(*, include_inactive: bool = False) -> QuerySet[ProgrammeGoal]:
    """The goals of the programme for international work, in the programme's order; only the
    active ones unless asked (records keep the inactive goals they were tied to)."""
    qs = ProgrammeGoal.objects.all()
    return qs if include_inactive else qs.filter(active=True)
