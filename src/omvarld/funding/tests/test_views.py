"""The EU-funding pages: what each role sees and cannot do, bad input kept on the form, bad
filters ignored with a message, and lists whose queries do not grow with their rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from omvarld.funding.constants import MatchStatus, ProjectStatus
from omvarld.funding.models import Call, CallMatch, Project, ProjectDocument
from omvarld.funding.services import project_create

from .factories import CallFactory, PeriodFactory, ProjectFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def call(bodies):
    made = CallFactory(
        title="Skolsamarbeten i Östersjön",
        opens=timezone.localdate() - dt.timedelta(days=5),
        deadline=timezone.localdate() + dt.timedelta(days=40),
    )
    CallMatch.objects.create(
        call=made,
        body=bodies["UN"],
        score=0.6,
        reasons=[{"source": "term", "area": "education", "text": "Utlysningen nämner ”schools”."}],
    )
    return made


@pytest.fixture
def project(bodies, people):
    return project_create(
        user=people["officer"],
        title="Östersjöskolor",
        bodies=[bodies["UN"]],
        exchange_rate=Decimal("11.00"),
        total_budget=Decimal("100000"),
    )


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/eu-medel/",
        "/eu-medel/utlysningar/",
        "/eu-medel/organ/",
        "/eu-medel/projekt/",
        "/eu-medel/portfolj/",
        "/eu-medel/program/",
        "/eu-medel/program/cerv/",
    ],
)
def test_every_role_reads_the_pages_in_swedish(client, people, call, project, path):
    for role in ("reader", "officer", "coordinator"):
        response = login(client, people[role]).get(path)
        assert response.status_code == 200, (role, path)
        assert 'lang="sv"' in response.content.decode()


def test_pages_need_a_login(client, call, project):
    for path in (
        "/eu-medel/",
        f"/eu-medel/utlysningar/{call.pk}/",
        f"/eu-medel/projekt/{project.pk}/",
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert "/konto/logga-in/" in response["Location"]


def test_the_inbox_shows_the_matched_call_and_its_reasons(client, people, call, bodies):
    page = (
        login(client, people["officer"]).get(f"/eu-medel/organ/{bodies['UN'].pk}/").content.decode()
    )
    assert "Skolsamarbeten i Östersjön" in page
    assert "1 ny utlysning att bedöma." in page
    assert "Utlysningen nämner ”schools”." in page
    assert "Skapa ett projekt från utlysningen" in page
    assert 'id="status-' in page


def test_an_officer_of_another_body_sees_but_cannot_judge_the_call(client, people, call, bodies):
    client = login(client, people["other"])
    page = client.get(f"/eu-medel/organ/{bodies['UN'].pk}/").content.decode()
    assert "Skolsamarbeten i Östersjön" in page
    assert 'id="status-' not in page
    response = client.post(
        f"/eu-medel/utlysningar/{call.pk}/organ/{bodies['UN'].pk}/status/",
        {"status": "not_relevant"},
    )
    assert response.status_code == 403
    assert CallMatch.objects.get(call=call).status == MatchStatus.NEW


def test_an_officer_judges_a_call_of_the_body(client, people, call, bodies):
    response = login(client, people["officer"]).post(
        f"/eu-medel/utlysningar/{call.pk}/organ/{bodies['UN'].pk}/status/",
        {"status": "relevant", "next": "inbox"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/eu-medel/organ/{bodies['UN'].pk}/"
    assert CallMatch.objects.get(call=call).status == MatchStatus.RELEVANT


@pytest.mark.parametrize("role", ["reader", "officer", "other"])
def test_only_coordinators_import_enter_and_match_calls(client, people, call, role):
    client = login(client, people[role])
    assert client.get("/eu-medel/utlysningar/importera/").status_code == 403
    assert client.get("/eu-medel/utlysningar/ny/").status_code == 403
    assert client.get(f"/eu-medel/utlysningar/{call.pk}/andra/").status_code == 403
    assert client.post(f"/eu-medel/utlysningar/{call.pk}/matcha/").status_code == 403
    assert client.post(f"/eu-medel/utlysningar/{call.pk}/organ/", {"body": 1}).status_code == 403


def test_a_coordinator_imports_a_file_and_sees_what_could_not_be_read(client, people, search_open):
    upload = SimpleUploadedFile("svar.json", search_open.encode(), content_type="application/json")
    response = login(client, people["coordinator"]).post(
        "/eu-medel/utlysningar/importera/", {"file": upload}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "6 utlysningar lästa: 6 nya, 0 ändrade." in page
    assert "4 poster kunde inte läsas" in page
    assert "results[9] AMIF-2027-TF2-AG-INTE-01" in page
    assert Call.objects.count() == 6


def test_an_unreadable_import_keeps_the_form_with_a_swedish_message(client, people):
    upload = SimpleUploadedFile("bild.csv", b"\xff\xfe\x00\x00", content_type="text/csv")
    page = (
        login(client, people["coordinator"])
        .post("/eu-medel/utlysningar/importera/", {"file": upload})
        .content.decode()
    )
    assert "Filen är inte text i UTF-8." in page


def test_a_call_entered_with_its_deadline_before_the_opening_keeps_the_form(client, people):
    response = login(client, people["coordinator"]).post(
        "/eu-medel/utlysningar/ny/",
        {
            "title": "Lokal utlysning",
            "opens": "2027-03-01",
            "deadline": "2027-02-01",
            "budget_currency": "SEK",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sista ansökningsdag kan inte komma före dagen då utlysningen öppnar." in page
    assert 'value="Lokal utlysning"' in page
    assert not Call.objects.exists()


def test_an_officer_creates_a_project_from_a_call(client, people, call, bodies):
    client = login(client, people["officer"])
    form = client.get(
        f"/eu-medel/projekt/nytt/?call={call.pk}&body={bodies['UN'].pk}"
    ).content.decode()
    assert 'value="Skolsamarbeten i Östersjön"' in form
    response = client.post(
        "/eu-medel/projekt/nytt/",
        {
            "title": "Östersjöskolor",
            "call": call.pk,
            "bodies": [bodies["UN"].pk],
            "municipality_leads": "on",
            "currency": "EUR",
            "exchange_rate": "11.2",
            "total_budget": "100000",
            "eu_grant_applied": "120000",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200, "the grant above the total keeps the form"
    assert "EU-stödet kan inte vara större än den totala budgeten." in page
    assert 'value="Östersjöskolor"' in page
    response = client.post(
        "/eu-medel/projekt/nytt/",
        {
            "title": "Östersjöskolor",
            "call": call.pk,
            "bodies": [bodies["UN"].pk],
            "municipality_leads": "on",
            "currency": "EUR",
            "exchange_rate": "11.2",
            "total_budget": "100000",
            "eu_grant_applied": "80000",
        },
    )
    project = Project.objects.get()
    assert response["Location"] == f"/eu-medel/projekt/{project.pk}/"
    assert CallMatch.objects.get(call=call).status == MatchStatus.APPLYING


def test_a_project_form_offers_an_officer_only_the_own_bodies(client, people, bodies):
    page = login(client, people["officer"]).get("/eu-medel/projekt/nytt/").content.decode()
    assert "Utbildningsnämnden" in page
    assert "Kultur- och fritidsnämnden" not in page
    assert login(client, people["reader"]).get("/eu-medel/projekt/nytt/").status_code == 403


@pytest.mark.parametrize("role", ["reader", "other"])
def test_others_cannot_change_the_project(client, people, project, role):
    client = login(client, people[role])
    pk = project.pk
    assert client.get(f"/eu-medel/projekt/{pk}/andra/").status_code == 403
    assert client.get(f"/eu-medel/projekt/{pk}/status/").status_code == 403
    assert (
        client.post(f"/eu-medel/projekt/{pk}/status/", {"status": "preparing"}).status_code == 403
    )
    assert client.get(f"/eu-medel/projekt/{pk}/period/ny/").status_code == 403
    assert client.get(f"/eu-medel/projekt/{pk}/dokument/ny/").status_code == 403
    assert client.get(f"/eu-medel/projekt/{pk}/arenden/").status_code == 403
    assert client.post(f"/eu-medel/projekt/{pk}/ta-bort/").status_code == 403
    page = client.get(f"/eu-medel/projekt/{pk}/").content.decode()
    assert "Ändra projektet" not in page
    project.refresh_from_db()
    assert project.status == ProjectStatus.IDEA


def test_an_officer_moves_the_project_to_granted_with_its_amount(client, people, project):
    client = login(client, people["officer"])
    client.post(f"/eu-medel/projekt/{project.pk}/status/", {"status": "preparing"})
    client.post(
        f"/eu-medel/projekt/{project.pk}/status/", {"status": "submitted", "on": "2026-10-01"}
    )
    response = client.post(f"/eu-medel/projekt/{project.pk}/status/", {"status": "granted"})
    assert "Ett beviljat projekt behöver det beviljade beloppet." in response.content.decode()
    response = client.post(
        f"/eu-medel/projekt/{project.pk}/status/",
        {"status": "granted", "eu_grant_awarded": "75000", "on": "2026-09-30"},
    )
    assert "Beslutet kan inte komma före ansökan." in response.content.decode()
    client.post(
        f"/eu-medel/projekt/{project.pk}/status/",
        {"status": "granted", "eu_grant_awarded": "75000", "on": "2026-11-30"},
    )
    project.refresh_from_db()
    assert (project.status, project.eu_grant_awarded, project.decided_on) == (
        "granted",
        Decimal(75000),
        dt.date(2026, 11, 30),
    )
    response = client.post(
        f"/eu-medel/projekt/{project.pk}/period/ny/",
        {"starts": "2027-01-01", "ends": "2027-06-30", "report_due": "2027-08-31"},
    )
    assert response.status_code == 302
    page = client.get(f"/eu-medel/projekt/{project.pk}/").content.decode()
    assert "2027-08-31" in page
    assert "825 000" in page or "825\xa0000" in page  # 75 000 EUR at 11.00


def test_documents_are_downloaded_through_the_access_checked_view(client, people, project):
    client = login(client, people["officer"])
    upload = SimpleUploadedFile("beslut.pdf", PDF, content_type="application/pdf")
    client.post(
        f"/eu-medel/projekt/{project.pk}/dokument/ny/",
        {"title": "Beslut", "kind_of_document": "decision", "file": upload},
    )
    document = ProjectDocument.objects.get()
    response = login(client, people["reader"]).get(f"/eu-medel/dokument/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="beslut.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    wrong = SimpleUploadedFile("inte.pdf", b"hello", content_type="application/pdf")
    page = (
        login(client, people["officer"])
        .post(
            f"/eu-medel/projekt/{project.pk}/dokument/ny/",
            {"title": "Fel", "kind_of_document": "other", "file": wrong},
        )
        .content.decode()
    )
    assert "Den här sortens fil kan inte sparas här." in page


def test_a_bad_filter_shows_the_list_with_a_message(client, people, call):
    page = (
        login(client, people["reader"])
        .get("/eu-medel/utlysningar/?programme=nope&status=all")
        .content.decode()
    )
    assert "Ett filter hade ett värde som inte finns i listan; det har ignorerats." in page
    assert "Skolsamarbeten i Östersjön" in page
    response = client.get("/eu-medel/projekt/?status=unknown&page=x")
    assert response.status_code == 200
    response = client.get("/eu-medel/portfolj/?year_from=abc&body=999999")
    assert response.status_code == 200


def test_the_call_list_queries_do_not_grow_with_rows(client, people, bodies):
    client = login(client, people["reader"])

    def add(n):
        for _ in range(n):
            made = CallFactory(opens=None, deadline=timezone.localdate() + dt.timedelta(days=10))
            CallMatch.objects.create(call=made, body=bodies["UN"], score=0.5)

    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/eu-medel/utlysningar/").status_code == 200
    add(8)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/eu-medel/utlysningar/").status_code == 200
    assert len(many) == len(few)


def test_the_inbox_and_index_queries_do_not_grow_with_rows(client, people, bodies):
    client = login(client, people["officer"])
    path = f"/eu-medel/organ/{bodies['UN'].pk}/"

    def add(n):
        for _ in range(n):
            made = CallFactory(opens=None, deadline=timezone.localdate() + dt.timedelta(days=10))
            CallMatch.objects.create(call=made, body=bodies["UN"], score=0.5)

    add(2)
    with CaptureQueriesContext(connection) as few, CaptureQueriesContext(connection) as few_index:
        assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as few_index:
        assert client.get("/eu-medel/organ/").status_code == 200
    add(8)
    with CaptureQueriesContext(connection) as many:
        assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as many_index:
        assert client.get("/eu-medel/organ/").status_code == 200
    assert len(many) == len(few)
    assert len(many_index) == len(few_index)


def test_the_project_list_and_page_queries_do_not_grow_with_rows(client, people, bodies):
    client = login(client, people["reader"])

    def add(n):
        for _ in range(n):
            made = ProjectFactory(bodies=[bodies["UN"], bodies["KS"]])
            PeriodFactory(project=made)

    add(2)
    first = Project.objects.first()
    with CaptureQueriesContext(connection) as few:
        assert client.get("/eu-medel/projekt/").status_code == 200
    with CaptureQueriesContext(connection) as few_portfolio:
        assert client.get("/eu-medel/portfolj/").status_code == 200
    add(8)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/eu-medel/projekt/").status_code == 200
    with CaptureQueriesContext(connection) as many_portfolio:
        assert client.get("/eu-medel/portfolj/").status_code == 200
    assert len(many) == len(few)
    assert len(many_portfolio) == len(few_portfolio)
    assert client.get(f"/eu-medel/projekt/{first.pk}/").status_code == 200


def test_the_portfolio_exports(client, people, bodies):
    ProjectFactory(bodies=[bodies["UN"]], submitted_on=dt.date(2026, 3, 1))
    client = login(client, people["reader"])
    response = client.get("/eu-medel/portfolj/year.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="eu-medel-per-ar.csv"'
    assert response.content.decode("utf-8-sig").startswith("År;Ansökningar;")
    response = client.get("/eu-medel/portfolj/body.xlsx?year_from=2026&year_to=2026")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="eu-medel-per-organ-2026-2026.xlsx"'
    )
    assert client.get("/eu-medel/portfolj/nope.csv").status_code == 404


def test_a_partner_is_chosen_from_the_relations_register(client, people, project):
    from omvarld.relations.services import partner_get_or_create

    riga, _created = partner_get_or_create(
        user=people["coordinator"], name="Rīga", name_sv="Riga", country="LV", kind="municipality"
    )
    client = login(client, people["officer"])
    form = client.get(f"/eu-medel/projekt/{project.pk}/partner/ny/").content.decode()
    assert "Partner i relationsregistret" in form
    assert "Riga" in form
    response = client.post(
        f"/eu-medel/projekt/{project.pk}/partner/ny/",
        {"relations_partner_id": riga.id, "name": "", "role": "partner", "budget_share": "10 000"},
    )
    assert response.status_code == 302, response.content.decode()
    page = client.get(f"/eu-medel/projekt/{project.pk}/").content.decode()
    assert f'<a href="{riga.url}">{riga.display_name}</a>' in page
    assert "Lettland" in page
    response = client.post(
        f"/eu-medel/projekt/{project.pk}/partner/ny/", {"name": "", "role": "partner"}
    )
    assert "Ange partnerns namn, eller välj den ur registret." in response.content.decode()
