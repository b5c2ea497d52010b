"""WSGI entry point for production servers (gunicorn, mod_wsgi, uWSGI)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# Import the URL configuration, and with it every view, serializer and the API's schema code,
# while the server process starts rather than inside the first request it serves: the import
# takes seconds, and under load the requests queued behind it would take that long too.
get_resolver().url_patterns  # noqa: B018
