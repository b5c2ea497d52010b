"""The knowledge bank's Swedish full-text search, on whichever database the suite runs (SQLite
FTS5 by default; PostgreSQL's ``swedish`` configuration under scripts/with-postgres.sh)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from omvarld.core.search import search_terms, text_indexes_ensure, text_search
from omvarld.exchange.models import Lesson
from omvarld.exchange.search import LESSONS
from omvarld.exchange.selectors.knowledge import (
    KnowledgeFilters,
    ideas,
    lessons,
    lessons_by_area,
    reports,
)
from omvarld.knowledge.models import PolicyArea

from .factories import (
    EventFactory,
    IdeaFactory,
    LessonFactory,
    ReportFactory,
    SubmittedReportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(bodies):
    waste = PolicyArea.objects.create(code="waste", label_sv="Avfall", label_en="Waste")
    care = PolicyArea.objects.create(code="social_care", label_sv="Omsorg", label_en="Care")
    tampere = SubmittedReportFactory(
        event=EventFactory(
            title="Tammerfors",
            country="FI",
            bodies=[bodies["mn"]],
            starts_on=dt.date(2025, 5, 1),
            ends_on=dt.date(2025, 5, 2),
        ),
        summary="Kommunen samordnar avfallshanteringen med grannkommunerna.",
    )
    riga = SubmittedReportFactory(
        event=EventFactory(
            title="Riga",
            country="LV",
            bodies=[bodies["un"]],
            starts_on=dt.date(2026, 4, 1),
            ends_on=dt.date(2026, 4, 2),
        ),
        summary="Äldreomsorgen använder välfärdsteknik i hemmen.",
    )
    draft = ReportFactory(
        event=EventFactory(title="Utkastet", bodies=[bodies["mn"]]),
        summary="Avfallstrappan i skolan.",
    )
    LessonFactory(report=tampere, text="Återbruksparker minskar avfallet tydligt.", area=waste)
    LessonFactory(
        report=tampere, text="Gemensam upphandling av insamling sparar pengar.", area=waste
    )
    LessonFactory(
        report=riga, text="Trygghetslarm med sensorer ger äldre självständighet.", area=care
    )
    LessonFactory(report=draft, text="Avfallet i utkastet ska inte synas.", area=waste)
    IdeaFactory(report=tampere, title="Återbrukspark i Norrköping", area=waste)
    return {"tampere": tampere, "riga": riga, "waste": waste}


def _texts(qs):
    return sorted(lesson.text for lesson in qs)


def test_a_word_finds_the_lesson_and_a_beginning_of_a_word_is_enough(bank):
    assert _texts(lessons(KnowledgeFilters(query="avfallet"))) == [
        "Återbruksparker minskar avfallet tydligt."
    ]
    assert _texts(lessons(KnowledgeFilters(query="återbruk"))) == [
        "Återbruksparker minskar avfallet tydligt."
    ]
    assert _texts(lessons(KnowledgeFilters(query="trygghetslarm"))) == [
        "Trygghetslarm med sensorer ger äldre självständighet."
    ]


def test_every_word_must_match_and_case_and_punctuation_do_not_matter(bank):
    assert _texts(lessons(KnowledgeFilters(query="UPPHANDLING, pengar!"))) == [
        "Gemensam upphandling av insamling sparar pengar."
    ]
    assert _texts(lessons(KnowledgeFilters(query="upphandling sensorer"))) == []


def test_drafts_are_not_in_the_knowledge_bank(bank):
    assert _texts(lessons(KnowledgeFilters(query="utkastet"))) == []
    assert [r.event.title for r in reports(KnowledgeFilters(query="avfallstrappan"))] == []


def test_reports_and_ideas_are_searched_too(bank):
    assert [r.event.title for r in reports(KnowledgeFilters(query="välfärdsteknik"))] == ["Riga"]
    assert [i.title for i in ideas(KnowledgeFilters(query="återbrukspark"))] == [
        "Återbrukspark i Norrköping"
    ]


def test_filters_by_area_country_body_and_year(bank, bodies):
    assert len(lessons(KnowledgeFilters(area="waste"))) == 2
    assert len(lessons(KnowledgeFilters(country="LV"))) == 1
    assert len(lessons(KnowledgeFilters(body_id=bodies["mn"].pk))) == 2
    assert len(lessons(KnowledgeFilters(year=2026))) == 1
    assert len(lessons(KnowledgeFilters(year=2024))) == 0


def test_what_have_we_learned_about_an_area_grouped_with_the_source_trip(bank):
    groups = lessons_by_area(KnowledgeFilters())
    assert [(g.area_label, len(g.lessons)) for g in groups] == [("Avfall", 2), ("Omsorg", 1)]
    assert {lesson.report.event.title for lesson in groups[0].lessons} == {"Tammerfors"}


def test_an_edited_lesson_is_found_by_its_new_words_only(bank):
    lesson = Lesson.objects.get(text__startswith="Återbruksparker")
    lesson.text = "Cirkulära flöden kräver samverkan."
    lesson.save()
    assert _texts(lessons(KnowledgeFilters(query="återbruksparker"))) == []
    assert _texts(lessons(KnowledgeFilters(query="cirkulära"))) == [
        "Cirkulära flöden kräver samverkan."
    ]
    lesson.delete()
    assert _texts(lessons(KnowledgeFilters(query="cirkulära"))) == []


def test_search_terms_drop_operators():
    assert search_terms('avfall* OR "skola" -x') == ["avfall", "or", "skola", "x"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite triggers")
def test_missing_sqlite_triggers_are_put_back_and_the_index_rebuilt(bank):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {LESSONS.fts_table}_insert")
    LessonFactory(report=bank["tampere"], text="Solceller på förskolor.")
    assert text_indexes_ensure() == [f"{LESSONS.fts_table}_insert"]
    assert _texts(lessons(KnowledgeFilters(query="solceller"))) == ["Solceller på förskolor."]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
def test_postgresql_has_the_gin_index_on_the_swedish_vector(bank):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [LESSONS.gin_index])
        (definition,) = cursor.fetchone()
    assert "gin" in definition
    assert "to_tsvector('swedish'" in definition
    # The ORM's expression is the indexed one, so the planner can use the index. Without the
    # default ordering (whose join to the events may make the planner walk another index) and
    # with plain scans off for this transaction only, the one cheap way to the matching rows is a
    # bitmap scan of the GIN index.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = text_search(Lesson.objects.order_by(), "avfallet").explain()
    assert LESSONS.gin_index in plan
