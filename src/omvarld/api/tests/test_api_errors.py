"""Errors the property-based test of the API found: each a clear 4xx, not a server error."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from omvarld.accounts.constants import Role
from omvarld.organisation.models import Body

pytestmark = pytest.mark.django_db


def test_deleting_a_body_that_has_meetings_is_a_409_that_says_why(client, make_user, imported):
    token = Token.objects.create(user=make_user(Role.COORDINATOR))
    council = Body.objects.get(short_name="KF")
    response = client.delete(
        f"/api/v1/bodies/{council.pk}/", HTTP_AUTHORIZATION=f"Token {token.key}"
    )
    assert response.status_code == 409
    assert "sammanträden" in response.json()["detail"]
    assert Body.objects.filter(pk=council.pk).exists()
