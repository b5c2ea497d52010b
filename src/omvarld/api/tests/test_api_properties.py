"""Property-based test of the whole API from its own OpenAPI schema (issue 9, item 6).

schemathesis generates requests for every operation and sends them through Django in this
process, as a coordinator, against a small database. Whatever it sends, the API must not answer
with a server error.

- Reads and deletes get every phase: the schema's examples, the coverage phase (every boundary,
  wrong type, malformed date, unknown choice and oversized number of every query and path
  parameter, which is where unchecked input used to give 500s) and hypothesis fuzzing.
- Writes get the examples and the fuzzing phase, valid and invalid bodies alike. Their coverage
  phase would add some 18,000 body variations that DRF's serializers answer field by field; it is
  left out to keep ``make test`` fast (issue 10), and the serializers' own tests cover their fields.

``make test`` runs this module on both databases: each found a server error the other did not (an
oversized id overflowed SQLite's integers; PostgreSQL refused a NUL character). Those defects keep
their own tests (``test_query_parameters.py``, ``core/tests/test_null_characters.py``).
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
# before collection): one test per operation. Two schema objects, so each has its own phases.
API_SCHEMA = SchemaGenerator(patterns=None).get_schema(request=None, public=True)
READS = ["GET", "DELETE"]
reads = schemathesis.openapi.from_dict(API_SCHEMA).include(method=READS)
writes = schemathesis.openapi.from_dict(API_SCHEMA).exclude(method=READS)
writes.config.phases.coverage.enabled = False


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
def token(db, council, factories, make_user):
    """A coordinator's token, and a little data for the operations to find."""
    factories.AgendaItem(meeting=factories.Meeting(body=council), title="Avfallsplan")
    initiative = Initiative.objects.create(title_sv="Förslag om avloppsvatten", stage="proposal")
    Routing.objects.create(initiative=initiative, body=council, score=0.5)
    FeedbackWindow.objects.create(
        initiative=initiative,
        kind="feedback_on_proposal",
        closes="2026-12-31",
        url="https://example.invalid/",
    )
    return Token.objects.create(user=make_user(Role.COORDINATOR)).key


BOUNDS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


def _call(case, app, token) -> None:
    response = case.call(app=app, headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=[not_a_server_error])


@reads.parametrize()
@BOUNDS
def test_no_read_or_delete_makes_the_api_fail(case, app, token):
    _call(case, app, token)


@writes.parametrize()
@BOUNDS
def test_no_write_makes_the_api_fail(case, app, token):
    _call(case, app, token)
