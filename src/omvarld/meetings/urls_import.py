from django.urls import path

from . import views_import

urlpatterns = [
    path("", views_import.import_start, name="import"),
    path("<int:pk>/", views_import.import_detail, name="import_detail"),
]
