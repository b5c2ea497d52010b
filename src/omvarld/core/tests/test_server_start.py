"""The production server is ready when its workers start (issue 9: under load, the first request
each gunicorn worker served waited seconds for the URL configuration, every view and the API
code to be imported, and the requests queued behind it with it)."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings


def test_loading_the_wsgi_application_imports_the_views_and_the_api():
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        OMVARLD_SECRET_KEY="s" * 64,
        OMVARLD_ALLOWED_HOSTS="127.0.0.1",
    )
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, config.wsgi; "
            "names = ('omvarld.meetings.views', 'omvarld.api.views', "
            "'rest_framework.serializers'); "
            "print(' '.join(str(name in sys.modules) for name in names))",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["True", "True", "True"]
