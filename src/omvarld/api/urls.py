from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import views, views_overview

app_name = "api"


class Router(DefaultRouter):
    """The API's router; its root (:class:`views_overview.OmvarldAPIRoot`) lists every resource
    of /api/v1/, those each app includes below too."""

    APIRootView = views_overview.OmvarldAPIRoot


router = Router()
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("bodies", views.BodyViewSet, basename="body")
router.register("offices", views.OfficeViewSet, basename="office")
router.register("goals", views.ProgrammeGoalViewSet, basename="goal")
router.register("eu-acts", views.EUActViewSet, basename="euact")
router.register("statutes", views.StatuteViewSet, basename="statute")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("items", views.AgendaItemViewSet, basename="item")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("dokumentation/", views_overview.api_overview, name="docs"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("", include("omvarld.api.urls_monitoring")),
    path("", include("omvarld.api.urls_exchange")),
    path("", include("omvarld.api.urls_relations")),
    path("", include("omvarld.api.urls_population")),
    path("", include("omvarld.api.urls_funding")),
    path("", include("omvarld.api.urls_plans")),
    path("", include(router.urls)),
]
