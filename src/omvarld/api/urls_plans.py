"""The endpoints of plans and follow-up, included into /api/v1/ by omvarld.api.urls."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import plans

router = SimpleRouter()
router.register("plans", plans.PlanViewSet, basename="plan")
router.register("plan-activities", plans.PlanActivityViewSet, basename="plan-activity")
router.register("annual-reports", plans.ReportViewSet, basename="annual-report")

urlpatterns = [
    # Named as a list so the API root links it with the other resources.
    path("indicators/", plans.IndicatorView.as_view(), name="indicator-list"),
    *router.urls,
]
