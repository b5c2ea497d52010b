"""The import pages: who may upload, the form's refusals, progress polling and the summary."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from omvarld.accounts.constants import Role
from omvarld.meetings.constants import ImportStatus
from omvarld.meetings.models import ImportBatch, Meeting
from omvarld.organisation.models import Body

from .factories import APRIL, pdf_bytes, scanned_pdf_bytes, upload

pytestmark = pytest.mark.django_db

START = "/eu-analys/import/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def education(organisation):
    return Body.objects.get(short_name="UN")


def _post(client, capture, **data):
    with capture(execute=True):
        return client.post(START, data)


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(START)
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER])
def test_readers_and_officers_without_a_body_cannot_import(client_as, council, role):
    client = client_as(role)
    assert client.get(START).status_code == 403
    response = client.post(START, {"documents": [upload("a.txt", APRIL.encode())], "body": 1})
    assert response.status_code == 403
    batch = ImportBatch.objects.create(body=council)
    assert client.get(f"{START}{batch.pk}/").status_code == 403
    assert ImportBatch.objects.count() == 1


def test_a_reader_who_belongs_to_the_body_still_cannot_import(client_as, council):
    client = client_as(Role.READER, bodies=[council])
    assert client.get(START).status_code == 403
    assert client.post(START, {"body": council.pk}).status_code == 403


def test_an_officer_cannot_import_for_another_body(
    client_as, council, education, django_capture_on_commit_callbacks
):
    client = client_as(Role.OFFICER, bodies=[education])
    page = client.get(START)
    assert page.status_code == 200
    choices = list(page.context["form"].fields["body"].queryset)
    assert choices == [education]
    assert page.context["form"].fields["body"].initial == education.pk
    response = _post(
        client,
        django_capture_on_commit_callbacks,
        documents=[upload("kf.pdf", pdf_bytes(APRIL))],
        body=council.pk,
    )
    assert response.status_code == 200
    assert response.context["form"].errors["body"]
    assert not ImportBatch.objects.exists()
    assert not Meeting.objects.exists()


def test_an_officer_uploads_and_reads_the_summary(
    client_as, council, django_capture_on_commit_callbacks
):
    client = client_as(Role.OFFICER, bodies=[council])
    response = _post(
        client,
        django_capture_on_commit_callbacks,
        documents=[upload("kf.pdf", pdf_bytes(APRIL)), upload("skannad.pdf", scanned_pdf_bytes())],
        body=council.pk,
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{START}{batch.pk}/"
    assert batch.created_by == client.user
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert 'hx-trigger="every 1s"' not in html
    assert '<progress id="import-bar" max="2" value="2">' in html
    assert '<label for="import-bar">' in html
    meeting = Meeting.objects.get()
    assert f'href="/eu-analys/sammantraden/{meeting.pk}/"' in html
    assert "skannad.pdf" in html
    assert page.context["summary"]["items"] == 3
    listing = client.get(START).content.decode()
    assert f'href="{START}{batch.pk}/"' in listing


def test_the_form_refuses_wrong_types_by_content_and_empty_uploads(client_as, council):
    client = client_as(Role.COORDINATOR)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = client.post(
        START,
        {
            "documents": [upload("kallelse.pdf", png), upload("kf.txt", APRIL.encode())],
            "body": council.pk,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["documents"]
    with translation.override("sv"):
        image = gettext(
            "The file is an image, not a document. Upload the text as PDF, Word or text."
        )
    assert errors == [f"kallelse.pdf: {image}"]
    assert not ImportBatch.objects.exists()
    response = client.post(START, {"body": council.pk})
    assert response.context["form"].errors["documents"]


def test_a_running_import_is_polled_and_a_finished_one_is_not(client_as, council):
    client = client_as(Role.COORDINATOR)
    batch = ImportBatch.objects.create(
        body=council, status=ImportStatus.RUNNING, total_files=4, processed_files=1
    )
    page = client.get(f"{START}{batch.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert f'hx-get="{START}{batch.pk}/"' in page
    assert '<progress id="import-bar" max="4" value="1">' in page
    fragment = client.get(f"{START}{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    assert fragment.lstrip().startswith('<section id="import-progress"')
    assert 'hx-trigger="every 1s"' in fragment

    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.FAILED, error="disk gone")
    fragment = client.get(f"{START}{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment
    assert 'role="alert"' in fragment
    assert "disk gone" in fragment


def test_a_queued_import_without_a_count_shows_a_waiting_bar(client_as, council):
    client = client_as(Role.COORDINATOR)
    batch = ImportBatch.objects.create(body=council)
    page = client.get(f"{START}{batch.pk}/").content.decode()
    assert '<progress id="import-bar">' in page
    assert 'hx-trigger="every 1s"' in page


def test_an_unknown_import_is_not_found(client_as, council):
    assert client_as(Role.COORDINATOR).get(f"{START}999/").status_code == 404


def test_earlier_imports_are_listed_without_n_plus_one(
    client_as, council, make_user, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    people = [make_user(Role.OFFICER, bodies=[council]) for _ in range(3)]
    for n in range(25):
        ImportBatch.objects.create(body=council, created_by=people[n % 3], status=ImportStatus.DONE)
    with django_assert_max_num_queries(10):
        response = client.get(START)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 20
    second = client.get(f"{START}?page=2")
    assert len(second.context["page"].object_list) == 5


def test_more_files_than_one_upload_takes_get_a_swedish_message_and_keep_the_form(
    client_as, council
):
    client = client_as(Role.COORDINATOR)
    files = [upload(f"kf-{n:03d}.txt", APRIL.encode()) for n in range(101)]
    response = client.post(
        START, {"documents": files, "body": council.pk, "meeting_date": "2016-04-25"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    with translation.override("sv"):
        assert form.errors["documents"] == [
            gettext(
                "You chose %(count)d files; at most %(limit)d can be uploaded at a time. Upload "
                "them in several rounds, or put them in a ZIP archive and upload that."
            )
            % {"count": 101, "limit": 100}
        ]
    assert "ZIP" in response.content.decode()
    # The rest of the form is kept.
    assert form["body"].value() == str(council.pk)
    assert form["meeting_date"].value() == "2016-04-25"
    assert not ImportBatch.objects.exists()


def test_an_upload_beyond_what_the_server_parses_gets_a_swedish_page(client_as, council):
    client = client_as(Role.COORDINATOR)
    client.raise_request_exception = False
    files = [upload(f"{n}.txt", b"x") for n in range(1001)]
    response = client.post(START, {"documents": files, "body": council.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "ZIP" in html
    assert not ImportBatch.objects.exists()
