"""The relations register's endpoints, included into /api/v1/ by omvarld.api.urls."""

from rest_framework.routers import SimpleRouter

from . import relations

router = SimpleRouter()
router.register("partners", relations.PartnerViewSet, basename="partner")
router.register("memberships", relations.MembershipViewSet, basename="membership")
router.register("agreements", relations.AgreementViewSet, basename="agreement")
router.register("activities", relations.ActivityViewSet, basename="activity")
router.register("contacts", relations.ContactViewSet, basename="contact")

urlpatterns = router.urls
