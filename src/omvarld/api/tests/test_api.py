from __future__ import annotations

import pytest
import yaml
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token

from omvarld.accounts.constants import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def token_client(client, make_user):
    def make(role: str, **kwargs):
        user = make_user(role, **kwargs)
        token = Token.objects.create(user=user)
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
        return client

    return make


def test_openapi_schema_is_valid_and_lists_the_endpoints(token_client):
    client = token_client(Role.READER)
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    for path in (
        "/api/v1/bodies/",
        "/api/v1/offices/",
        "/api/v1/municipalities/",
        "/api/v1/eu-acts/{celex}/",
        "/api/v1/statutes/{sfs}/",
    ):
        assert path in schema["paths"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_bodies_list_by_token(token_client, make_body, django_assert_max_num_queries):
    mine = make_body("UN")
    later = make_body("SBN")
    later.predecessors.add(mine)
    for i in range(20):
        make_body(f"X{i}")
    client = token_client(Role.READER)
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/bodies/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 22
    sbn = next(b for b in data["results"] if b["short_name"] == "SBN")
    assert sbn["predecessors"] == ["UN"]


def test_eu_act_by_celex(token_client):
    from omvarld.knowledge.models import EUAct

    EUAct.objects.create(
        celex="32016R0679",
        act_type="regulation",
        citation="(EU) 2016/679",
        title_sv="Dataskyddsförordningen",
    )
    client = token_client(Role.READER)
    data = client.get("/api/v1/eu-acts/32016R0679/").json()
    assert data["eurlex_url"].endswith("CELEX:32016R0679")
    assert client.get("/api/v1/eu-acts/32099R0001/").status_code == 404


def test_knowledge_api_is_read_only_even_for_coordinators(token_client):
    client = token_client(Role.COORDINATOR)
    response = client.post(
        "/api/v1/eu-acts/", {"celex": "32016R0679"}, content_type="application/json"
    )
    assert response.status_code == 405


def test_overview_page_lists_endpoints(client_as):
    response = client_as(Role.READER).get("/api/v1/dokumentation/")
    assert response.status_code == 200
    assert "/api/v1/bodies/" in response.content.decode()
