from django.urls import include, path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("arenden/", views.item_list, name="item_list"),
    path("sammantraden/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("arenden/<int:pk>/", views.item_detail, name="item_detail"),
    path("granskning/", views.review_report, name="review_report"),
    path("analysera-om/", views.reanalyse, name="reanalyse"),
    path("granskning/export.jsonl", views.review_export, name="review_export"),
    path("import/", include("omvarld.meetings.urls_import")),
    path("statistik/", include("omvarld.meetings.urls_stats")),
]
