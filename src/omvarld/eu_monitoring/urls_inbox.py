from django.urls import path

from . import views_inbox

urlpatterns = [
    path("", views_inbox.initiative_list, name="initiative_list"),
    path("initiativ/<int:pk>/", views_inbox.initiative_detail, name="initiative_detail"),
    path("initiativ/<int:pk>/dirigera/", views_inbox.initiative_route, name="initiative_route"),
    path("initiativ/<int:pk>/organ/", views_inbox.routing_add, name="routing_add"),
    path(
        "initiativ/<int:pk>/organ/<int:body_id>/bedomning/",
        views_inbox.assessment_edit,
        name="assessment_edit",
    ),
    path(
        "initiativ/<int:pk>/organ/<int:body_id>/status/",
        views_inbox.routing_status,
        name="routing_status",
    ),
    path(
        "initiativ/<int:pk>/organ/<int:body_id>/ta-bort/",
        views_inbox.routing_remove,
        name="routing_remove",
    ),
    path("initiativ/<int:pk>/atgard/ny/", views_inbox.action_create, name="action_create"),
    path("atgard/<int:pk>/dokument/", views_inbox.action_document, name="action_document"),
    path("organ/", views_inbox.inbox_index, name="inbox_index"),
    path("organ/<int:body_id>/", views_inbox.inbox, name="inbox"),
    path("organ/<int:body_id>/rapport/", views_inbox.report, name="report"),
    path("organ/<int:body_id>/rapport/<int:year>/", views_inbox.report, name="report_year"),
]
