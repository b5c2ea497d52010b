"""The EU-funding endpoints, included into /api/v1/ by omvarld.api.urls."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import funding

router = SimpleRouter()
router.register("funding-programmes", funding.ProgrammeViewSet, basename="fundingprogramme")
router.register("funding-calls", funding.CallViewSet, basename="fundingcall")
router.register("funding-projects", funding.ProjectViewSet, basename="fundingproject")
router.register("funding-periods", funding.ReportingPeriodViewSet, basename="fundingperiod")
router.register("funding-claims", funding.PaymentClaimViewSet, basename="fundingclaim")

urlpatterns = [
    path("funding-portfolio/", funding.PortfolioView.as_view(), name="funding_portfolio"),
    *router.urls,
]
