from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from omvarld.meetings.models import AgendaItem, ItemAnalysis, ItemReview, Meeting, SourceDocument
from omvarld.meetings.services import (
    Engine,
    ImportRefusedError,
    document_import,
    engine_default,
    item_review,
)
from omvarld.meetings.services_analysis import items_reanalyse

from .factories import NOTICE

pytestmark = pytest.mark.django_db


def test_import_reads_body_date_and_codes_every_item(imported, council):
    assert imported.created
    meeting = Meeting.objects.get()
    assert meeting.body == council
    assert meeting.date == dt.date(2016, 3, 21)
    items = list(meeting.items.order_by("position"))
    assert [i.title for i in items][:2] == ["Val av justerare", "Justerad vatten- och avloppstaxa"]
    assert items[0].eu == "none"
    assert items[0].kind == "formal"
    assert items[1].eu == "legal"
    assert "water_sewage" in {a.code for a in items[1].areas.all()}
    assert items[4].funding
    analysis = items[1].analyses.get()
    assert analysis.is_current
    assert analysis.evidence


def test_original_is_kept_untouched_with_its_checksum(imported):
    document = SourceDocument.objects.get()
    data = NOTICE.encode("utf-8")
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    with document.original.open("rb") as stored:
        assert stored.read() == data
    assert document.original.name.startswith(f"originals/{document.sha256[:2]}/")


