"""Statistics: figures computed by hand, the pages, their query counts, the exports, the command."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from omvarld.accounts.constants import Role
from omvarld.knowledge.models import PolicyArea
from omvarld.meetings import exports
from omvarld.meetings.models import AgendaItem, Meeting, SourceDocument
from omvarld.meetings.statistics import (
    StatsFilters,
    percent,
    share,
    stats_by_area,
    stats_by_body,
    stats_by_year,
    stats_report,
    stats_top_items,
    stats_total,
    stats_years,
)
from omvarld.meetings.views_stats import bar_chart

pytestmark = pytest.mark.django_db

# (body, date, kind, eu, funding, areas) for ten items; the figures below are counted by hand.
ITEMS = [
    ("A", "2020-03-01", "formal", "none", False, []),
    ("A", "2020-03-01", "decision", "legal", False, ["waste"]),
    ("A", "2020-03-01", "decision", "policy", True, ["education"]),
    ("A", "2020-03-01", "motion", "none", False, []),
    ("A", "2021-05-01", "decision", "legal", False, ["waste", "procurement"]),
    ("A", "2021-05-01", "election", "none", False, []),
    ("B", "2021-06-01", "interpellation", "policy", False, ["education"]),
    ("B", "2021-06-01", "decision", "none", False, []),
    ("B", "2021-06-01", "information", "legal", False, ["waste"]),
    ("B", "2021-06-01", "decision", "legal", True, []),
]


def _document(key: str) -> SourceDocument:
    return SourceDocument.objects.create(
        sha256=key.ljust(64, "0"),
        original=f"originals/{key}.txt",
        original_name=f"{key}.txt",
        size=1,
        file_format="txt",
        shape="notice",
        text="",
    )


def add_items(bodies, items, *, copies: int = 1, first: int = 0):
    """Create the items ``copies`` times, each copy in meetings of its own earlier year."""
    areas = {a.code: a for a in PolicyArea.objects.all()}
    for copy in range(first, first + copies):
        meetings: dict[tuple[str, str], Meeting] = {}
        document = _document(f"c{copy}")
        for position, (body, date, kind, eu, funding, codes) in enumerate(items, start=1):
            day = dt.date.fromisoformat(date) - dt.timedelta(days=400 * copy)
            meeting = meetings.get((body, date))
            if meeting is None:
                meeting = Meeting.objects.create(body=bodies[body], date=day)
                meetings[(body, date)] = meeting
            item = AgendaItem.objects.create(
                meeting=meeting,
                document=document,
                position=position,
                number=str(position),
                title=f"Ärende {position} ({kind}, {eu})",
                text="",
                kind=kind,
                eu=eu,
                funding=funding,
            )
            item.areas.set([areas[c] for c in codes])


@pytest.fixture
def areas(db):
    for code, label in (
        ("waste", "Avfall"),
        ("procurement", "Upphandling"),
        ("education", "Utbildning"),
    ):
        PolicyArea.objects.create(code=code, label_sv=label, label_en=code)


@pytest.fixture
def bodies(make_body, areas):
    return {"A": make_body("A", "Alfanämnden"), "B": make_body("B", "Betanämnden")}


@pytest.fixture
def data(bodies):
    add_items(bodies, ITEMS)
    return bodies


def counts(row):
    a, s = row.all, row.substantive
    return (
        (a.items, a.legal, a.policy, a.none, a.funding),
        (s.items, s.legal, s.policy, s.none, s.funding),
    )


def test_percent_rounds_half_up_and_has_no_share_of_nothing():
    assert percent(1, 8) == 13
    assert percent(3, 7) == 43
    assert percent(0, 5) == 0
    assert percent(1, 0) is None
    assert share(1, 3) == 0.3333
    assert share(1, 0) is None


def test_total_among_all_and_substantive_items(data):
    total = stats_total(StatsFilters())
    assert counts(total) == ((10, 4, 2, 4, 2), (7, 3, 2, 2, 2))
    assert (total.all.legal_percent, total.all.policy_percent, total.all.none_percent) == (
        40,
        20,
        40,
    )
    assert total.all.eu_percent == 60
    assert (total.substantive.legal_percent, total.substantive.policy_percent) == (43, 29)


def test_per_year(data):
    rows = stats_by_year(StatsFilters())
    assert [r.label for r in rows] == ["2020", "2021"]
    assert counts(rows[0]) == ((4, 1, 1, 2, 1), (3, 1, 1, 1, 1))
    assert counts(rows[1]) == ((6, 3, 1, 2, 1), (4, 2, 1, 1, 1))


def test_years_with_meetings(data):
    assert stats_years() == [2020, 2021]


def test_per_body(data):
    rows = stats_by_body(StatsFilters())
    assert [(r.key, r.label) for r in rows] == [
        (str(data["A"].pk), "Alfanämnden"),
        (str(data["B"].pk), "Betanämnden"),
    ]
    assert counts(rows[0]) == ((6, 2, 1, 3, 1), (4, 2, 1, 1, 1))
    assert counts(rows[1]) == ((4, 2, 1, 1, 1), (3, 1, 1, 1, 1))


def test_per_area_counts_an_item_in_each_of_its_areas(data):
    rows = {r.key: r for r in stats_by_area(StatsFilters())}
    assert [r.label for r in stats_by_area(StatsFilters())] == [
        "Avfall",
        "Upphandling",
        "Utbildning",
    ]
    assert counts(rows["waste"]) == ((3, 3, 0, 0, 0), (2, 2, 0, 0, 0))
    assert counts(rows["procurement"]) == ((1, 1, 0, 0, 0), (1, 1, 0, 0, 0))
    assert counts(rows["education"]) == ((2, 0, 2, 0, 1), (2, 0, 2, 0, 1))


def test_filters_by_body_and_years(data):
    only = StatsFilters(body_id=data["A"].pk, year_from=2021, year_to=2021)
    assert counts(stats_total(only)) == ((2, 1, 0, 1, 0), (1, 1, 0, 0, 0))
    assert [r.label for r in stats_by_year(StatsFilters(year_to=2020))] == ["2020"]
    assert stats_total(StatsFilters(year_from=2022)).all.items == 0
    assert stats_total(StatsFilters(year_from=2022)).all.legal_percent is None


def test_top_items_law_first_then_policy_newest_first(data):
    titles = [i.title for i in stats_top_items(body_id=data["A"].pk)]
    assert titles == [
        "Ärende 5 (decision, legal)",
        "Ärende 2 (decision, legal)",
        "Ärende 3 (decision, policy)",
    ]
    titles = [i.title for i in stats_top_items(body_id=data["B"].pk)]
    assert titles == [
        "Ärende 9 (information, legal)",
        "Ärende 10 (decision, legal)",
        "Ärende 7 (interpellation, policy)",
    ]


def test_bar_chart_stacks_law_policy_none_to_the_whole_width(data):
    chart = bar_chart("chart-year", stats_by_year(StatsFilters()), "all")
    first = chart.bars[0]
    assert [s.code for s in first.segments] == ["legal", "policy", "none"]
    assert [s.width for s in first.segments] == [25.0, 25.0, 50.0]
    assert [s.x for s in first.segments] == [0.0, 25.0, 50.0]
    assert first.items == 4
    assert sorted(r.percent for r in chart.references) == [22, 47, 60]
    substantive = bar_chart("chart-year", stats_by_year(StatsFilters()), "substantive")
    assert substantive.bars[1].items == 4
    assert [s.percent for s in substantive.bars[1].segments] == [50, 25, 25]


def test_the_area_chart_draws_no_council_wide_studies(data):
    """The studies counted whole councils: their lines belong on no area's bar."""
    area = bar_chart("chart-area", stats_by_area(StatsFilters()), "all", studies=False)
    assert area.references == []
    assert [bar.label for bar in area.bars] == ["Avfall", "Upphandling", "Utbildning"]


