"""The OpenAPI schema describes every endpoint, so it is served on the same terms as the API:
to logged-in users only (issue 9, item 9)."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from omvarld.accounts.constants import Role

pytestmark = pytest.mark.django_db


def test_the_schema_is_not_served_to_anonymous_visitors(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 401
    assert b"/api/v1/items/" not in response.content


def test_the_schema_is_served_to_a_reader_by_session_and_by_token(client, make_user):
    reader = make_user(Role.READER)
    client.force_login(reader)
    assert client.get("/api/v1/schema/").status_code == 200
    client.logout()
    token = Token.objects.create(user=reader)
    response = client.get("/api/v1/schema/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert b"/api/v1/items/" in response.content
