"""WSGI entry point for production servers (gunicorn, mod_wsgi, uWSGI)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
from django.utils import translation

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# Import the URL configuration, and with it every view, serializer and the API's schema code,
# and build its table of URL names in each language, while the server process starts rather
# than inside the first request it serves: that takes seconds, and under load the requests
# queued behind it would take that long too.
for _language, _name in settings.LANGUAGES:
    with translation.override(_language):
        get_resolver().reverse_dict  # noqa: B018