def test_the_overview_draws_the_studies_on_year_and_body_only(data, client_as):
    html = client_as(Role.READER).get(reverse("meetings:stats")).content.decode()
    figures = {
        name: html[
            html.index(f'id="chart-{name}-caption"') : html.index(
                "</figure>", html.index(f'id="chart-{name}-caption"')
            )
        ]
        for name in ("year", "body", "area")
    }
    assert figures["year"].count('class="chart-ref"') == 3 + 1  # three lines and the legend's
    assert figures["body"].count('class="chart-ref"') == 4
    assert 'class="chart-ref"' not in figures["area"]
    assert "SKL" not in figures["area"]


def test_a_share_too_small_for_its_bar_is_in_the_table_and_the_chart_says_so(bodies):
    # 1 item of EU law among 20: 5 %, too narrow to write in its segment.
    add_items(
        bodies,
        [("A", "2022-02-01", "decision", "legal", False, [])]
        + [("A", "2022-02-01", "decision", "none", False, [])] * 19,
    )
    chart = bar_chart("chart-year", stats_by_year(StatsFilters()), "all")
    (bar,) = chart.bars
    assert [(s.code, s.percent, s.labelled) for s in bar.segments] == [
        ("legal", 5, False),
        ("none", 95, True),
    ]
    assert chart.unlabelled_segments
    narrow = bar_chart("chart-year", [], "all")
    assert not narrow.unlabelled_segments


