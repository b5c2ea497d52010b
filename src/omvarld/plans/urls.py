from django.urls import path

from . import views, views_reports

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("mal/", views.goal_list, name="goal_list"),
    path("indikatorer/", views.indicator_list, name="indicator_list"),
    path("ny/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/andra/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/ta-bort/", views.plan_delete, name="plan_delete"),
    path("<int:pk>/aktivitet/ny/", views.activity_create, name="activity_create"),
    path("aktivitet/<int:pk>/andra/", views.activity_edit, name="activity_edit"),
    path("aktivitet/<int:pk>/status/", views.activity_status, name="activity_status"),
    path("aktivitet/<int:pk>/ta-bort/", views.activity_delete, name="activity_delete"),
    path("uppfoljning/<int:year>/", views_reports.report, name="report_municipality"),
    path(
        "uppfoljning/<int:year>/uppfoljning.<str:fmt>",
        views_reports.report_file,
        name="report_file_municipality",
    ),
    path(
        "uppfoljning/<int:year>/hojdpunkter/",
        views_reports.report_highlights,
        name="report_highlights_municipality",
    ),
    path(
        "uppfoljning/<int:year>/anta/",
        views_reports.report_adopt,
        name="report_adopt_municipality",
    ),
    path("uppfoljning/<int:year>/organ/<int:body_id>/", views_reports.report, name="report_body"),
    path(
        "uppfoljning/<int:year>/organ/<int:body_id>/uppfoljning.<str:fmt>",
        views_reports.report_file,
        name="report_file_body",
    ),
    path(
        "uppfoljning/<int:year>/organ/<int:body_id>/hojdpunkter/",
        views_reports.report_highlights,
        name="report_highlights_body",
    ),
    path(
        "uppfoljning/<int:year>/organ/<int:body_id>/anta/",
        views_reports.report_adopt,
        name="report_adopt_body",
    ),
]
