"""Reads of the relations register.

For other apps (see ``docs/relations.md``): :func:`partner_summaries`, :func:`partners_by_country`,
:func:`partner_counts_by_country`, :func:`partner_choices`, :func:`partner_search`, and per body
:func:`body_year_counts`, :func:`needs_doing`, :func:`recent_changes`.
"""

from .bodies import (
    BodyOverview,
    Change,
    YearCounts,
    body_activities,
    body_overview,
    body_partners,
    body_year_counts,
    needs_doing,
    recent_changes,
)
from .maps import MapView, Marker, map_view
from .partners import (
    PartnerPage,
    TimelineEntry,
    activity_detail,
    activity_list,
    agreement_detail,
    partner_agreements,
    partner_detail,
    partner_list,
    partner_page,
)
from .shared import (
    CURRENT,
    PartnerSummary,
    partner_choices,
    partner_counts_by_country,
    partner_search,
    partner_summaries,
    partners_by_country,
)

__all__ = [
    "CURRENT",
    "BodyOverview",
    "Change",
    "MapView",
    "Marker",
    "PartnerPage",
    "PartnerSummary",
    "TimelineEntry",
    "YearCounts",
    "activity_detail",
    "activity_list",
    "agreement_detail",
    "body_activities",
    "body_overview",
    "body_partners",
    "body_year_counts",
    "map_view",
    "needs_doing",
    "partner_agreements",
    "partner_choices",
    "partner_counts_by_country",
    "partner_detail",
    "partner_list",
    "partner_page",
    "partner_search",
    "partner_summaries",
    "partners_by_country",
    "recent_changes",
]
