"""Documents kept with records: the type read from the content, the limits, storage by checksum."""

from __future__ import annotations

import hashlib
import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF

from omvarld.core.documents import (
    DocumentKind,
    StoredDocument,
    document_check,
    document_fill,
    document_kind,
    document_response,
    safe_file_name,
)


def pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Vänortsavtal")
    return bytes(pdf.output())


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Avsiktsförklaring")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (pdf_bytes(), DocumentKind.PDF),
        (docx_bytes(), DocumentKind.DOCX),
        (odt_bytes(), DocumentKind.ODT),
        (PNG, DocumentKind.PNG),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 16, DocumentKind.JPEG),
        (b"GIF89a" + b"\x00" * 10, DocumentKind.GIF),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", DocumentKind.WEBP),
        (b"MZ\x90\x00 an executable", None),
        (b"<html><script>alert(1)</script>", None),
        (b"PK\x03\x04 not really a zip", None),
    ],
)
def test_the_kind_is_read_from_the_content(content, kind):
    assert document_kind(io.BytesIO(content)) == kind


def test_a_renamed_program_is_refused_with_its_reason():
    upload = SimpleUploadedFile("avtal.pdf", b"MZ\x90\x00" * 100)
    with pytest.raises(ValidationError) as raised:
        document_check(upload)
    assert raised.value.code == "kind"
    assert "PDF" in str(raised.value.messages)


def test_too_large_and_empty_files_are_refused():
    with pytest.raises(ValidationError) as raised:
        document_check(SimpleUploadedFile("a.pdf", pdf_bytes()), max_bytes=100)
    assert raised.value.code == "too_large"
    with pytest.raises(ValidationError) as raised:
        document_check(SimpleUploadedFile("a.pdf", b""))
    assert raised.value.code == "empty"


def test_an_app_may_allow_fewer_kinds():
    with pytest.raises(ValidationError):
        document_check(SimpleUploadedFile("bild.png", PNG), kinds=[DocumentKind.PDF])


def test_a_docx_bomb_is_recognised_without_decompressing_it():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (50 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024
    assert document_kind(io.BytesIO(out.getvalue())) == DocumentKind.DOCX


class Attachment(StoredDocument):
    folder = "test-documents"

    class Meta:
        app_label = "core"
        managed = False


def test_the_original_is_stored_untouched_under_its_checksum(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    content = pdf_bytes()
    upload = SimpleUploadedFile("../../etc/Avtal\nRiga.pdf", content)
    document = document_fill(Attachment(), upload=upload)
    sha = hashlib.sha256(content).hexdigest()
    assert document.sha256 == sha
    assert document.file.name == f"test-documents/{sha[:2]}/{sha}.pdf"
    assert document.original_name == "AvtalRiga.pdf"
    assert document.size == len(content)
    assert document.kind == DocumentKind.PDF
    with default_storage.open(document.file.name, "rb") as stored:
        assert stored.read() == content
    again = document_fill(Attachment(), upload=SimpleUploadedFile("kopia.pdf", content))
    assert again.file.name == document.file.name
    response = document_response(document)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="AvtalRiga.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == content


def test_safe_file_names_keep_no_folders_or_control_characters():
    assert safe_file_name("..\\..\\x\ty.pdf") == "xy.pdf"
    assert safe_file_name("\n") == "dokument"
