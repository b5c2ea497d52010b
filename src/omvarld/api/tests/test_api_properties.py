"""Property-based test of the whole API from its own OpenAPI schema (issue 9, item 6).

schemathesis generates requests for every operation, valid ones and deliberately invalid ones
(wrong types, out-of-range numbers, malformed dates, unknown choices), and sends them through
Django in this process, as a coordinator, against a small database. Whatever it sends, the API
must not answer with a server error. Bounded: a fixed number of examples per operation and no
shrinking beyond hypothesis' own limits, so it takes about a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring.models import FeedbackWindow, Initiative, Routing

EXAMPLES_PER_OPERATION = 8


# The schema as drf-spectacular serves it, generated in process (Django is set up by pytest-django
# before collection): one test per operation.
schema = schemathesis.openapi.from_dict(
    SchemaGenerator(patterns=None).get_schema(request=None, public=True)
)


@pytest.fixture
def app():
    """Django's WSGI application, kept on the test's database connection: as Django's own test
    client does, the connection is not closed at the start or the end of each request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def token(db, imported, council, make_user):
    """A coordinator's token, and a little data for the operations to find."""
    initiative = Initiative.objects.create(title_sv="Förslag om avloppsvatten", stage="proposal")
    Routing.objects.create(initiative=initiative, body=council, score=0.5)
    FeedbackWindow.objects.create(
        initiative=initiative,
        kind="feedback_on_proposal",
        closes="2026-12-31",
        url="https://example.invalid/",
    )
    return Token.objects.create(user=make_user(Role.COORDINATOR)).key


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_request_makes_the_api_fail(case, app, token):
    response = case.call(app=app, headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=[not_a_server_error])
