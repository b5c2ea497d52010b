from django.urls import path

from . import views_calls, views_portfolio, views_projects

app_name = "funding"

urlpatterns = [
    path("", views_calls.overview, name="overview"),
    path("program/", views_calls.programme_list, name="programme_list"),
    path("program/<slug:code>/", views_calls.programme_detail, name="programme_detail"),
    path("utlysningar/", views_calls.call_list, name="call_list"),
    path("utlysningar/ny/", views_calls.call_create, name="call_create"),
    path("utlysningar/importera/", views_calls.call_import, name="call_import"),
    path("utlysningar/<int:pk>/", views_calls.call_detail, name="call_detail"),
    path("utlysningar/<int:pk>/andra/", views_calls.call_edit, name="call_edit"),
    path("utlysningar/<int:pk>/matcha/", views_calls.call_rematch, name="call_rematch"),
    path("utlysningar/<int:pk>/organ/", views_calls.match_add, name="match_add"),
    path(
        "utlysningar/<int:pk>/organ/<int:body_id>/status/",
        views_calls.match_status,
        name="match_status",
    ),
    path("organ/", views_calls.inbox_index, name="inbox_index"),
    path("organ/<int:body_id>/", views_calls.inbox, name="inbox"),
    path("projekt/", views_projects.project_list, name="project_list"),
    path("projekt/nytt/", views_projects.project_create, name="project_create"),
    path("projekt/<int:pk>/", views_projects.project_detail, name="project_detail"),
    path("projekt/<int:pk>/andra/", views_projects.project_edit, name="project_edit"),
    path("projekt/<int:pk>/status/", views_projects.project_status, name="project_status"),
    path("projekt/<int:pk>/ta-bort/", views_projects.project_delete, name="project_delete"),
    path("projekt/<int:pk>/dokument/ny/", views_projects.document_upload, name="document_upload"),
    path("projekt/<int:pk>/arenden/", views_projects.item_link, name="item_link"),
    path("projekt/<int:pk>/<slug:kind>/ny/", views_projects.record_form, name="record_create"),
    path(
        "projekt/<int:pk>/<slug:kind>/<int:record_pk>/",
        views_projects.record_form,
        name="record_edit",
    ),
    path(
        "projekt/<int:pk>/<slug:kind>/<int:record_pk>/ta-bort/",
        views_projects.record_delete,
        name="record_delete",
    ),
    path("dokument/<int:pk>/", views_projects.document_download, name="document_download"),
    path("portfolj/", views_portfolio.portfolio_page, name="portfolio"),
    path(
        "portfolj/<slug:table>.<slug:fmt>",
        views_portfolio.portfolio_export,
        name="portfolio_export",
    ),
]