def test_the_axis_labels_at_the_ends_stand_inside_the_chart(data):
    chart = bar_chart("chart-year", stats_by_year(StatsFilters()), "all")
    assert [(t.percent, t.anchor) for t in chart.ticks] == [
        (0, "start"),
        (25, "middle"),
        (50, "middle"),
        (75, "middle"),
        (100, "end"),
    ]


def test_every_headline_figure_says_its_base(data, client_as):
    """Hand-counted: 10 items, 4 EU law (40 %), 2 EU policy (20 %); 7 substantive items, of
    which 5 EU-influenced (71 %); 2 about EU funding."""
    html = client_as(Role.READER).get(reverse("meetings:stats")).content.decode()
    cards = html[html.index('<dl class="figures">') : html.index("</dl>")]
    rows = [" ".join(c.split()) for c in re.findall(r"<div>(.*?)</div>", cards, re.S)]
    text = [re.sub(r"<[^>]+>", " ", r) for r in rows]
    text = [" ".join(t.split()) for t in text]
    assert text == [
        "Ärenden 10 alla ärenden som räknats",
        "EU-rätt 40 % av alla 10 ärenden",
        "EU-politik 20 % av alla 10 ärenden",
        "EU-påverkan, rätt eller politik 71 % av 7 sakärenden",
        "Ärenden om EU-medel 2 av alla 10 ärenden",
    ]


