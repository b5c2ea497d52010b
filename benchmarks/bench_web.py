"""Speed of the EU-analysis pages with 20,000 agenda items, printed as p50/p95 in milliseconds.

Run: ``python benchmarks/bench_web.py`` (a throw-away SQLite file), or
``scripts/with-postgres.sh python benchmarks/bench_web.py --postgres`` (the throw-away
PostgreSQL server that script starts; its DATABASE_URL is used).

It migrates an empty database, bulk-creates the items across about 40 bodies and ten years with
titles from a small generator of realistic Swedish agenda wording, logs a reader in with
Django's test client and times each page. Goal: p95 under 300 ms for every page. For each page
it also prints the number of queries and the slowest of them, to show where time goes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_MS = 300.0
PAGES = [
    ("item list", "/eu-analys/arenden/"),
    ("filtered search", "/eu-analys/arenden/?q=avfall&eu=legal"),
    ("statistics", "/eu-analys/statistik/"),
    (
        "statistics, one body and years",
        "/eu-analys/statistik/?body={body}&year_from=2018&year_to=2022",
    ),
    ("statistics of one body", "/eu-analys/statistik/organ/{body}/"),
]


@dataclass(frozen=True)
class Template:
    """A wording of an agenda item with the coding an officer would give it."""

    title: str
    kind: str
    eu: str
    areas: tuple[str, ...] = ()
    funding: bool = False
    weight: int = 1


TEMPLATES = [
    Template("Val av justerare", "formal", "none", weight=8),
    Template("Godkännande av dagordningen", "formal", "none", weight=6),
    Template("Anmälan av delegationsbeslut", "formal", "none", weight=6),
    Template("Meddelanden", "formal", "none", weight=4),
    Template("Val av ersättare i {org}", "election", "none", weight=4),
    Template("Entledigande av ledamot i {org}", "election", "none", weight=2),
    Template("Avfallstaxa för {year}", "decision", "legal", ("waste",), weight=2),
    Template(
        "Avfallsplan för {place} {year}–{later}",
        "decision",
        "legal",
        ("waste", "environment_health"),
    ),
    Template("Justerad vatten- och avloppstaxa {year}", "decision", "legal", ("water_sewage",)),
    Template("Upphandling av {thing}", "decision", "legal", ("procurement",), weight=3),
    Template("Riktlinje för upphandling och inköp", "decision", "legal", ("procurement",)),
    Template(
        "Detaljplan för del av fastigheten {place} {n}:{m}",
        "decision",
        "legal",
        ("planning_building", "environment_health"),
        weight=4,
    ),
    Template("Taxa för livsmedelskontroll {year}", "decision", "legal", ("food",)),
    Template("Behandling av personuppgifter i {org}", "decision", "legal", ("digital_data",)),
    Template("Kollektivtrafikplan för {place}", "decision", "legal", ("transport",)),
    Template(
        "Handlingsplan för integration {year}–{later}",
        "decision",
        "policy",
        ("integration_migration",),
    ),
    Template("Klimatstrategi för {place}", "decision", "policy", ("climate_energy",)),
    Template("Plan för livslångt lärande", "decision", "policy", ("education",)),
    Template(
        "Ansökan om medel ur Europeiska socialfonden för projektet {project}",
        "decision",
        "policy",
        ("labour_market",),
        funding=True,
    ),
    Template(
        "Medfinansiering av Interreg-projektet {project}",
        "decision",
        "policy",
        ("business_regional", "international"),
        funding=True,
    ),
    Template("Budget {year} för {org}", "decision", "none", ("finance_governance",), weight=3),
    Template("Årsredovisning {year}", "decision", "none", ("finance_governance",), weight=2),
    Template("Reglemente för {org}", "decision", "none", ("finance_governance",)),
    Template("Motion om {topic}", "motion", "none", weight=3),
    Template("Motion om sortering av avfall i {place}", "motion", "legal", ("waste",)),
    Template("Medborgarförslag om {topic}", "motion", "none", weight=2),
    Template("Interpellation om {topic}", "interpellation", "policy", ("equality_rights",)),
    Template("Fråga om {topic}", "interpellation", "none"),
    Template("Information om {topic}", "information", "none", weight=3),
]
PLACES = ["Hagen", "Ljura", "Navestad", "Skärblacka", "Kolmården", "Åby", "Vikbolandet", "Hageby"]
THINGS = ["skolmåltider", "städtjänster", "fordon", "IT-stöd", "avfallshämtning", "byggentreprenad"]
TOPICS = [
    "fler offentliga toaletter",
    "cykelvägar i Norrköping",
    "ungas psykiska hälsa",
    "en språkintegrerad engelsk skola",
    "trygghet i centrum",
    "öppettider i biblioteken",
]
PROJECTS = ["Unga in", "Baltic Bridge", "Grön omställning", "Kompetenslyftet"]
BODY_NAMES = [
    "Kommunfullmäktige",
    "Kommunstyrelsen",
    "Utbildningsnämnden",
    "Vård- och omsorgsnämnden",
    "Socialnämnden",
    "Kultur- och fritidsnämnden",
    "Samhällsplaneringsnämnden",
    "Tekniska nämnden",
    "Samhällsbyggnadsnämnden",
    "Miljö- och hälsoskyddsnämnden",
    "Byggnadsnämnden",
    "Överförmyndarnämnden",
    "Valnämnden",
    "Arbetsmarknadsnämnden",
]


def _django(postgres: bool) -> Path | None:
    """Point Django at a throw-away database and set it up; the SQLite folder, if any."""
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    folder = None
    if postgres:
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            sys.exit("--postgres needs DATABASE_URL: run under scripts/with-postgres.sh")
    else:
        folder = Path(tempfile.mkdtemp(prefix="omvarld-bench-web-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Not setup_test_environment(): its template instrumentation would be timed with the pages.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    call_command("migrate", verbosity=0)
    return folder


def _build(items: int, bodies: int, seed: int = 581) -> int:
    """Bulk-create bodies, meetings, documents and items; the first body's id."""
    from omvarld.knowledge.services import knowledge_load_files
    from omvarld.meetings.models import AgendaItem, Meeting, SourceDocument
    from omvarld.organisation.models import Body, Municipality

    knowledge_load_files()
    from omvarld.knowledge.models import PolicyArea

    areas = dict(PolicyArea.objects.values_list("code", "pk"))
    rng = random.Random(seed)
    town = Municipality.objects.create(name="Norrköpings kommun", code="0581")
    names = [*BODY_NAMES, *(f"Nämnd {i}" for i in range(len(BODY_NAMES) + 1, bodies + 1))]
    created = Body.objects.bulk_create(
        Body(municipality=town, name=name, short_name=f"B{i}", kind="committee")
        for i, name in enumerate(names[:bodies], start=1)
    )
    years = range(2015, 2025)
    per_meeting = 10
    meetings_wanted = items // per_meeting
    days = [
        (body, dt.date(year, month, 10 + (i % 15)))
        for i, body in enumerate(created)
        for year in years
        for month in (2, 4, 6, 9, 11)
    ]
    rng.shuffle(days)
    meetings = Meeting.objects.bulk_create(
        Meeting(body=body, date=day) for body, day in days[:meetings_wanted]
    )
    documents = SourceDocument.objects.bulk_create(
        SourceDocument(
            sha256=f"{m.pk:064x}",
            original=f"originals/bench/{m.pk}.txt",
            original_name=f"{m.body.short_name}-{m.date:%Y-%m-%d}.txt",
            size=1000,
            file_format="txt",
            shape="notice",
            text="",
        )
        for m in meetings
    )
    weights = [t.weight for t in TEMPLATES]
    rows, links = [], []
    for meeting, document in zip(meetings, documents, strict=True):
        for position in range(1, per_meeting + 1):
            t = rng.choices(TEMPLATES, weights)[0]
            title = t.title.format(
                org=rng.choice(names[:bodies]).lower(),
                year=meeting.date.year,
                later=meeting.date.year + 4,
                place=rng.choice(PLACES),
                thing=rng.choice(THINGS),
                topic=rng.choice(TOPICS),
                project=rng.choice(PROJECTS),
                n=rng.randint(1, 30),
                m=rng.randint(1, 200),
            )
            text = (
                f"{title}\n\nFörvaltningen föreslår att nämnden beslutar i enlighet med förslaget."
            )
            rows.append(
                AgendaItem(
                    meeting=meeting,
                    document=document,
                    position=position,
                    number=str(position),
                    title=title,
                    text=text,
                    kind=t.kind,
                    eu=t.eu,
                    funding=t.funding,
                    reviewed=rng.random() < 0.05,
                )
            )
            links.append(t.areas)
    AgendaItem.objects.bulk_create(rows, batch_size=2000)
    through = AgendaItem.areas.through
    through.objects.bulk_create(
        (
            through(agendaitem_id=item.pk, policyarea_id=areas[code])
            for item, codes in zip(rows, links, strict=True)
            for code in codes
        ),
        batch_size=5000,
    )
    return created[0].pk


