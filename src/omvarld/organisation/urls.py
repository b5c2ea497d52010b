from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("", views.body_list, name="body_list"),
    path("organ/<int:pk>/", views.body_detail, name="body_detail"),
    path("organ/<int:pk>/andra/", views.body_edit, name="body_edit"),
]
