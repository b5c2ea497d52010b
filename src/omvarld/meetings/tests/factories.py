"""Test data of the meetings app (factory-boy, and documents as municipalities publish them:
text, PDF built with fpdf2, DOCX with python-docx, ZIP), shared through the root conftest."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from PIL import Image

from omvarld.meetings.constants import DocumentShape, EUCode, ItemKind
from omvarld.meetings.models import AgendaItem, ItemReference, Meeting, SourceDocument
from omvarld.organisation.tests.factories import BodyFactory

#: A council notice in the shape Norrköping publishes, with one item of each EU code.
NOTICE = """Kommunfullmäktiges sammanträde 21 mars 2016

Kommunfullmäktige i Norrköping kallas att sammanträda måndagen den 21 mars 2016 klockan 16.30.

Följande ärenden behandlas vid sammanträdet

 • Val av justerare
 • Justerad vatten- och avloppstaxa
 • Riktlinje för upphandling och inköp
 • Motion om fler offentliga toaletter
 • Ansökan om medel ur Europeiska socialfonden för projektet Unga in

Norrköping den 8 mars 2016
"""


def notice(day: str | None, *items: str) -> str:
    """A council notice; ``day`` like "25 april 2016", or None for a notice without a date."""
    when = f" {day}" if day else ""
    lines = [
        f"Kommunfullmäktiges sammanträde{when}",
        "",
        f"Kommunfullmäktige i Norrköping kallas att sammanträda{when} klockan 16.30.",
        "",
        "Följande ärenden behandlas vid sammanträdet",
        "",
        *(f" - {item}" for item in items),
        "",
    ]
    return "\n".join(lines)


APRIL = notice(
    "25 april 2016",
    "Val av justerare",
    "Avfallsplan för Norrköpings kommun",
    "Ansökan om medel ur Europeiska regionala utvecklingsfonden",
)
MAY = notice(
    "30 maj 2016", "Val av justerare", "Riktlinje för upphandling och inköp", "Motion om parker"
)


def pdf_bytes(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def scanned_pdf_bytes() -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(image, format="PNG")
    image.seek(0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=180)
    return bytes(pdf.output())


def corrupt_pdf_bytes() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n" + bytes(range(256)) * 4


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    date = factory.Sequence(lambda n: dt.date(2020, 1, 1) + dt.timedelta(days=n))


class SourceDocumentFactory(factory.django.DjangoModelFactory):
    """A stored document record; its original is a name only (tests that read files upload)."""

    class Meta:
        model = SourceDocument

    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    original = factory.LazyAttribute(lambda o: f"originals/{o.sha256[:12]}.txt")
    original_name = factory.LazyAttribute(lambda o: f"{o.sha256[:12]}.txt")
    size = 1
    file_format = "txt"
    shape = DocumentShape.NOTICE
    text = "Kommunfullmäktiges sammanträde"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """An agenda item as the engine left it (kind, EU code, funding, areas)."""

    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    document = factory.SubFactory(SourceDocumentFactory)
    position = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: str(o.position))
    title = factory.LazyAttribute(lambda o: f"Ärende {o.position}")
    text = factory.LazyAttribute(lambda o: o.title)
    kind = ItemKind.DECISION
    eu = EUCode.NONE

    @factory.post_generation
    def areas(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.areas.set(extracted)


class ItemReferenceFactory(factory.django.DjangoModelFactory):
    """A CELEX, SFS or policy reference in an item's current analysis."""

    class Meta:
        model = ItemReference

    item = factory.SubFactory(AgendaItemFactory)
    ref = "32014L0024"
