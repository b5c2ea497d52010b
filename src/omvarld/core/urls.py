from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("bakgrundsjobb/", views.task_list, name="task_list"),
    path(
        "bakgrundsjobb/las-in-referensdata/", views.task_enqueue_reference_load, name="task_reload"
    ),
    path("andringslogg/", views.audit, name="audit"),
    # Pages without the layout (the admin site, the browsable API) still get the icon.
    path("favicon.ico", views.favicon, name="favicon"),
]