class _Tables(HTMLParser):
    """The text of every cell of every table, by table id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current: list[list[str]] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.current = self.tables.setdefault(dict(attrs).get("id") or "", [])
        elif tag == "tr" and self.current is not None:
            self.current.append([])
        elif tag in ("td", "th") and self.current is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.current is not None:
            self.current[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def page_tables(response) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def _expected_cells(counts: dict) -> list[str]:
    cells = [str(counts["items"])]
    for code in ("legal", "policy", "none"):
        pct = percent(counts[code], counts["items"])
        cells.append("–" if pct is None else f"{pct} % ({counts[code]})")
    return [*cells, str(counts["funding"])]


def test_command_json_equals_the_page_tables(data, client_as, capsys):
    client = client_as(Role.READER)
    response = client.get(reverse("meetings:stats"), {"body": data["B"].pk, "year_from": 2021})
    tables = page_tables(response)
    call_command("eu_stats", "--body", "B", "--year", "2021", "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert report["filters"] == {"body_id": data["B"].pk, "year_from": 2021, "year_to": 2021}
    for name, key in (("year", "by_year"), ("body", "by_body"), ("area", "by_area")):
        expected = [
            [r["label"], *_expected_cells(r["all"]), *_expected_cells(r["substantive"])]
            for r in report[key]
        ]
        total = report["total"]
        expected.append(
            ["", *_expected_cells(total["all"]), *_expected_cells(total["substantive"])]
        )
        shown = tables[f"table-{name}"][2:]  # after the two header rows
        shown[-1][0] = ""  # the total row's label
        assert shown == expected, name
    assert report["total"]["all"]["shares"] == {
        "legal": 0.5,
        "policy": 0.25,
        "none": 0.25,
        "eu": 0.75,
    }


def test_command_table_and_errors(data, capsys):
    call_command("eu_stats")
    out = capsys.readouterr().out
    assert "Per year" in out
    assert "Alfanämnden" in out
    assert "40 % (4)" in out
    with pytest.raises(CommandError, match="short name"):
        call_command("eu_stats", "--body", "NOPE")


def test_report_shape(data):
    report = stats_report(StatsFilters())
    assert report["total"]["substantive"]["items"] == 7
    assert [s["share"] for s in report["reference_studies"]] == [0.60, 0.47, 0.22]


def test_overview_page_shows_charts_tables_and_links(data, client_as):
    client = client_as(Role.READER)
    response = client.get(reverse("meetings:stats"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("year", "body", "area"):
        assert f'aria-labelledby="chart-{name}-caption"' in html
        assert f'id="chart-{name}-caption"' in html
        assert reverse("meetings:stats_export", args=[name, "csv"]) in html
        assert reverse("meetings:stats_export", args=[name, "xlsx"]) in html
    assert html.count('role="img"') == 3
    assert reverse("meetings:stats_body", args=[data["A"].pk]) in html
    assert "style=" not in html
    assert "<script>" not in html
    # Decimal commas of the Swedish locale must not reach the SVG coordinates.
    assert 'width="25.0%"' in html or 'width="25%"' in html


def test_overview_substantive_measure_and_bad_filters(data, client_as):
    client = client_as(Role.READER)
    response = client.get(reverse("meetings:stats"), {"measure": "substantive", "year_from": "x"})
    assert response.status_code == 200
    assert response.context["measure"] == "substantive"
    assert response.context["filters"] == StatsFilters()


def test_body_page(data, client_as):
    client = client_as(Role.OFFICER)
    response = client.get(reverse("meetings:stats_body", args=[data["B"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Betanämnden" in html
    assert (
        reverse(
            "meetings:item_detail", args=[AgendaItem.objects.get(title__startswith="Ärende 9").pk]
        )
        in html
    )
    assert f"?body={data['B'].pk}" in html
    tables = page_tables(response)
    assert tables["table-year"][2][:2] == ["2021", "4"]
    assert client.get(reverse("meetings:stats_body", args=[999999])).status_code == 404


def test_empty_pages(bodies, client_as):
    client = client_as(Role.READER)
    assert client.get(reverse("meetings:stats")).status_code == 200
    assert client.get(reverse("meetings:stats_body", args=[bodies["A"].pk])).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        lambda d: reverse("meetings:stats"),
        lambda d: reverse("meetings:stats_body", args=[d["A"].pk]),
        lambda d: reverse("meetings:stats_export", args=["year", "csv"]),
    ],
)
def test_anonymous_cannot_read_statistics(data, client, url):
    response = client.get(url(data))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_csv_export(data, client_as):
    client = client_as(Role.READER)
    response = client.get(
        reverse("meetings:stats_export", args=["body", "csv"]), {"year_from": 2021}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "eu-statistik-per-organ-2021-.csv" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == [
        "Organ",
        "Antal ärenden (alla ärenden)",
        "EU-rätt, antal (alla ärenden)",
        "EU-rätt, andel i procent (alla ärenden)",
    ]
    assert len(rows[0]) == 1 + 2 * 8
    assert rows[1][:4] == ["Alfanämnden", "2", "1", "50,0"]
    assert rows[-1][:4] == ["Totalt", "6", "3", "50,0"]


def test_xlsx_export_has_a_header_and_shares_as_numbers(data, client_as):
    client = client_as(Role.READER)
    response = client.get(
        reverse("meetings:stats_export", args=["year", "xlsx"]), {"body": data["A"].pk}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header == exports.headers("year")
    assert sheet["A1"].font.bold
    first = [c.value for c in sheet[2]]
    assert first[:4] == ["2020", 4, 1, 0.25]
    assert sheet.cell(row=2, column=4).number_format == "0.0%"
    assert [c.value for c in sheet[sheet.max_row]][:2] == ["Totalt", 6]


def test_export_of_unknown_table_or_format_is_not_found(data, client_as):
    client = client_as(Role.READER)
    assert client.get(reverse("meetings:stats_export", args=["kind", "csv"])).status_code == 404
    assert client.get(reverse("meetings:stats_export", args=["year", "pdf"])).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_items_and_meetings(
    bodies, client_as, django_assert_max_num_queries
):
    client = client_as(Role.READER)
    overview = reverse("meetings:stats")
    body_page = reverse("meetings:stats_body", args=[bodies["A"].pk])
    add_items(bodies, ITEMS)
    small = (_queries(client, overview), _queries(client, body_page))
    add_items(bodies, ITEMS, copies=5, first=1)
    assert AgendaItem.objects.count() == 60
    assert (_queries(client, overview), _queries(client, body_page)) == small
    # Uncached (the tests' cache keeps nothing): the figures and the cache's data stamp.
    with django_assert_max_num_queries(9):
        client.get(overview)
    with django_assert_max_num_queries(9):
        client.get(body_page)


def test_a_review_moves_the_figures(imported, council, make_user, client_as):
    from omvarld.meetings.services import item_review

    before = stats_total(StatsFilters(body_id=council.pk))
    item = AgendaItem.objects.get(title="Val av justerare")  # coded none by the engine
    item_review(
        item=item,
        reviewer=make_user(Role.COORDINATOR),
        kind="decision",
        eu="legal",
        funding=False,
        areas=["waste"],
        comment="",
    )
    after = stats_total(StatsFilters(body_id=council.pk))
    assert after.all.legal == before.all.legal + 1
    assert after.all.none == before.all.none - 1
    assert after.all.items == before.all.items
    client = client_as(Role.READER)
    tables = page_tables(client.get(reverse("meetings:stats_body", args=[council.pk])))
    year = tables["table-year"][2]
    assert year[0] == "2016"
    assert year[2] == f"{after.all.legal_percent} % ({after.all.legal})"


def test_notice_and_minutes_of_one_meeting_count_the_minutes_only(imported, council, make_user):
    from omvarld.meetings.selectors import review_disagreements
    from omvarld.meetings.services import item_review

    from .test_services import _import_minutes

    filters = StatsFilters(body_id=council.pk)
    assert stats_total(filters).all.items == 5
    notice_item = AgendaItem.objects.get(
        title="Ansökan om medel ur Europeiska socialfonden för projektet Unga in"
    )
    review = item_review(
        item=notice_item,
        reviewer=make_user(Role.COORDINATOR),
        kind="decision",
        eu="legal",
        funding=True,
        areas=["waste"],
        comment="",
    )
    _import_minutes(council)
    total = stats_total(filters).all
    assert total.items == 3
    minutes = AgendaItem.objects.filter(document__shape="minutes")
    assert total.legal == minutes.filter(eu="legal").count()
    assert total.funding == minutes.filter(funding=True).count() == 0
    assert [r.all.items for r in stats_by_year(filters)] == [3]
    # The review stays on its (now superseded) item but counts nowhere.
    notice_item.refresh_from_db()
    assert notice_item.superseded
    assert review.item_id == notice_item.pk
    assert notice_item.reviews.count() == 1
    assert notice_item not in review_disagreements()
    assert notice_item not in stats_top_items(body_id=council.pk)
