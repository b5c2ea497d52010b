"""The population endpoints, included into /api/v1/ by omvarld.api.urls."""

from rest_framework.routers import SimpleRouter

from . import population

router = SimpleRouter()
router.register("population/tables", population.StatTableViewSet, basename="poptable")
router.register("population/countries", population.CountryViewSet, basename="popcountry")
router.register("population/figures", population.ObservationViewSet, basename="popfigure")

urlpatterns = router.urls
