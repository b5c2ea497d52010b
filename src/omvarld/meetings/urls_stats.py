from django.urls import path

from . import views_stats

urlpatterns = [
    path("", views_stats.stats_overview, name="stats"),
]
