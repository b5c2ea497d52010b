"""EU funding: programmes, calls and their matches to bodies, projects and their follow-up."""

from .calls import Call, CallFetch, CallMatch
from .follow_up import (
    PaymentClaim,
    ProjectDocument,
    ProjectItemLink,
    ProjectResult,
    ReportingPeriod,
)
from .programmes import Programme
from .projects import Project, ProjectPartner

__all__ = [
    "Call",
    "CallFetch",
    "CallMatch",
    "PaymentClaim",
    "Programme",
    "Project",
    "ProjectDocument",
    "ProjectItemLink",
    "ProjectPartner",
    "ProjectResult",
    "ReportingPeriod",
]
