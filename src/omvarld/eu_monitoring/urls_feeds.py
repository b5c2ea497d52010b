from django.urls import path

from . import views_deadlines, views_feeds

urlpatterns = [
    path("tidsfrister/", views_deadlines.deadline_list, name="deadline_list"),
    path("tidsfrister/prenumerera/", views_deadlines.deadline_subscribe, name="deadline_subscribe"),
    path(
        "tidsfrister/prenumerera/ny-nyckel/",
        views_deadlines.feed_key_replace,
        name="feed_key_replace",
    ),
    path("veckosammanfattning/", views_deadlines.digest_preview, name="digest_preview"),
    path("kalender/<str:key>/<str:name>.ics", views_feeds.calendar, name="calendar"),
    path("flode/<str:key>/<str:name>.rss", views_feeds.BodyRssFeed(), name="feed_rss"),
    path("flode/<str:key>/<str:name>.atom", views_feeds.BodyAtomFeed(), name="feed_atom"),
]
