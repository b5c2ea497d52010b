from django.urls import include, path

app_name = "eu_monitoring"

urlpatterns = [
    path("", include("omvarld.eu_monitoring.urls_inbox")),
    path("", include("omvarld.eu_monitoring.urls_feeds")),
]