def test_same_file_again_changes_nothing(imported):
    counts = (
        SourceDocument.objects.count(),
        AgendaItem.objects.count(),
        ItemAnalysis.objects.count(),
    )
    again = document_import(data=NOTICE.encode("utf-8"), name="copy.txt")
    assert not again.created
    assert "redan" in again.message.lower() or "already" in again.message.lower()
    assert counts == (
        SourceDocument.objects.count(),
        AgendaItem.objects.count(),
        ItemAnalysis.objects.count(),
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "tom"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer\n%%EOF", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(council, data, reason):
    with pytest.raises(ImportRefusedError) as refused:
        document_import(data=data, name="bad.pdf", body=council, meeting_date=dt.date(2020, 1, 1))
    assert refused.value.reason
    assert SourceDocument.objects.count() == 0
    assert Meeting.objects.count() == 0


def test_missing_date_is_asked_for(council):
    with pytest.raises(ImportRefusedError, match=r"datum|date"):
        document_import(
            data="• Val av justerare\n• Budget 2020\n".encode(), name="x.txt", body=council
        )
    assert Meeting.objects.count() == 0


def test_reanalysis_keeps_history_and_reviews(imported, make_user):
    item = AgendaItem.objects.get(position=2)
    item_review(
        item=item,
        reviewer=make_user("officer"),
        kind="decision",
        eu="policy",
        funding=False,
        areas=["water_sewage"],
        comment="Taxan är lokal",
    )
    base = engine_default()
    newer = Engine(base.classify, "9.9.9", base.knowledge_version)
    assert (
        items_reanalyse(items=AgendaItem.objects.all(), engine=newer) == AgendaItem.objects.count()
    )
    assert items_reanalyse(items=AgendaItem.objects.all(), engine=newer) == 0
    item.refresh_from_db()
    assert item.analyses.count() == 2
    assert item.analyses.get(is_current=True).engine_version == "9.9.9"
    # The review still decides the item's effective coding.
    assert item.eu == "policy"
    assert item.reviewed


def test_review_becomes_the_effective_coding(imported, make_user):
    item = AgendaItem.objects.get(position=4)
    officer = make_user("officer")
    review = item_review(
        item=item,
        reviewer=officer,
        kind="motion",
        eu="policy",
        funding=False,
        areas=["health", "culture_leisure"],
        comment="EU:s folkhälsopolitik",
    )
    item.refresh_from_db()
    assert item.eu == "policy"
    assert {a.code for a in item.areas.all()} == {"health", "culture_leisure"}
    assert ItemReview.objects.get() == review
    assert review.analysis == item.analyses.get(is_current=True)


def test_items_citing_an_act_through_their_evidence(imported):
    from omvarld.meetings.selectors import items_citing

    item = AgendaItem.objects.get(position=2)
    refs = set(item.references.values_list("ref", flat=True))
    assert refs, "the water tariff item cites the acts behind it"
    assert item in items_citing(refs=refs)
    assert not items_citing(refs={"32099L9999"}).exists()


def test_reanalyse_command_is_idempotent(imported, capsys):
    from django.core.management import call_command

    ItemAnalysis.objects.update(engine_version="0.0.1")
    call_command("reanalyse_items", "--body", "KF")
    assert "5 of 5 items analysed anew" in capsys.readouterr().out
    call_command("reanalyse_items")
    assert "0 of 5 items analysed anew" in capsys.readouterr().out
    assert ItemAnalysis.objects.filter(is_current=False).count() == 5


def test_reanalyse_task(imported):
    from omvarld.meetings.tasks import reanalyse_items

    ItemAnalysis.objects.update(engine_version="0.0.1")
    result = reanalyse_items.enqueue(body_id=None)
    assert result.return_value == {"reanalysed": 5}


# --- several documents of one meeting ------------------------------------------------------------

MINUTES = """Kommunfullmäktige
Sammanträdesprotokoll 2016-03-21

Plats och tid: Louis De Geer, måndagen den 21 mars 2016 klockan 16.30
Beslutande: se närvarolista

§ 30 Val av justerare

Kommunfullmäktige utser Anna Andersson och Bo Berg att justera dagens protokoll.

§ 31 Justerad vatten- och avloppstaxa

Kommunfullmäktige antar den justerade taxan enligt lagen (2006:412) om allmänna vattentjänster.

§ 32 Motion om fler offentliga toaletter

Kommunfullmäktige bifaller motionen.

Justerandes signatur
"""


def _import_minutes(council):
    return document_import(
        data=MINUTES.encode("utf-8"),
        name="kf-2016-03-21-protokoll.txt",
        body=council,
        meeting_date=dt.date(2016, 3, 21),
    )


def _superseded_by_shape() -> dict[str, set[bool]]:
    shapes: dict[str, set[bool]] = {}
    for shape, superseded in AgendaItem.objects.values_list("document__shape", "superseded"):
        shapes.setdefault(shape, set()).add(superseded)
    return shapes


def test_minutes_after_the_notice_supersede_its_items(imported, council):
    from omvarld.meetings.selectors import ItemFilters, item_list, meeting_detail, meeting_list

    outcome = _import_minutes(council)
    assert outcome.created
    assert outcome.items == 3
    meeting = Meeting.objects.get()
    assert meeting.items.count() == 8
    assert _superseded_by_shape() == {"notice": {True}, "minutes": {False}}
    assert item_list(ItemFilters()).count() == 3
    listed = meeting_list().get()
    assert listed.item_count == 3
    assert [i.number for i in meeting_detail(pk=meeting.pk).items.all()] == ["§ 30", "§ 31", "§ 32"]
    documents = meeting.documents()
    assert [(d.shape, d.counted) for d in documents] == [
        ("notice", False),
        ("minutes", True),
    ]


def test_a_notice_after_the_minutes_is_superseded(council):
    _import_minutes(council)
    outcome = document_import(data=NOTICE.encode("utf-8"), name="kf-2016-03-21.txt")
    assert outcome.created
    assert Meeting.objects.count() == 1
    assert _superseded_by_shape() == {"notice": {True}, "minutes": {False}}


def test_a_second_document_of_the_same_rank_is_superseded(imported, council):
    other = NOTICE.replace("Motion om fler offentliga toaletter", "Motion om fler parkbänkar")
    document_import(data=other.encode("utf-8"), name="kf-2016-03-21-ny.txt")
    first, second = SourceDocument.objects.order_by("uploaded_at", "pk")
    assert not first.items.filter(superseded=True).exists()
    assert not second.items.filter(superseded=False).exists()


def test_importing_again_changes_no_superseded_mark(imported, council):
    _import_minutes(council)
    before = sorted(AgendaItem.objects.values_list("pk", "superseded"))
    assert not _import_minutes(council).created
    assert not document_import(data=NOTICE.encode("utf-8"), name="copy.txt").created
    assert sorted(AgendaItem.objects.values_list("pk", "superseded")) == before


def test_meeting_page_shows_the_counted_items_and_names_the_documents(imported, council, client_as):
    from django.urls import reverse

    _import_minutes(council)
    meeting = Meeting.objects.get()
    response = client_as("reader").get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="item"') == 3
    assert "Ansökan om medel ur Europeiska socialfonden" not in page
    assert "kf-2016-03-21.txt" in page
    assert "kf-2016-03-21-protokoll.txt" in page
