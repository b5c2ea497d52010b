from __future__ import annotations

import pytest
from django.conf import settings

from omvarld.knowledge.services import knowledge_load_areas
from omvarld.organisation.models import Body, Municipality, Office
from omvarld.organisation.services import OrganisationFileError, organisation_load_file

pytestmark = pytest.mark.django_db


def test_default_organisation_loads_and_reloads_unchanged():
    knowledge_load_areas()
    first = organisation_load_file(path=settings.ORGANISATION_FILE)
    assert first.created > 10
    assert Municipality.objects.get().code == "0581"
    sbn = Body.objects.get(short_name="SBN")
    assert {b.short_name for b in sbn.predecessors.all()} == {"SPN", "TN"}
    assert not Body.objects.get(short_name="TN").is_active
    assert {a.code for a in Body.objects.get(short_name="NODRA").areas.all()} == {
        "water_sewage",
        "waste",
    }
    second = organisation_load_file(path=settings.ORGANISATION_FILE)
    assert (second.created, second.updated) == (0, 0)


def test_merged_committees_are_not_active(organisation):
    active = set(Body.objects.active_on().values_list("short_name", flat=True))
    assert "SBN" in active
    assert "TN" not in active


def test_bad_file_changes_nothing(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(
        "version: 1\nmunicipality: {name: X kommun, code: '1234'}\n"
        "bodies:\n  - {short_name: KF, name: Kommunfullmäktige, kind: council}\n"
        "  - {short_name: XN, name: X-nämnden, kind: parliament}\n",
        encoding="utf-8",
    )
    with pytest.raises(OrganisationFileError, match="parliament"):
        organisation_load_file(path=path)
    assert Municipality.objects.count() == 0
    assert Body.objects.count() == 0


def test_unknown_body_reference_is_named(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(
        "version: 1\nmunicipality: {name: X kommun, code: '1234'}\n"
        "offices:\n  - {short_name: K, name: Kontoret, bodies: [NOPE]}\n",
        encoding="utf-8",
    )
    with pytest.raises(OrganisationFileError, match="NOPE"):
        organisation_load_file(path=path)
    assert Office.objects.count() == 0


def test_not_yaml_is_refused(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text("municipality: [unclosed", encoding="utf-8")
    with pytest.raises(OrganisationFileError, match="YAML"):
        organisation_load_file(path=path)


def test_body_list_has_constant_queries(client_as, make_body, django_assert_max_num_queries):
    for i in range(25):
        make_body(f"N{i}")
    client = client_as("reader")
    with django_assert_max_num_queries(10):
        response = client.get("/organisation/")
    assert response.content.decode().count("/organisation/organ/") == 25


def test_unknown_area_is_named(tmp_path):
    knowledge_load_areas()
    path = tmp_path / "org.yaml"
    path.write_text(
        "version: 1\nmunicipality: {name: X kommun, code: '1234'}\n"
        "bodies:\n  - {short_name: KF, name: Kommunfullmäktige, kind: council, areas: [space]}\n",
        encoding="utf-8",
    )
    with pytest.raises(OrganisationFileError, match="space"):
        organisation_load_file(path=path)
    assert Body.objects.count() == 0


def test_reload_keeps_what_officers_wrote(organisation):
    from omvarld.organisation.services import body_update_profile

    body = Body.objects.get(short_name="UN")
    body_update_profile(body=body, description="Vår egen text", contact_email="un@example.se")
    summary = organisation_load_file(path=settings.ORGANISATION_FILE)
    body.refresh_from_db()
    assert body.description == "Vår egen text"
    assert body.contact_email == "un@example.se"
    assert (summary.created, summary.updated) == (0, 0)
