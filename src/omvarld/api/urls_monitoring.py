"""The EU-monitoring endpoints, included into /api/v1/ by omvarld.api.urls."""

from rest_framework.routers import SimpleRouter

from . import monitoring

router = SimpleRouter()
router.register("eu-initiatives", monitoring.InitiativeViewSet, basename="euinitiative")
router.register("eu-stages", monitoring.StageEventViewSet, basename="eustage")
router.register("eu-feedback-windows", monitoring.FeedbackWindowViewSet, basename="euwindow")
router.register("eu-assessments", monitoring.AssessmentViewSet, basename="euassessment")
router.register("eu-actions", monitoring.InfluenceActionViewSet, basename="euaction")

urlpatterns = router.urls
