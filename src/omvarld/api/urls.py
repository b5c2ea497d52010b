from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import views, views_overview
from .urls_monitoring import router as monitoring_router

app_name = "api"


class Router(DefaultRouter):
    """The API's router: its root lists every resource, the EU monitoring ones and the
    statistics included."""

    APIRootView = views_overview.OmvarldAPIRoot

    def get_api_root_view(self, api_urls=None):  # type: ignore[no-untyped-def]
        view = super().get_api_root_view(api_urls)
        view.initkwargs["api_root_dict"]["statistics"] = "statistics"  # type: ignore[attr-defined]
        return view


router = Router()
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("bodies", views.BodyViewSet, basename="body")
router.register("offices", views.OfficeViewSet, basename="office")
router.register("eu-acts", views.EUActViewSet, basename="euact")
router.register("statutes", views.StatuteViewSet, basename="statute")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("items", views.AgendaItemViewSet, basename="item")
for prefix, viewset, basename in monitoring_router.registry:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("dokumentation/", views_overview.api_overview, name="docs"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("", include(router.urls)),
]
