"""The exchange endpoints, included into /api/v1/ by omvarld.api.urls."""

from rest_framework.routers import SimpleRouter

from . import exchange, exchange_reports

router = SimpleRouter()
router.register("exchange-events", exchange.EventViewSet, basename="exchangeevent")
router.register(
    "exchange-participations", exchange.ParticipationViewSet, basename="exchangeparticipation"
)
router.register("exchange-costs", exchange.CostViewSet, basename="exchangecost")
router.register("exchange-reports", exchange_reports.ReportViewSet, basename="exchangereport")
router.register("exchange-lessons", exchange_reports.LessonViewSet, basename="exchangelesson")
router.register("exchange-ideas", exchange_reports.IdeaViewSet, basename="exchangeidea")
router.register("exchange-actions", exchange_reports.ActionViewSet, basename="exchangeaction")

urlpatterns = router.urls
