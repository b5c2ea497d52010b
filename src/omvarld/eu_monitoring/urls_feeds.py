from django.urls import path

from . import feeds, views_feeds

urlpatterns = [
    path("tidsfrister/", views_feeds.deadline_list, name="deadline_list"),
    path("tidsfrister/prenumerera/", views_feeds.deadline_subscribe, name="deadline_subscribe"),
    path(
        "tidsfrister/prenumerera/ny-nyckel/",
        views_feeds.feed_key_replace,
        name="feed_key_replace",
    ),
    path("kalender/<str:key>/<str:name>.ics", views_feeds.calendar, name="calendar"),
    path("flode/<str:key>/<str:name>.rss", feeds.BodyRssFeed(), name="feed_rss"),
    path("flode/<str:key>/<str:name>.atom", feeds.BodyAtomFeed(), name="feed_atom"),
]
