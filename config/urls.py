"""The project's URLs: every app under its own prefix, Swedish paths first."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

handler500 = "omvarld.core.views.server_error"

urlpatterns = [
    path("", include("omvarld.core.urls")),
    path("konto/", include("omvarld.accounts.urls")),
    path("organisation/", include("omvarld.organisation.urls")),
    path("kunskapsbank/", include("omvarld.knowledge.urls")),
    path("eu-analys/", include("omvarld.meetings.urls")),
    path("eu-bevakning/", include("omvarld.eu_monitoring.urls")),
    path("utbyte/", include("omvarld.exchange.urls")),
    path("relationer/", include("omvarld.relations.urls")),
    path("befolkning/", include("omvarld.population.urls")),
    path("eu-medel/", include("omvarld.funding.urls")),
    path("planer/", include("omvarld.plans.urls")),
    path("api/v1/", include("omvarld.api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

# A database that does not answer gets a 503 with Retry-After instead of the 500 page.
handler500 = "omvarld.core.views.server_error"
