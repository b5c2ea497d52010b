"""A NUL character in a looked-up value reached PostgreSQL, which refuses it: a 500 found by the
API's property test (a body's short name "j=\\x00" in an assessment, an office in an activity).
Every request that carries one is now a 400 that says why, on pages and in the API alike."""

from __future__ import annotations

import json

import pytest
from rest_framework.authtoken.models import Token

from omvarld.accounts.constants import Role

pytestmark = pytest.mark.django_db

SAYS_WHY = "nolltecken (NUL)"


@pytest.fixture
def api(client, make_user, organisation):
    token = Token.objects.create(user=make_user(Role.COORDINATOR))
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    client.raise_request_exception = False
    return client


def test_a_json_body_with_a_nul_in_a_short_name_is_a_400_that_says_why(api):
    activity = {"title": "Studiebesök", "kind": "visit_out", "starts": "2026-05-04"}
    response = api.post(
        "/api/v1/activities/",
        data=json.dumps({**activity, "offices": ["KLK\x00"]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert SAYS_WHY in response.json()["detail"]


def test_a_form_body_with_a_nul_is_a_400(api):
    response = api.post(
        "/api/v1/eu-assessments/",
        data="body=j%3D%00&relevance=medium&initiative=1",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert SAYS_WHY in response.json()["detail"]


@pytest.mark.parametrize(
    "url", ["/api/v1/items/?body=KF%00", "/api/v1/plans/?office=%00", "/api/v1/partners/?q%00=1"]
)
def test_a_query_parameter_with_a_nul_is_a_400(api, url):
    response = api.get(url)
    assert response.status_code == 400
    assert SAYS_WHY in response.json()["detail"]


def test_a_page_with_a_nul_in_its_address_says_why_in_swedish(client_as):
    page = client_as(Role.READER).get("/eu-analys/arenden/?body=KF%00")
    assert page.status_code == 400
    assert SAYS_WHY in page.content.decode()


def test_text_that_only_mentions_an_escape_is_not_refused(api):
    # A literal backslash-u sequence in a JSON string is text, not a NUL.
    response = api.post(
        "/api/v1/activities/",
        data=json.dumps({"title": "Kodning \\u0000 i text", "kind": "bogus"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "kind" in response.json()
