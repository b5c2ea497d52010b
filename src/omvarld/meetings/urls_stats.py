from django.urls import path

from . import views_stats

urlpatterns = [
    path("", views_stats.stats_overview, name="stats"),
    path("organ/<int:body_id>/", views_stats.stats_body, name="stats_body"),
    path("export/<slug:table>.<slug:fmt>", views_stats.stats_export, name="stats_export"),
]
