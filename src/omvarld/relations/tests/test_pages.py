"""The register's pages: filters that never fail, exports, the map without network, forms that
keep what was typed, and what each role cannot do. Query counts do not grow with rows."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from omvarld.accounts.constants import Role
from omvarld.organisation.models import Body
from omvarld.relations.constants import ActivityKind
from omvarld.relations.models import Activity, Agreement, AgreementDocument, Partner

from .factories import ActivityFactory, AgreementFactory, PartnerFactory


def rows(response) -> list[str]:
    html = response.content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return re.findall(r'<a href="/relationer/\d+/">([^<]+)</a>', body)


def test_the_register_shows_the_default_partners_and_filters_them(client_as, relations):
    client = client_as(Role.READER)
    page = client.get("/relationer/")
    assert page.status_code == 200
    assert "14 partner" in page.content.decode()
    assert len(rows(page)) == 14
    assert rows(client.get("/relationer/?country=FI")) == ["Tammerfors (Tampere)"]
    assert rows(client.get("/relationer/?q=kopavogur")) == ["Kópavogur"]
    # The name first, then the towns whose descriptions mention it.
    assert rows(client.get("/relationer/?q=TAMMERFORS")) == [
        "Tammerfors (Tampere)",
        "Odense",
        "Trondheim",
    ]
    assert rows(client.get("/relationer/?kind=network")) == ["SERN (Sweden Emilia-Romagna Network)"]
    assert rows(client.get("/relationer/?status=prospective")) == ["Xuzhou"]
    assert len(rows(client.get("/relationer/?relation=twin_town&body=KS"))) == 8
    assert rows(client.get("/relationer/?area=climate_energy")) == ["Xuzhou"]
    assert rows(client.get("/relationer/?body=UN")) == []


def test_a_bad_filter_shows_the_unfiltered_list_with_a_swedish_message(client_as, relations):
    page = client_as(Role.READER).get("/relationer/?country=XX&kind=network&body=NOPE")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Några filter kunde inte användas och togs bort" in html
    assert "Land:" in html
    assert rows(page) == ["SERN (Sweden Emilia-Romagna Network)"]  # the valid filter still applies


def test_the_exports_carry_the_filters_and_swedish_columns(client_as, relations):
    client = client_as(Role.READER)
    response = client.get("/relationer/?relation=twin_town&format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="partner-')
    text = response.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][:4] == ["Id", "Namn", "Svenskt namn", "Slag"]
    assert len(table) == 9
    tampere = next(r for r in table if r[1] == "Tampere")
    assert tampere[2:8] == ["Tammerfors", "Kommun eller stad", "Vänort", "FI", "Finland", "Tampere"]
    assert tampere[8:10] == ["61,49911", "23,78712"]
    response = client.get("/relationer/?country=KE&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][1] == "Namn"
    assert [v[1] for v in values[1:]] == ["Kenya"]
    assert values[1][15] == "business_regional, environment_health"


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_pages_take_the_same_queries_however_many_rows(
    client_as, make_body, django_assert_num_queries, count
):
    client = client_as(Role.READER)
    body = make_body("KS")
    for _ in range(count):
        partner = PartnerFactory(bodies=[body])
        ActivityFactory(bodies=[body], partners=[partner])
    # session, user, count, the user's bodies and offices, the filter form's bodies and areas,
    # the page of partners, their bodies
    with django_assert_num_queries(9):
        assert client.get("/relationer/").status_code == 200
    # session, user, the filter form's bodies and areas, partners, (no contacts, no tiles)
    with django_assert_num_queries(6):
        assert client.get("/relationer/karta/").status_code == 200
    # session, user, the user's bodies and offices, the form's bodies, count, activities,
    # their partners and bodies
    with django_assert_num_queries(9):
        assert client.get("/relationer/aktiviteter/").status_code == 200
    # session, user, body, partners and their bodies, activities with partners and bodies,
    # memberships, agreements, the dated memberships, agreements and activities, per year
    with django_assert_num_queries(14):
        assert client.get(f"/relationer/organ/{body.pk}/").status_code == 200


def test_the_map_is_drawn_on_the_server_with_a_numbered_marker_per_partner(client_as, relations):
    html = client_as(Role.READER).get("/relationer/karta/").content.decode()
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in html.split("<svg", 1)[1].split(">", 1)[0]
    assert len(re.findall(r'<g class="marker', svg)) == 13  # SERN has neither place nor country
    assert (
        len(re.findall(r'class="marker marker-approximate"', svg)) == 3
    )  # Kenya, two Swedish bodies
    assert len(re.findall(r"<path ", svg)) == 176
    assert "https://" not in svg
    assert "<image" not in svg
    assert "<title>Norrköping</title>" in svg
    listing = html.split('class="marker-list"', 1)[1].split("</ol>", 1)[0]
    assert listing.count("<li") == 13
    assert "Inte på kartan" in html
    assert "SERN (Sweden Emilia-Romagna Network)" in html.split("Inte på kartan", 1)[1]
    assert "Natural Earth" in html


def test_a_configured_tile_layer_is_drawn_under_the_outlines(client_as, relations, settings):
    settings.MAP_TILE_URL = "https://tiles.example.se/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Kartbildernas upphovsman"
    html = client_as(Role.READER).get("/relationer/karta/?country=FI").content.decode()
    assert re.search(r'<image href="https://tiles\.example\.se/\d+/\d+/\d+\.png"', html)
    assert "© Kartbildernas upphovsman" in html


def test_the_tile_host_may_serve_images_only(tmp_path):
    import subprocess
    import sys

    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.test'; "
        "from django.conf import settings; d=settings.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
        "print(d['img-src'], d['script-src'], d['connect-src'])"
    )
    env = {"OMVARLD_MAP_TILE_URL": "https://tiles.example.se/{z}/{x}/{y}.png", "PATH": ""}
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "'https://tiles.example.se']" in out
    assert out.count("tiles.example.se") == 1


def test_the_partner_page_has_its_facts_records_and_a_timeline(client_as, relations):
    tampere = Partner.objects.get(name="Tampere")
    ActivityFactory(
        title="Studiebesök om skolutveckling",
        starts="2026-05-04",
        partners=[tampere],
        bodies=[Body.objects.get(short_name="UN")],
        kind=ActivityKind.STUDY_VISIT,
    )
    html = client_as(Role.READER).get(f"/relationer/{tampere.pk}/").content.decode()
    assert "<h1>Tammerfors (Tampere)</h1>" in html
    assert "Nordisk plattform för vänortssamarbetet" in html
    assert "Studiebesök om skolutveckling" in html
    timeline = html.split('class="timeline"', 1)[1]
    assert '<time datetime="2026-05-04">' in timeline
    assert (
        "https://framtid.norrkoping.se/artikel/2017-08-22-kommunens-internationella-relationer"
        in html
    )
    assert "Kontakter är personuppgifter" in html


def test_the_same_partner_twice_is_caught_with_a_link_and_nothing_typed_is_lost(
    client_as, relations
):
    client = client_as(Role.COORDINATOR)
    tampere = Partner.objects.get(name="Tampere")
    response = client.post(
        "/relationer/ny/",
        {
            "name": "Tammerfors",
            "kind": "municipality",
            "relation": "twin_town",
            "country": "FI",
            "status": "active",
            "description": "Skrivet av mig",
            "place": "Pirkanmaa",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Partnern finns redan i registret:" in html
    assert f'<a href="/relationer/{tampere.pk}/">Tammerfors (Tampere) (Finland)</a>' in html
    assert "Skrivet av mig" in html
    assert 'value="Pirkanmaa"' in html
    assert Partner.objects.count() == 14


def test_a_refused_document_says_why_and_keeps_the_title(client_as, make_user):
    client = client_as(Role.COORDINATOR)
    agreement = AgreementFactory()
    response = client.post(
        f"/relationer/avtal/{agreement.pk}/dokument/",
        {
            "title": "Undertecknat original",
            "upload": SimpleUploadedFile("avtal.pdf", b"<html>nej</html>"),
        },
    )
    html = response.content.decode()
    assert "Den här sortens fil kan inte sparas här" in html or "kan inte" in html
    assert 'value="Undertecknat original"' in html
    assert AgreementDocument.objects.count() == 0


def test_a_coordinator_records_a_membership_with_fee_and_renewal(client_as, relations):
    client = client_as(Role.COORDINATOR)
    sern = Partner.objects.get(name="Sweden Emilia-Romagna Network")
    ks = Body.objects.get(short_name="KS")
    bad = client.post(
        f"/relationer/{sern.pk}/medlemskap/ny/",
        {
            "body": ks.pk,
            "fee": "1500",
            "currency": "",
            "renewal_date": "2027-01-31",
            "representative": "Kommunstyrelsens ordförande",
        },
    )
    assert "Ange avgiftens valuta." in bad.content.decode()
    assert 'value="Kommunstyrelsens ordförande"' in bad.content.decode()
    good = client.post(
        f"/relationer/{sern.pk}/medlemskap/ny/",
        {"body": ks.pk, "fee": "1500", "currency": "EUR", "renewal_date": "2027-01-31"},
    )
    assert good.status_code == 302
    assert sern.memberships.filter(fee=1500, currency="EUR").exists()


@pytest.mark.parametrize(
    ("role", "own_body", "expected"),
    [
        (Role.ADMINISTRATOR, False, {"edit": 200, "new": 200, "activity_edit": 200, "delete": 302}),
        (Role.COORDINATOR, False, {"edit": 200, "new": 200, "activity_edit": 200, "delete": 302}),
        (Role.OFFICER, True, {"edit": 200, "new": 200, "activity_edit": 200, "delete": 403}),
        (Role.OFFICER, False, {"edit": 403, "new": 200, "activity_edit": 403, "delete": 403}),
        (Role.READER, True, {"edit": 403, "new": 403, "activity_edit": 403, "delete": 403}),
    ],
)
def test_what_each_role_can_and_cannot_do(client_as, make_body, role, own_body, expected):
    ks, un = make_body("KS"), make_body("UN")
    partner = PartnerFactory(bodies=[ks])
    activity = ActivityFactory(bodies=[ks], partners=[partner])
    client = client_as(role, bodies=[ks] if own_body else [un])
    seen = {
        "edit": client.get(f"/relationer/{partner.pk}/andra/").status_code,
        "new": client.get("/relationer/ny/").status_code,
        "activity_edit": client.get(f"/relationer/aktiviteter/{activity.pk}/andra/").status_code,
        "delete": client.post(f"/relationer/aktiviteter/{activity.pk}/ta-bort/").status_code,
    }
    assert seen == expected
    assert Activity.objects.exists() == (expected["delete"] != 302)


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    for path in ("/relationer/", "/relationer/karta/", "/relationer/aktiviteter/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/logga-in/")


def test_agreement_documents_download_only_for_signed_in_users(
    client, client_as, settings, tmp_path
):
    from omvarld.relations import services

    settings.MEDIA_ROOT = tmp_path
    coordinator_client = client_as(Role.COORDINATOR)
    agreement = AgreementFactory()
    document = services.agreement_document_add(
        agreement=agreement,
        user=coordinator_client.user,
        upload=SimpleUploadedFile("avtal.pdf", b"%PDF-1.4 avtal"),
    )
    response = coordinator_client.get(f"/relationer/dokument/{document.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="avtal.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 avtal"
    coordinator_client.logout()
    assert client.get(f"/relationer/dokument/{document.pk}/").status_code == 302
    assert Agreement.objects.count() == 1
