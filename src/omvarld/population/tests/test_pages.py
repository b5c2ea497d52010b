"""The population pages for each role: what they show, the exports, the import, and what each
role cannot do."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from django.utils.translation import gettext

from omvarld.accounts.constants import Role
from omvarld.organisation.models import Body
from omvarld.population.constants import FetchState
from omvarld.population.models import Country, Fetch, Observation

from .factories import ObservationFactory, StatTableFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
PAGES = ["/befolkning/", "/befolkning/land/", "/befolkning/land/SY/", "/befolkning/import/"]


@pytest.fixture
def figures(norrkoping, countries):
    table = StatTableFactory(table_id="TAB9001", notes=["Från och med referensåret 2025 ..."])
    for year, values in {
        2015: {"": 1000, "SE": 800, "SY": 60, "IQ": 70},
        2016: {"": 1100, "SE": 820, "SY": 120, "IQ": 80},
    }.items():
        for category, value in values.items():
            ObservationFactory(
                table=table, year=year, period=str(year), category=category, value=value
            )
    return table


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_users_are_sent_to_log_in(client, norrkoping, countries, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]


def test_without_figures_the_overview_says_how_to_get_them(client_as, norrkoping):
    page = client_as(Role.READER).get("/befolkning/").content.decode()
    assert "manage.py stats_sync" in page
    assert "manage.py stats_import FILE" in page
    assert gettext("Import a file") not in page
    coordinator = client_as(Role.COORDINATOR, username="samordnare")
    assert gettext("Import a file") in coordinator.get("/befolkning/").content.decode()


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER, Role.COORDINATOR, Role.ADMINISTRATOR])
def test_every_role_reads_every_page(client_as, figures, role):
    client = client_as(role)
    for url in PAGES:
        assert client.get(url).status_code == 200, url


def test_overview_shows_figures_sources_and_the_same_numbers_in_its_exports(client_as, figures):
    client = client_as(Role.READER)
    page = client.get("/befolkning/").content.decode()
    assert 'id="table-born-abroad"' in page
    assert "TAB9001" in page
    assert "Från och med referensåret 2025" in page
    assert "<svg" in page
    assert 'role="img"' in page
    export = client.get("/befolkning/export/born-abroad.csv")
    assert export["Content-Disposition"] == 'attachment; filename="befolkning-0581-born-abroad.csv"'
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1:3] == [
        ["2015", "1000", "800", "200", "20,0", ""],
        ["2016", "1100", "820", "280", "25,5", ""],
    ]
    assert rows[-1][0].startswith("Källa: SCB, tabell TAB9001")
    xlsx = client.get("/befolkning/export/top-countries.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=3)]
    assert values == [[1, "Syrien", 60, 120], [2, "Irak", 70, 80]]
    assert client.get("/befolkning/export/nothing.csv").status_code == 404
    assert client.get("/befolkning/export/born-abroad.pdf").status_code == 404


def test_country_pages(client_as, figures):
    client = client_as(Role.READER)
    page = client.get("/befolkning/land/SY/").content.decode()
    assert "Syrien" in page
    assert 'id="table-residents"' in page
    assert client.get("/befolkning/land/ZZ/").status_code == 404
    export = client.get("/befolkning/land/SY/export/residents.csv")
    assert export.status_code == 200
    assert "2016;120;42,9" in export.content.decode("utf-8-sig")


def test_country_list_filter_and_a_bad_filter(client_as, figures):
    client = client_as(Role.READER)
    nordic = client.get("/befolkning/land/?group=nordic").content.decode()
    assert "Finland" in nordic
    assert "Syrien" not in nordic
    bad = client.get("/befolkning/land/?group=mars")
    assert bad.status_code == 200
    assert "Syrien" in bad.content.decode()
    assert [str(m) for m in bad.context["messages"]] == [
        gettext("The filter was not understood; all countries are shown.")
    ]


def test_country_list_queries_do_not_grow_with_rows(
    client_as, figures, django_assert_max_num_queries, django_assert_num_queries
):
    client = client_as(Role.READER)
    with django_assert_max_num_queries(20) as first:
        client.get("/befolkning/land/")
    for key in Country.objects.exclude(key__in=["SE", "SY", "IQ"]).values_list("key", flat=True)[
        :80
    ]:
        ObservationFactory(table=figures, year=2016, period="2016", category=key, value=3)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/befolkning/land/")


def test_import_list_queries_do_not_grow_with_rows(
    client_as, norrkoping, django_assert_max_num_queries, django_assert_num_queries
):
    client = client_as(Role.READER)
    Fetch.objects.create(kind="file", request="a", sha256="0" * 64)
    with django_assert_max_num_queries(20) as first:
        client.get("/befolkning/import/")
    for n in range(20):
        Fetch.objects.create(kind="file", request=f"b{n}", sha256=f"{n:064d}")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/befolkning/import/")


def _upload(name="folkmregflandk_0581_2016.json"):
    return SimpleUploadedFile(name, (DATA / name).read_bytes(), content_type="application/json")


def test_a_coordinator_imports_a_file(
    client_as, norrkoping, countries, django_capture_on_commit_callbacks
):
    client = client_as(Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/befolkning/import/", {"file": _upload()})
    fetch = Fetch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/befolkning/import/{fetch.pk}/"
    # The test settings run tasks at once: the import is done.
    assert fetch.state == FetchState.DONE
    assert (fetch.created, fetch.started_by) == (2, client.user)
    assert Observation.objects.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert gettext("The import is finished.") in page
    partial = client.get(response["Location"], headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<section id="fetch-progress"')
    raw = client.get(f"/befolkning/import/{fetch.pk}/svar.json")
    assert raw.content == (DATA / "folkmregflandk_0581_2016.json").read_bytes()


def test_a_file_that_is_not_text_gets_a_swedish_message(client_as, norrkoping):
    client = client_as(Role.COORDINATOR)
    bad = SimpleUploadedFile("x.json", b"\xff\xfe\x00binary", content_type="application/json")
    response = client.post("/befolkning/import/", {"file": bad})
    assert response.status_code == 200
    message = gettext("The file is not text in UTF-8; save the JSON from SCB's API as it came.")
    assert escape(message) in response.content.decode()
    assert Fetch.objects.count() == 0


@pytest.mark.parametrize("who", ["reader", "officer", "other_officer"])
def test_who_cannot_import(client_as, norrkoping, who):
    own = Body.objects.create(municipality=norrkoping, short_name="KS", name="KS", kind="board")
    other = Body.objects.create(
        municipality=norrkoping, short_name="KFN", name="KFN", kind="committee"
    )
    role, bodies = {
        "reader": (Role.READER, []),
        "officer": (Role.OFFICER, [own]),
        "other_officer": (Role.OFFICER, [other]),
    }[who]
    client = client_as(role, bodies=bodies)
    page = client.get("/befolkning/import/").content.decode()
    assert 'type="file"' not in page
    assert client.post("/befolkning/import/", {"file": _upload()}).status_code == 403
    assert Fetch.objects.count() == 0


def test_nobody_edits_figures_in_the_admin(client, norrkoping, make_user, figures):
    admin = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/population/observation/").status_code == 200
    assert client.get("/admin/population/observation/add/").status_code == 403
    row = Observation.objects.first()
    response = client.post(f"/admin/population/observation/{row.pk}/change/", {"value": 1})
    assert response.status_code == 403
