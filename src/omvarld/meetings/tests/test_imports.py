"""Import batches with real files: PDFs built with fpdf2, DOCX with python-docx, ZIP archives."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from omvarld.accounts.constants import Role
from omvarld.core.tests.worker import DB_TASKS, run_worker
from omvarld.meetings import selectors
from omvarld.meetings.batches import checks, create, entries, run
from omvarld.meetings.batches.summary import summary_lines
from omvarld.meetings.constants import ImportStatus
from omvarld.meetings.models import AgendaItem, ImportBatch, ItemAnalysis, Meeting, SourceDocument
from omvarld.meetings.services import ImportRefusedError

from .factories import (
    APRIL,
    MAY,
    corrupt_pdf_bytes,
    docx_bytes,
    notice,
    pdf_bytes,
    scanned_pdf_bytes,
    upload,
    zip_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


@pytest.fixture
def run_batch(council, coordinator, django_capture_on_commit_callbacks):
    """Create a batch as the web upload does and run its task (the immediate backend)."""

    def run(*files: SimpleUploadedFile, meeting_date: dt.date | None = None) -> ImportBatch:
        with django_capture_on_commit_callbacks(execute=True):
            batch = create.batch_create(
                files=list(files), body=council, user=coordinator, meeting_date=meeting_date
            )
        batch.refresh_from_db()
        return batch

    return run


def _counts() -> tuple[int, int, int, int]:
    return (
        Meeting.objects.count(),
        SourceDocument.objects.count(),
        AgendaItem.objects.count(),
        ItemAnalysis.objects.count(),
    )


def test_zip_with_a_good_a_corrupt_and_a_scanned_pdf(run_batch, council, tmp_path):
    escape = tmp_path / "utanfor.txt"
    archive = zip_bytes(
        {
            "handlingar/2016/kallelse.pdf": pdf_bytes(APRIL),
            "handlingar/trasig.pdf": corrupt_pdf_bytes(),
            "handlingar/skannad.pdf": scanned_pdf_bytes(),
            "__MACOSX/handlingar/._kallelse.pdf": b"\x00\x05\x16\x07junk",
            ".DS_Store": b"\x00\x00\x00\x01Bud1",
            f"../../../..{escape}": MAY.encode(),
        }
    )
    batch = run_batch(upload("handlingar.zip", archive))

    assert batch.status == ImportStatus.DONE
    assert batch.finished_at is not None
    assert (batch.total_files, batch.processed_files) == (4, 4)
    summary = batch.summary
    assert summary["files"] == 4
    assert summary["imported"] == 2
    assert summary["meetings_created"] == 2
    assert summary["items"] == 6
    assert sum(summary["codes"].values()) == 6
    assert summary["codes"]["legal"] >= 1
    skipped = {s["name"]: s["reason"] for s in summary["skipped"]}
    assert set(skipped) == {
        "handlingar.zip/handlingar/skannad.pdf",
        "handlingar.zip/handlingar/trasig.pdf",
    }
    assert "text" in skipped["handlingar.zip/handlingar/skannad.pdf"].lower()
    assert skipped["handlingar.zip/handlingar/trasig.pdf"]
    # A member named with ".." is read in memory and named inside the archive, never written out.
    assert not escape.exists()
    assert Meeting.objects.filter(date=dt.date(2016, 5, 30)).exists()
    assert Meeting.objects.filter(body=council).count() == 2
    april = Meeting.objects.get(date=dt.date(2016, 4, 25))
    assert april.items.count() == 3
    assert set(selectors.batch_meetings(batch)) == set(Meeting.objects.all())


def test_uploaded_files_are_saved_untouched_in_the_storage_before_the_task(
    council, coordinator, django_capture_on_commit_callbacks
):
    data = pdf_bytes(APRIL)
    # Without running the commit callbacks the task is not run: the files wait for it.
    with django_capture_on_commit_callbacks(execute=False):
        batch = create.batch_create(
            files=[upload("kallelse 2016.pdf", data)], body=council, user=coordinator
        )
    [saved] = batch.uploads
    assert saved["name"] == "kallelse 2016.pdf"
    assert saved["path"].startswith("imports/")
    with default_storage.open(saved["path"], "rb") as handle:
        assert handle.read() == data
    assert batch.status == ImportStatus.QUEUED
    assert Meeting.objects.count() == 0


def test_uploaded_files_are_removed_when_the_batch_ends(run_batch):
    batch = run_batch(
        upload("kf.pdf", pdf_bytes(APRIL)), upload("skannad.pdf", scanned_pdf_bytes())
    )
    assert batch.status == ImportStatus.DONE
    assert len(batch.uploads) == 2
    assert not any(default_storage.exists(u["path"]) for u in batch.uploads)
    # The folders of the upload go too; the original of the imported document stays.
    assert default_storage.listdir("imports") == ([], [])
    original = SourceDocument.objects.get().original
    assert default_storage.exists(original.name)


def test_the_same_files_again_change_nothing_and_say_so(run_batch):
    files = {"kf-april.pdf": pdf_bytes(APRIL), "skannad.pdf": scanned_pdf_bytes()}
    first = run_batch(*(upload(n, d) for n, d in files.items()))
    assert first.summary["imported"] == 1
    counts = _counts()

    again = run_batch(*(upload(n, d) for n, d in files.items()))
    assert _counts() == counts
    summary = again.summary
    assert summary["imported"] == 0
    assert summary["items"] == 0
    assert summary["meetings_created"] == summary["meetings_touched"] == 0
    assert [a["name"] for a in summary["already_imported"]] == ["kf-april.pdf"]
    assert summary["already_imported"][0]["meeting"] == Meeting.objects.get().pk
    assert [s["name"] for s in summary["skipped"]] == ["skannad.pdf"]
    lines = list(summary_lines(summary))
    assert any("kf-april.pdf" in line for line in lines)


def test_a_docx_adds_items_to_an_existing_meeting(run_batch):
    run_batch(upload("kallelse.pdf", pdf_bytes(APRIL)))
    extra = notice("25 april 2016", "Information om Östersjöstrategin", "Val av ersättare")
    batch = run_batch(upload("tillagg.docx", docx_bytes(extra)))
    assert batch.summary["imported"] == 1
    assert batch.summary["meetings_created"] == 0
    assert batch.summary["meetings_touched"] == 1
    assert Meeting.objects.get().items.count() == 5


def test_undated_documents_take_the_given_date_or_the_date_in_the_file_name(run_batch):
    undated = notice(None, "Val av justerare", "Taxa för bygglov")
    named = run_batch(
        upload("KF 2016-09-26 kallelse.txt", undated.encode()),
        upload("utan-datum.txt", notice(None, "Motion om cykelvägar").encode()),
    )
    assert Meeting.objects.get().date == dt.date(2016, 9, 26)
    assert named.summary["dated"] == [
        {"name": "KF 2016-09-26 kallelse.txt", "date": "2016-09-26", "source": "name"}
    ]
    with translation.override("sv"):
        no_date = gettext("The document does not give the meeting date; enter the date.")
    assert named.summary["skipped"] == [{"name": "utan-datum.txt", "reason": no_date}]

    given = run_batch(
        upload("utan-datum.txt", notice(None, "Motion om cykelvägar").encode()),
        upload("kf-maj.txt", MAY.encode()),
        meeting_date=dt.date(2016, 10, 17),
    )
    # The given date is only for documents without one: the May notice keeps its own date.
    assert given.summary["dated"] == [
        {"name": "utan-datum.txt", "date": "2016-10-17", "source": "given"}
    ]
    assert given.summary["meeting_date"] == "2016-10-17"
    assert set(Meeting.objects.values_list("date", flat=True)) == {
        dt.date(2016, 9, 26),
        dt.date(2016, 10, 17),
        dt.date(2016, 5, 30),
    }


def test_date_in_name_takes_the_last_valid_date():
    assert run.date_in_name("2015-01-01/kf-2016-02-30-och-2016-03-21.pdf") == dt.date(2016, 3, 21)
    assert run.date_in_name("kf-20160321.pdf") is None


def test_a_file_that_fails_inside_the_engine_does_not_stop_the_others(run_batch, monkeypatch):
    real = run.document_prepare

    def flaky(**kwargs):
        if kwargs["name"] == "a.txt":
            raise RuntimeError("engine fault")
        return real(**kwargs)

    monkeypatch.setattr(run, "document_prepare", flaky)
    batch = run_batch(upload("a.txt", APRIL.encode()), upload("b.txt", MAY.encode()))
    assert batch.status == ImportStatus.DONE
    assert batch.summary["imported"] == 1
    assert [s["name"] for s in batch.summary["skipped"]] == ["a.txt"]
    assert Meeting.objects.get().date == dt.date(2016, 5, 30)


def test_archive_limits_stop_a_zip_bomb(run_batch, monkeypatch):
    monkeypatch.setattr(entries, "MAX_UPLOAD_BYTES", 20_000)
    monkeypatch.setattr(run, "MAX_UPLOAD_BYTES", 20_000)
    monkeypatch.setattr(entries, "MAX_ARCHIVE_BYTES", 25_000)
    archive = zip_bytes(
        {
            "1-nollor.txt": b"0" * 10_000_000,
            "2-april.txt": APRIL.encode(),
            "3-maj.txt": MAY.encode() + b" " * 5000,
        }
    )
    assert len(archive) < 20_000
    batch = run_batch(upload("bomb.zip", archive))
    reasons = {s["name"]: s["reason"] for s in batch.summary["skipped"]}
    assert set(reasons) == {"bomb.zip/1-nollor.txt", "bomb.zip/3-maj.txt"}
    assert reasons["bomb.zip/1-nollor.txt"] != reasons["bomb.zip/3-maj.txt"]
    assert batch.summary["imported"] == 1

    monkeypatch.setattr(entries, "MAX_ARCHIVE_MEMBERS", 2)
    many = run_batch(upload("manga.zip", zip_bytes({f"{n}.txt": b"x" for n in range(3)})))
    assert [s["name"] for s in many.summary["skipped"]] == ["manga.zip"]


def test_office_packages_are_documents_not_archives(run_batch):
    odt = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""})
    batch = run_batch(upload("kallelse.odt", odt))
    assert batch.summary["skipped"][0]["name"] == "kallelse.odt"
    assert "OpenDocument" in batch.summary["skipped"][0]["reason"]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100,
        b"   \n",
    ],
    ids=["image", "old-office", "program", "empty"],
)
def test_upload_check_refuses_wrong_types_by_content(data):
    with pytest.raises(ImportRefusedError) as refused:
        checks.upload_check(upload("kallelse.pdf", data))
    assert refused.value.reason


def test_upload_check_refuses_too_large_files(monkeypatch):
    monkeypatch.setattr(checks, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(ImportRefusedError):
        checks.upload_check(upload("stor.txt", APRIL.encode()))


@pytest.mark.parametrize(
    "data", [APRIL.encode(), b"<html><body><p>x</p></body></html>", b"PK\x03\x04rest"]
)
def test_upload_check_lets_documents_and_archives_through(data):
    checks.upload_check(upload("fil", data))


def test_an_officer_cannot_create_a_batch_for_another_body(council, make_user, make_body):
    other = make_body("UN2")
    officer = make_user(Role.OFFICER, bodies=[other])
    with pytest.raises(PermissionDenied):
        create.batch_create(files=[upload("a.txt", APRIL.encode())], body=council, user=officer)
    reader = make_user(Role.READER, bodies=[council])
    with pytest.raises(PermissionDenied):
        create.batch_create(files=[upload("a.txt", APRIL.encode())], body=council, user=reader)
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_processes_a_queued_batch(organisation, make_user):
    from omvarld.organisation.models import Body

    council = Body.objects.get(short_name="KF")
    user = make_user(Role.COORDINATOR)
    with override_settings(TASKS=DB_TASKS):
        batch = create.batch_create(
            files=[upload("kf.pdf", pdf_bytes(APRIL)), upload("skannad.pdf", scanned_pdf_bytes())],
            body=council,
            user=user,
        )
        task = DBTaskResult.objects.get()
        assert task.status == "READY"
        assert task.task_path == "omvarld.meetings.tasks.import_batch"
        assert ImportBatch.objects.get().status == ImportStatus.QUEUED
        run_worker("import-test")
        task.refresh_from_db()
    assert task.status == "SUCCESSFUL", task.traceback
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE
    assert (batch.processed_files, batch.total_files) == (2, 2)
    assert batch.summary["imported"] == 1
    assert task.return_value["items"] == batch.summary["items"] == 3


def test_a_batch_whose_files_are_gone_says_so_per_file(
    council, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        batch = create.batch_create(
            files=[upload("a.txt", APRIL.encode()), upload("b.txt", MAY.encode())],
            body=council,
            user=coordinator,
        )
    default_storage.delete(batch.uploads[0]["path"])
    summary = run.batch_process(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE
    assert summary["imported"] == 1
    [skipped] = summary["skipped"]
    assert skipped["name"] == "a.txt"
    with translation.override("sv"):
        assert skipped["reason"] == gettext(
            "The file could not be read from the storage; upload it again."
        )


def test_a_batch_that_fails_as_a_whole_says_why(council, coordinator, monkeypatch):
    batch = create.batch_new(body=council, user=coordinator, files=1, meeting_date=None)

    def broken(*args, **kwargs):
        raise RuntimeError("the engine's knowledge files are missing")

    monkeypatch.setattr(run, "engine_default", broken)
    source = entries.Source("a.txt", lambda: io.BytesIO(APRIL.encode()))
    with pytest.raises(RuntimeError, match="knowledge files"):
        run.batch_run(batch=batch, sources=[source])
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert batch.error == "the engine's knowledge files are missing"


# --- the command --------------------------------------------------------------------------------


def test_command_imports_folders_recursively_in_name_order(council, tmp_path, capsys):
    (tmp_path / "2016" / "maj").mkdir(parents=True)
    (tmp_path / "2016" / "kf-2016-04-25.pdf").write_bytes(pdf_bytes(APRIL))
    (tmp_path / "2016" / "maj" / "kf.docx").write_bytes(docx_bytes(MAY))
    (tmp_path / "2016" / "skannad.pdf").write_bytes(scanned_pdf_bytes())
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    undated = tmp_path / "ks-2017-01-30.txt"
    undated.write_text(notice(None, "Val av justerare", "Avfallsplan"))

    call_command("import_meetings", str(tmp_path), "--body", "kf")
    out = capsys.readouterr().out
    lines = out.splitlines()
    progress = [line for line in lines if line.startswith("[")]
    assert [line.split("]")[0] for line in progress] == ["[1/4", "[2/4", "[3/4", "[4/4"]
    assert progress[0].startswith("[1/4] 2016/kf-2016-04-25.pdf")
    assert progress[1].startswith("[2/4] 2016/maj/kf.docx")
    assert "2016/skannad.pdf" in progress[2]
    batch = ImportBatch.objects.get()
    assert batch.created_by is None
    assert batch.summary["imported"] == 3
    assert batch.summary["dated"][0]["source"] == "name"
    assert Meeting.objects.filter(body=council).count() == 3
    for line in summary_lines(batch.summary):
        assert line in lines

    # Run again: nothing changes, and the command still succeeds.
    counts = _counts()
    call_command("import_meetings", str(tmp_path), "--body", "KF", "--date", "2017-02-01")
    assert _counts() == counts
    assert ImportBatch.objects.latest("created_at").summary["imported"] == 0


def test_command_usage_errors(council, tmp_path):
    (tmp_path / "a.txt").write_text(APRIL)
    with pytest.raises(CommandError, match="No body"):
        call_command("import_meetings", str(tmp_path), "--body", "XYZ")
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_meetings", str(tmp_path / "saknas"), "--body", "KF")
    with pytest.raises(CommandError):
        call_command("import_meetings", str(tmp_path), "--body", "KF", "--date", "21/3/2016")
    with pytest.raises(CommandError):
        call_command("import_meetings", "--body", "KF")
    assert not ImportBatch.objects.exists()


# --- the same counts through the command and the web upload -------------------------------------


@pytest.mark.shared_data
def test_command_and_web_upload_give_the_same_counts(
    shared_data, council, client_as, django_capture_on_commit_callbacks
):
    notices = shared_data / "agendas" / "notices"
    files = sorted(notices.glob("*.txt"))

    call_command("import_meetings", str(notices), "--body", "KF", stdout=io.StringIO())
    by_command = ImportBatch.objects.get().summary
    counted = (Meeting.objects.count(), AgendaItem.objects.count())
    assert counted == (30, by_command["items"])
    assert by_command["meetings_created"] == 30
    assert not by_command["skipped"]

    SourceDocument.objects.all().delete()
    Meeting.objects.all().delete()
    archive = zip_bytes({f"notices/{p.name}": p.read_bytes() for p in files})
    client = client_as(Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/eu-analys/import/",
            {"documents": [upload("notices.zip", archive)], "body": council.pk},
        )
    assert response.status_code == 302
    by_web = ImportBatch.objects.latest("created_at").summary
    assert (Meeting.objects.count(), AgendaItem.objects.count()) == counted
    for key in ("files", "imported", "meetings_created", "items", "codes"):
        assert by_web[key] == by_command[key], key


def test_files_in_skips_hidden_and_junk(tmp_path: Path):
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "a.txt").write_text("x")
    (tmp_path / "Thumbs.db").write_text("x")
    (tmp_path / "b.txt").write_text("x")
    assert entries.files_in([tmp_path]) == [tmp_path / "b.txt"]
