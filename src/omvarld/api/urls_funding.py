"""The EU-funding endpoints, included into /api/v1/ by omvarld.api.urls."""

from rest_framework.routers import SimpleRouter

from . import funding

router = SimpleRouter()
router.register("funding-programmes", funding.ProgrammeViewSet, basename="fundingprogramme")
router.register("funding-calls", funding.CallViewSet, basename="fundingcall")
router.register("funding-projects", funding.ProjectViewSet, basename="fundingproject")
router.register("funding-periods", funding.ReportingPeriodViewSet, basename="fundingperiod")
router.register("funding-claims", funding.PaymentClaimViewSet, basename="fundingclaim")
router.register("funding-portfolio", funding.PortfolioViewSet, basename="fundingportfolio")

urlpatterns = router.urls
