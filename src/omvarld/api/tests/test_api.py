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


def test_the_api_root_lists_every_resource(token_client):
    """Every list endpoint of the schema is in the root, whichever app includes it; among them
    the EU monitoring ones and the statistics, which main's root left out."""
    # A coordinator, who may read every resource (contacts are personal data).
    client = token_client(Role.COORDINATOR)
    response = client.get("/api/v1/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    root = response.json()
    for resource in (
        "eu-initiatives",
        "eu-stages",
        "eu-feedback-windows",
        "eu-assessments",
        "eu-actions",
        "statistics",
        "bodies",
        "items",
    ):
        assert resource in root, resource
    assert root["statistics"] == "http://testserver/api/v1/statistics/"
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    lists = {
        path.removeprefix("/api/v1/").strip("/")
        for path, item in schema["paths"].items()
        if "{" not in path and "get" in item
    }
    assert set(root) == lists
    for url in root.values():
        assert client.get(url).status_code == 200, url


def test_the_browsable_root_describes_the_platform_in_swedish(client_as):
    html = client_as(Role.READER).get("/api/v1/", HTTP_ACCEPT="text/html").content.decode()
    assert "Omvärlds REST-API" in html
    assert "kommunens organisation" in html
    assert "The default basic root view" not in html


def test_page_size_works_up_to_its_documented_maximum(token_client, make_body):
    for i in range(25):
        make_body(f"B{i:02}")
    client = token_client(Role.READER)
    page = client.get("/api/v1/bodies/", {"page_size": 10}).json()
    assert (page["count"], len(page["results"])) == (25, 10)
    assert "page=2" in page["next"]
    assert "page_size=10" in page["next"]
    last = client.get("/api/v1/bodies/", {"page_size": 10, "page": 3}).json()
    assert len(last["results"]) == 5
    assert len(client.get("/api/v1/bodies/").json()["results"]) == 25
    huge = client.get("/api/v1/bodies/", {"page_size": 5000}).json()
    assert len(huge["results"]) == 25
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    names = {p["name"] for p in schema["paths"]["/api/v1/bodies/"]["get"]["parameters"]}
    assert {"page", "page_size"} <= names


def test_the_overview_describes_each_endpoint_once_in_swedish_sentences(client_as):
    from omvarld.api.views_overview import DESCRIPTIONS

    html = client_as(Role.READER).get("/api/v1/dokumentation/").content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = body.split("<tr>")[1:]
    paths = [row.split("<code>")[1].split("</code>")[0] for row in rows]
    assert len(paths) == len(set(paths)) == len(DESCRIPTIONS)
    bodies_row = next(r for r in rows if "<code>/api/v1/bodies/</code>" in r)
    assert "<code>GET</code> <code>POST</code>" in bodies_row
    assert "Fullmäktige, kommunstyrelsen, nämnderna och de kommunala bolagen." in bodies_row
    assert 'lang="en"' not in body
    for row in rows:
        description = row.split("<td>")[-1].split("</td>")[0].strip()
        assert description.endswith("."), description
    assert "?page_size=" in html


def test_an_endpoint_without_a_swedish_description_gets_its_first_english_sentence():
    from omvarld.api.views_overview import endpoints

    schema = {
        "paths": {
            "/api/v1/new/": {
                "get": {"description": "Partners abroad. Filter with ?country=SE.\n\nMore."},
                "post": {"description": "Partners abroad. Filter with ?country=SE."},
            }
        }
    }
    (row,) = endpoints(schema)
    assert row == {
        "path": "/api/v1/new/",
        "methods": ["GET", "POST"],
        "description": "Partners abroad.",
        "english": True,
    }
