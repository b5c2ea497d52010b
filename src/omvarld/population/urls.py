from django.urls import path

from . import views

app_name = "population"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("export/<slug:name>.<str:fmt>", views.overview_export, name="overview_export"),
    path("land/", views.country_list, name="country_list"),
    path("land/<str:key>/", views.country_detail, name="country_detail"),
    path(
        "land/<str:key>/export/<slug:name>.<str:fmt>",
        views.country_export,
        name="country_export",
    ),
    path("import/", views.import_start, name="import"),
    path("import/<int:pk>/", views.fetch_detail, name="fetch_detail"),
    path("import/<int:pk>/svar.json", views.fetch_payload, name="fetch_payload"),
]
