from django.urls import path

from . import views_import

urlpatterns = [
    path("", views_import.import_start, name="import"),
]
