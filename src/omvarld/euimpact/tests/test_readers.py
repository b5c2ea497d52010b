"""Reading real files: PDFs built with fpdf2, DOCX with python-docx, HTML and legacy text."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from omvarld.euimpact.readers import (
    CorruptDocumentError,
    DocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ScannedDocumentError,
    UnreadableDocumentError,
    UnsupportedDocumentError,
    clean_pdf_pages,
    read_document,
)


class _Minutes(FPDF):
    """Minutes with a running header and a "Sida n av m" footer on every page."""

    def header(self) -> None:
        self.set_font("helvetica", size=9)
        self.cell(0, 8, "Norrköpings kommun  Kommunstyrelsen  Protokoll 2016-03-21")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("helvetica", size=9)
        self.cell(0, 8, f"Sida {self.page_no()} av {{nb}}", align="C")


_PAGES = [
    "§ 1 Val av justerare\nKommunstyrelsen utser Anna Andersson att justera.",
    "§ 2 Uppföljning av avfalls-\nplan för Norrköpings kommun\nVA-\ntaxan och barn-\n"
    "och ungdomsnämndens yttrande redovisas.",
    "§ 3 Riktlinje för upphandling\nKommunstyrelsen beslutar att anta riktlinjen.",
]


def _minutes_pdf(path: Path) -> Path:
    pdf = _Minutes()
    for body in _PAGES:
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, body)
    pdf.output(str(path))
    return path


def _image_only_pdf(path: Path) -> Path:
    image = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(image, format="PNG")
    image.seek(0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=180)
    pdf.output(str(path))
    return path


def test_pdf_text_layer_pages_and_checksum(tmp_path: Path) -> None:
    path = _minutes_pdf(tmp_path / "protokoll.pdf")
    document = read_document(path)
    assert document.format == "pdf"
    assert document.pages == 3
    assert document.text.count("\f") == 2
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert document.path == path
    pages = document.text.split("\f")
    assert pages[0].startswith("§ 1 Val av justerare")
    assert pages[2].startswith("§ 3 Riktlinje för upphandling")


def test_pdf_running_header_and_page_numbers_are_removed(tmp_path: Path) -> None:
    text = read_document(_minutes_pdf(tmp_path / "protokoll.pdf")).text
    assert "Protokoll 2016-03-21" not in text
    assert "Sida" not in text
    assert "av 3" not in text


def test_pdf_hyphenation_joined_but_real_hyphens_kept(tmp_path: Path) -> None:
    text = read_document(_minutes_pdf(tmp_path / "protokoll.pdf")).text
    assert "avfallsplan för Norrköpings kommun" in text
    assert "avfalls-" not in text
    assert "VA-taxan" in text
    assert "barn- och ungdomsnämndens" in text


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Text", "", "3 (12)"], "Text"),
        (["- 3 -", "Text"], "Text"),
        (["Text", "Sida 3 av 12"], "Text"),
        (["Sida 3", "Text"], "Text"),
        (["Text", "12"], "Text"),
        (["Text om renhålls-", "taxan"], "Text om renhållstaxan"),
        (["Ny EU-", "förordning"], "Ny EU-förordning"),
        (["Kommunens miljö-", "och hälsoskydd"], "Kommunens miljö- och\nhälsoskydd"),
        (["Stockholms-", "Uppsala"], "Stockholms-Uppsala"),
        (["Nya e-", "tjänster"], "Nya e-tjänster"),
        (["Ny \ufb01nansiering av \ufb02ygplatsen"], "Ny finansiering av flygplatsen"),
        (["Planen för 2019-", "2022"], "Planen för 2019-2022"),
    ],
)
def test_clean_pdf_pages_single_page(lines: list[str], expected: str) -> None:
    assert clean_pdf_pages(["\n".join(lines)]) == [expected]


@pytest.mark.parametrize(
    "page",
    [
        "A" * 100_000 + "-\n" + "b" * 100_000,
        "A" * 100_000 + "\ufffe" + "b" * 100_000,
        "A" * 200_000,
    ],
)
def test_clean_pdf_pages_keeps_huge_words(page: str) -> None:
    """An exponential regression never finishes; the time it takes is measured by make bench."""
    [cleaned] = clean_pdf_pages([page])
    assert len(cleaned) == 200_000


def test_clean_pdf_pages_keeps_paragraph_headings_at_page_tops() -> None:
    pages = [f"§ {n} Rubrik\nBrödtext {n} om ärendet {'abc'[n - 1]}." for n in (1, 2, 3)]
    assert clean_pdf_pages(pages) == [p.replace("\r", "") for p in pages]


def test_detection_by_content_not_extension(tmp_path: Path) -> None:
    pdf = _minutes_pdf(tmp_path / "a.pdf")
    misnamed = tmp_path / "kallelse.txt"
    misnamed.write_bytes(pdf.read_bytes())
    assert read_document(misnamed).format == "pdf"
    html = tmp_path / "sida.pdf"
    html.write_text("<!DOCTYPE html><html><body><p>Kallelse</p></body></html>", encoding="utf-8")
    assert read_document(html).format == "html"


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    with pytest.raises(ScannedDocumentError) as caught:
        read_document(_image_only_pdf(tmp_path / "skannad.pdf"))
    assert caught.value.reason.startswith("PDF-filen saknar textlager (inskannad?)")


def test_encrypted_pdf(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Hemligt protokoll")
    pdf.set_encryption(owner_password="ägare", user_password="användare")
    path = tmp_path / "krypterad.pdf"
    pdf.output(str(path))
    with pytest.raises(EncryptedDocumentError, match="lösenordsskyddad"):
        read_document(path)


@pytest.mark.parametrize("cut", [3, 2])
def test_truncated_pdf_is_corrupt(tmp_path: Path, cut: int) -> None:
    data = _minutes_pdf(tmp_path / "hel.pdf").read_bytes()
    path = tmp_path / "trasig.pdf"
    path.write_bytes(data[: len(data) // cut])
    with pytest.raises(CorruptDocumentError, match="skadad"):
        read_document(path)


def test_pdf_header_with_garbage_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "skrap.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(1, 200)) * 3)
    with pytest.raises(CorruptDocumentError):
        read_document(path)


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "tom.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyDocumentError, match="tom"):
        read_document(path)


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "tom.html"
    path.write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    with pytest.raises(EmptyDocumentError):
        read_document(path)


def test_docx_paragraphs_tables_and_lists_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Föredragningslista kommunstyrelsen", level=1)
    document.add_paragraph("Följande ärenden behandlas vid sammanträdet:")
    document.add_paragraph("Val av justerare", style="List Bullet")
    document.add_paragraph("Taxa för miljöbalkens område", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "§ 3"
    table.cell(0, 1).text = "Riktlinje för upphandling"
    table.cell(1, 0).text = "§ 4"
    table.cell(1, 1).text = "Delårsrapport"
    document.add_paragraph("Norrköping den 8 mars 2016")
    path = tmp_path / "lista.docx"
    document.save(str(path))

    read = read_document(path)
    assert read.format == "docx"
    assert read.pages == 1
    lines = [line for line in read.text.split("\n") if line]
    assert lines == [
        "Föredragningslista kommunstyrelsen",
        "Följande ärenden behandlas vid sammanträdet:",
        "• Val av justerare",
        "• Taxa för miljöbalkens område",
        "§ 3 Riktlinje för upphandling",
        "§ 4 Delårsrapport",
        "Norrköping den 8 mars 2016",
    ]


def test_docx_with_broken_xml_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "trasig.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document>")
    with pytest.raises(CorruptDocumentError, match="Word-filen"):
        read_document(path)


def test_zip_that_is_not_a_word_document_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "arkiv.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bilder/karta.txt", "inte ett Word-dokument")
    with pytest.raises(UnsupportedDocumentError):
        read_document(path)


def test_encrypted_office_container(tmp_path: Path) -> None:
    path = tmp_path / "skyddad.docx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    path.write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64)
    with pytest.raises(EncryptedDocumentError):
        read_document(path)


def test_html_drops_furniture_and_keeps_blocks(tmp_path: Path) -> None:
    markup = """<!DOCTYPE html><html><head><title>Sidan</title>
    <style>p { color: red }</style><script>alert("hej")</script></head>
    <body><nav><ul><li>Startsida</li><li>Kontakt</li></ul></nav>
    <h1>Kommunfullmäktige sammanträder den 21 mars 2016</h1>
    <p>Följande ärenden behandlas vid sammanträdet:</p>
    <ul><li>Val av justerare</li><li>Taxa f&ouml;r <b>VA</b> &amp; avfall</li></ul>
    <table><tr><td>1</td><td>Motion om laddstolpar</td></tr></table>
    <footer>Norrköpings kommun, 601 81 Norrköping</footer></body></html>"""
    path = tmp_path / "sida.html"
    path.write_text(markup, encoding="utf-8")
    lines = [line for line in read_document(path).text.split("\n") if line]
    assert lines == [
        "Kommunfullmäktige sammanträder den 21 mars 2016",
        "Följande ärenden behandlas vid sammanträdet:",
        "• Val av justerare",
        "• Taxa för VA & avfall",
        "1 Motion om laddstolpar",
    ]


def test_html_declared_windows_1252(tmp_path: Path) -> None:
    markup = '<html><head><meta charset="windows-1252"></head><body><p>Nämnd för miljö</p>'
    path = tmp_path / "gammal.htm"
    path.write_bytes(markup.encode("cp1252"))
    assert read_document(path).text == "Nämnd för miljö"


def test_text_in_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "kallelse.txt"
    path.write_bytes(
        "Kommunfullmäktige – Överförmyndarnämnden\r\n• Val av justerare".encode("cp1252")
    )
    document = read_document(path)
    assert document.format == "text"
    assert document.text == "Kommunfullmäktige – Överförmyndarnämnden\n• Val av justerare"


def test_text_utf8_with_bom_and_latin1_fallback(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffÅrsredovisning 2015".encode())
    assert read_document(bom).text == "Årsredovisning 2015"
    latin = tmp_path / "latin.txt"
    # 0x81 is undefined in cp1252, so only Latin-1 decodes this file.
    latin.write_bytes(b"R\xe4ttelse \x81 ok")
    assert read_document(latin).text == "R\xe4ttelse \x81 ok"


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
    ],
)
def test_unsupported_types(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fil.pdf"
    path.write_bytes(content)
    with pytest.raises(UnsupportedDocumentError):
        read_document(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocumentError, match="finns inte"):
        read_document(tmp_path / "saknas.pdf")
    with pytest.raises(UnreadableDocumentError, match="mapp"):
        read_document(tmp_path)


def test_every_error_is_a_document_error_with_one_line_reason(tmp_path: Path) -> None:
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    cases = [empty, _image_only_pdf(tmp_path / "s.pdf"), tmp_path / "saknas.docx"]
    for path in cases:
        with pytest.raises(DocumentError) as caught:
            read_document(path)
        assert caught.value.reason
        assert "\n" not in caught.value.reason
        assert str(caught.value) == caught.value.reason


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf"]),
    st.binary(max_size=400),
)
def test_any_bytes_give_a_document_or_a_document_error(
    tmp_path: Path, prefix: bytes, body: bytes
) -> None:
    path = tmp_path / "fil"
    path.write_bytes(prefix + body)
    reason = None
    try:
        document = read_document(path)
    except DocumentError as exc:
        reason = exc.reason
    if reason is not None:
        assert reason
        assert "\n" not in reason
    else:
        assert document.text.strip()
        assert document.format in {"pdf", "docx", "html", "text"}
