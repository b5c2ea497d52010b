from django.urls import path

from . import views_costs, views_events, views_feeds, views_overview, views_reports

app_name = "exchange"

urlpatterns = [
    path("", views_feeds.calendar, name="calendar"),
    path("kalender/<str:key>/<str:name>.ics", views_feeds.calendar_ics, name="calendar_ics"),
    path("flode/<str:key>/<str:name>.rss", views_feeds.BodyEventFeed(), name="feed_rss"),
    path("evenemang/", views_events.event_list, name="event_list"),
    path("evenemang/ny/", views_events.event_create, name="event_create"),
    path("evenemang/<int:pk>/", views_events.event_detail, name="event_detail"),
    path("evenemang/<int:pk>/andra/", views_events.event_edit, name="event_edit"),
    path("evenemang/<int:pk>/ta-bort/", views_events.event_delete, name="event_delete"),
    path(
        "evenemang/<int:pk>/deltagare/ny/",
        views_events.participation_add,
        name="participation_add",
    ),
    path("deltagare/<int:pk>/andra/", views_events.participation_edit, name="participation_edit"),
    path(
        "deltagare/<int:pk>/ta-bort/",
        views_events.participation_remove,
        name="participation_remove",
    ),
    path(
        "deltagare/<int:pk>/godkann/",
        views_events.participation_approve,
        name="participation_approve",
    ),
    path("deltagare/<int:pk>/kostnad/ny/", views_events.cost_add, name="cost_add"),
    path("deltagare/<int:pk>/radera-gast/", views_overview.guest_erase, name="guest_erase"),
    path("kostnad/<int:pk>/ta-bort/", views_events.cost_remove, name="cost_remove"),
    path(
        "evenemang/<int:pk>/presentation/ny/",
        views_events.presentation_create,
        name="presentation_create",
    ),
    path(
        "presentation/<int:pk>/ta-bort/",
        views_events.presentation_remove,
        name="presentation_remove",
    ),
    path(
        "presentation/dokument/<int:pk>/",
        views_events.presentation_document,
        name="presentation_document",
    ),
    path("evenemang/<int:pk>/reserapport/", views_reports.report_detail, name="report_detail"),
    path("evenemang/<int:pk>/reserapport/skriv/", views_reports.report_edit, name="report_edit"),
    path(
        "evenemang/<int:pk>/reserapport/skicka-in/",
        views_reports.report_submit,
        name="report_submit",
    ),
    path(
        "evenemang/<int:pk>/reserapport/historik/",
        views_reports.report_history,
        name="report_history",
    ),
    path("evenemang/<int:pk>/reserapport/lardom/", views_reports.lesson_add, name="lesson_add"),
    path("evenemang/<int:pk>/reserapport/ide/", views_reports.idea_add, name="idea_add"),
    path(
        "evenemang/<int:pk>/reserapport/kontakt/",
        views_reports.report_contact_add,
        name="report_contact_add",
    ),
    path(
        "evenemang/<int:pk>/reserapport/dokument/",
        views_reports.report_document_add,
        name="report_document_add",
    ),
    path("lardom/<int:pk>/ta-bort/", views_reports.lesson_remove, name="lesson_remove"),
    path("ide/<int:pk>/ta-bort/", views_reports.idea_remove, name="idea_remove"),
    path("reserapport/dokument/<int:pk>/", views_reports.report_document, name="report_document"),
    path(
        "reserapport/dokument/<int:pk>/ta-bort/",
        views_reports.report_document_remove,
        name="report_document_remove",
    ),
    path("evenemang/<int:pk>/atgard/ny/", views_reports.action_create, name="action_create"),
    path("atgarder/", views_reports.action_list, name="action_list"),
    path("atgarder/<int:pk>/", views_reports.action_detail, name="action_detail"),
    path("atgarder/<int:pk>/andra/", views_reports.action_edit, name="action_edit"),
    path("kunskapsbank/", views_overview.knowledge_bank, name="knowledge"),
    path("kostnader/", views_costs.costs, name="costs"),
    path("kostnader/utbyte-kostnader.<str:fmt>", views_costs.costs_export, name="costs_export"),
    path("organ/<int:body_id>/", views_overview.body_page, name="body_page"),
    path("mina/", views_overview.my_page, name="my_page"),
    path("personuppgifter/", views_overview.guests, name="guests"),
]