def _time(client: object, url: str, requests: int) -> tuple[list[float], int, list[str]]:
    """Milliseconds per request after three warm-up requests; queries and the slowest three."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get = client.get  # type: ignore[attr-defined]
    for _ in range(3):
        response = get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        get(url)
    queries = len(captured.captured_queries)
    slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:3]
    notes = [f"{float(q['time']) * 1000:7.1f} ms  {q['sql'][:150]}" for q in slowest]
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        get(url)
        times.append((time.perf_counter() - start) * 1000)
    return times, queries, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--bodies", type=int, default=40)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    parser.add_argument("--verbose", action="store_true", help="print the slowest queries")
    args = parser.parse_args()

    folder = _django(args.postgres)
    try:
        from django.db import connection
        from django.test import Client

        from omvarld.accounts.models import User
        from omvarld.meetings.models import AgendaItem

        start = time.perf_counter()
        body = _build(args.items, args.bodies)
        count = AgendaItem.objects.count()
        print(
            f"{connection.vendor}: {count} items built in {time.perf_counter() - start:.1f} s; "
            f"{args.requests} requests per page, logged in as a reader"
        )
        client = Client()
        client.force_login(User.objects.create_user(username="bench", role="reader"))
        failed = False
        print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        for name, url in PAGES:
            times, queries, notes = _time(client, url.format(body=body), args.requests)
            p50 = statistics.median(times)
            p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
            flag = "" if p95 < GOAL_MS else f"  over the {GOAL_MS:.0f} ms goal"
            failed = failed or bool(flag)
            print(f"{name:34} {p50:8.1f} {p95:8.1f} {queries:8}{flag}")
            if args.verbose or flag:
                for note in notes:
                    print(f"    {note}")
        return 1 if failed else 0
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
