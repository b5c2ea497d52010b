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
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring.models import FeedbackWindow, Initiative, Routing

EXAMPLES_PER_OPERATION = 8


@pytest.fixture
def api_schema(db, imported, council, make_user):
    """The schema as served, bound to the app, with a coordinator's token and a little data."""
    initiative = Initiative.objects.create(title_sv="Förslag om avloppsvatten", stage="proposal")
    Routing.objects.create(initiative=initiative, body=council, score=0.5)
    FeedbackWindow.objects.create(
        initiative=initiative,
        kind="feedback_on_proposal",
        closes="2026-12-31",
        url="https://example.invalid/",
    )
    token = Token.objects.create(user=make_user(Role.COORDINATOR))
    document = SchemaGenerator(patterns=None).get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(document)
    schema.app = get_wsgi_application()
    schema.token = token.key
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_request_makes_the_api_fail(case, api_schema):
    response = case.call(headers={"Authorization": f"Token {api_schema.token}"})
    case.validate_response(response, checks=[not_a_server_error])
