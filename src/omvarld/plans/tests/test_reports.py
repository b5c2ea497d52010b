"""The annual report as PDF (its text read back with pypdfium2, its pages counted) and XLSX
(its numbers read back with openpyxl), from the page and from the command; frozen when adopted."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pypdfium2
import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from omvarld.plans import services
from omvarld.plans.documents import report_pdf, report_xlsx
from omvarld.plans.reports import report_data
from omvarld.relations.constants import ActivityKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_kfn(goals, kfn, users, factories):
    """KFN's 2026: a plan of three activities, two done; two visits; highlights written.
    2025: one visit."""
    officer = users["officer"]
    plan = services.plan_create(user=officer, body=kfn, year=2026, summary="Fler utbyten.")
    for title, goal, done in (
        ("Studiebesök i Tammerfors", "exchange", True),
        ("Svar på samråd om kulturarv", "eu", True),
        ("Ungdomsutbyte med Esslingen", "relations", False),
    ):
        activity = services.activity_create(
            user=officer, plan=plan, goals=[goals[goal]], title=title
        )
        if done:
            services.activity_set_status(
                activity=activity, user=officer, status="done", done_on=dt.date(2026, 6, 1)
            )
    factories.Activity(kind=ActivityKind.VISIT_IN, bodies=[kfn], starts=dt.date(2026, 2, 1))
    factories.Activity(kind=ActivityKind.VISIT_OUT, bodies=[kfn], starts=dt.date(2026, 9, 1))
    factories.Activity(kind=ActivityKind.VISIT_OUT, bodies=[kfn], starts=dt.date(2025, 9, 1))
    services.report_set_highlights(
        user=officer, body=kfn, year=2026, highlights="Ett år av utbyten med vänorterna."
    )
    return plan


def pdf_text(content: bytes) -> tuple[str, int]:
    document = pypdfium2.PdfDocument(content)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    return text, len(document)


def test_the_pdf_says_what_the_report_holds_in_swedish(year_of_kfn, kfn):
    content = report_pdf(report_data(body=kfn, year=2026))
    assert content.startswith(b"%PDF")
    text, pages = pdf_text(content)
    flat = " ".join(text.split())
    # Every registered app's indicators and lists add to it (the exchange: six and its trips;
    # EU funding: four and its projects).
    assert 1 <= pages <= 6
    assert "Internationellt arbete 2026: årlig uppföljning för Kultur- och fritidsnämnden" in flat
    assert "Ett år av utbyten med vänorterna." in flat
    assert "Studiebesök i Tammerfors" in flat
    assert "2 av 3 planerade aktiviteter klara." in flat
    assert "Genomförda planaktiviteter" in flat
    assert "66,7 %" in flat
    assert "Inkommande och utgående besök" in flat
    assert "Indikatorer 2026 jämfört med 2025" in flat
    # The charts are drawn as vector graphics with their labels as text.
    assert "Planens aktiviteter per mål" not in flat or "Diagram" in flat
    assert "Utbyte som tar hem kunskap" in flat
    assert "Inte antagen" in flat


def test_the_xlsx_holds_the_numbers_as_numbers(year_of_kfn, kfn):
    book = load_workbook(BytesIO(report_xlsx(report_data(body=kfn, year=2026))))
    assert book.sheetnames == ["Rapport", "Indikatorer", "Plan", "Mål", "Listor"]
    rows = {row[0]: row for row in book["Indikatorer"].iter_rows(min_row=2, values_only=True)}
    assert rows["Genomförda planaktiviteter"][1:5] == ("procent", 66.7, None, 3)
    assert rows["Inkommande och utgående besök"][1:4] == ("antal", 2, 1)
    assert rows["Internationella aktiviteter"][2:4] == (2, 1)
    plan = list(book["Plan"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2]) for r in plan] == [
        ("Studiebesök i Tammerfors", "Klar"),
        ("Svar på samråd om kulturarv", "Klar"),
        ("Ungdomsutbyte med Esslingen", "Planerad"),
    ]
    goals = {r[0]: r[2:] for r in book["Mål"].iter_rows(min_row=2, values_only=True)}
    assert goals["Utbyte som tar hem kunskap"] == (1, 1)
    assert goals["Långsiktiga internationella relationer och Östersjöregionen"] == (1, 0)


def test_the_command_writes_the_municipalitys_and_a_bodys_report(year_of_kfn, tmp_path):
    pdf = tmp_path / "kommunen.pdf"
    call_command("annual_report", "--year", "2026", "--format", "pdf", "--output", str(pdf))
    text, _pages = pdf_text(pdf.read_bytes())
    assert "årlig uppföljning för hela kommunen" in " ".join(text.split())
    assert "Kultur- och fritidsnämnden" in text
    xlsx = tmp_path / "kfn.xlsx"
    call_command(
        "annual_report",
        "--body",
        "kfn",
        "--year",
        "2026",
        "--format",
        "xlsx",
        "--output",
        str(xlsx),
    )
    sheet = load_workbook(xlsx)["Rapport"]
    assert sheet["B1"].value.endswith("Kultur- och fritidsnämnden")
    with pytest.raises(CommandError, match="no body with the short name 'XYZ'"):
        call_command(
            "annual_report", "--body", "XYZ", "--year", "2026", "--format", "pdf", "--output", "x"
        )


def test_an_adopted_report_keeps_the_numbers_of_its_day(year_of_kfn, kfn, users, factories):
    services.report_adopt(
        user=users["officer"], body=kfn, year=2026, adopted_on=dt.date(2026, 12, 1)
    )
    # Afterwards the last activity is done and another visit is recorded.
    last = year_of_kfn.activities.get(status="planned")
    services.activity_set_status(activity=last, user=users["officer"], status="done")
    factories.Activity(kind=ActivityKind.VISIT_IN, bodies=[kfn], starts=dt.date(2026, 11, 1))
    from omvarld.plans.reports import report_for

    _report, data = report_for(body=kfn, year=2026)
    text, _pages = pdf_text(report_pdf(data))
    flat = " ".join(text.split())
    assert "Antagen 2026-12-01; siffrorna är som de var den dagen." in flat
    assert "2 av 3 planerade aktiviteter klara." in flat
    book = load_workbook(BytesIO(report_xlsx(data)))
    rows = {row[0]: row for row in book["Indikatorer"].iter_rows(min_row=2, values_only=True)}
    assert rows["Genomförda planaktiviteter"][2] == 66.7
    assert rows["Inkommande och utgående besök"][2] == 2


def test_next_years_report_compares_with_the_frozen_numbers(year_of_kfn, kfn, users, factories):
    services.report_adopt(
        user=users["officer"], body=kfn, year=2026, adopted_on=dt.date(2026, 12, 1)
    )
    factories.Activity(kind=ActivityKind.VISIT_IN, bodies=[kfn], starts=dt.date(2026, 11, 1))
    data = report_data(body=kfn, year=2027, today=dt.date(2027, 3, 1))
    row = next(r for r in data["indicators"] if r["key"] == "relations.visits")
    assert (row["value"], row["previous"]) == (0, 2)
