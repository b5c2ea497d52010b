from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.act_list, name="act_list"),
    path("eu-rattsakter/<str:celex>/", views.act_detail, name="act_detail"),
    path("svenska-forfattningar/", views.statute_list, name="statute_list"),
]
