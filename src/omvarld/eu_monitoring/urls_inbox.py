from django.urls import path

from . import views_inbox

urlpatterns = [
    path("", views_inbox.initiative_list, name="initiative_list"),
]
