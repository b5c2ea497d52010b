"""The Django side of ``make load`` (see ``benchmarks/load.py``): each step runs in its own process
with the environment the orchestrator set (production settings, the database under test).

    python benchmarks/load_steps.py corpus OUT.zip --documents 400 --items 50 --year 2015
    python benchmarks/load_steps.py setup                 # users, token, session: JSON
    python benchmarks/load_steps.py upload FILE.zip       # a batch as the upload page makes it
    python benchmarks/load_steps.py wait-batch ID --timeout 900
    python benchmarks/load_steps.py reanalyse --timeout 900
    python benchmarks/load_steps.py probe STOPFILE        # other users' writes, timed: JSON
    python benchmarks/load_steps.py sync                  # queue the daily EU sync
    python benchmarks/load_steps.py wait-task ID --timeout 300
    python benchmarks/load_steps.py offline-worker ID     # a worker whose sources are recordings
    python benchmarks/load_steps.py outage on|off         # PostgreSQL: refuse new connections
    python benchmarks/load_steps.py counts
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src"), str(ROOT / "benchmarks")]

from bench_web import PLACES, PROJECTS, TEMPLATES, THINGS, TOPICS  # noqa: E402

RECORDINGS = ROOT / "src" / "omvarld" / "eu_monitoring" / "tests" / "recordings"
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september"]


def _django() -> None:
    import django

    django.setup()


def corpus(out: Path, documents: int, items: int, year: int, seed: int = 581) -> None:
    """A ZIP of council notices, one meeting each, with generated agenda wording."""
    rng = random.Random(seed + year)
    weights = [t.weight for t in TEMPLATES]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(documents):
            day = dt.date(year, 1, 1) + dt.timedelta(days=number)
            when = f"{day.day} {MONTHS[day.month - 1 if day.month <= 9 else 8]} {day.year}"
            lines = [
                f"Kommunfullmäktiges sammanträde {when}",
                "",
                f"Kommunfullmäktige i Norrköping kallas att sammanträda {when} klockan 16.30.",
                "",
                "Följande ärenden behandlas vid sammanträdet",
                "",
            ]
            for position in range(items):
                template = rng.choices(TEMPLATES, weights)[0]
                title = template.title.format(
                    org="kommunstyrelsen",
                    year=day.year,
                    later=day.year + 4,
                    place=rng.choice(PLACES),
                    thing=rng.choice(THINGS),
                    topic=rng.choice(TOPICS),
                    project=rng.choice(PROJECTS),
                    n=rng.randint(1, 40),
                    m=rng.randint(1, 90),
                )
                lines.append(f" - {title} ({number}-{position})")
            archive.writestr(f"kf-{day.isoformat()}.txt", "\n".join(lines) + "\n")


def setup() -> dict[str, object]:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from rest_framework.authtoken.models import Token

    from omvarld.accounts.models import User
    from omvarld.organisation.models import Body

    user, _created = User.objects.get_or_create(
        username="lasttest", defaults={"role": "coordinator", "email": "last@example.se"}
    )
    user.set_unusable_password()
    user.save()
    token, _created = Token.objects.get_or_create(user=user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    council = Body.objects.get(short_name="KF")
    return {
        "token": token.key,
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
        "council": council.pk,
        "user": user.pk,
    }


def upload(path: Path) -> int:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from omvarld.accounts.models import User
    from omvarld.meetings.batches.create import batch_create
    from omvarld.organisation.models import Body

    user = User.objects.get(username="lasttest")
    with transaction.atomic():
        batch = batch_create(
            files=[SimpleUploadedFile(path.name, path.read_bytes())],
            body=Body.objects.get(short_name="KF"),
            user=user,
        )
    return batch.pk


def wait_batch(batch_id: int, timeout: float) -> dict[str, object]:
    from omvarld.meetings.models import AgendaItem, ImportBatch, ImportFile

    began = time.monotonic()
    batch = ImportBatch.objects.get(pk=batch_id)
    while batch.status not in ("done", "failed") and time.monotonic() - began < timeout:
        time.sleep(0.5)
        batch = ImportBatch.objects.get(pk=batch_id)
    files = ImportFile.objects.filter(batch=batch)
    return {
        "status": batch.status,
        "error": batch.error,
        "seconds": round(time.monotonic() - began, 1),
        "files": batch.total_files,
        "results": files.count(),
        "distinct_results": files.values("position").distinct().count(),
        "imported": files.filter(status="imported").count(),
        "attempts": batch.attempts,
        "items": AgendaItem.objects.filter(document__batch=batch).count(),
    }


def wait_task(task_id: str, timeout: float, statuses: tuple[str, ...]) -> dict[str, object]:
    from django_tasks_db.models import DBTaskResult

    began = time.monotonic()
    row = DBTaskResult.objects.get(pk=task_id)
    while time.monotonic() - began < timeout and row.status not in statuses:
        time.sleep(0.3)
        row = DBTaskResult.objects.get(pk=task_id)
    return {
        "status": row.status,
        "workers": row.worker_ids,
        "seconds": round(time.monotonic() - began, 1),
        "error": row.traceback.splitlines()[-1] if row.traceback else "",
    }


def reanalyse(timeout: float) -> dict[str, object]:
    from omvarld.meetings.models import AgendaItem, ItemAnalysis
    from omvarld.meetings.tasks import reanalyse_items

    # As after an update of the knowledge files: every current analysis is of an older version.
    ItemAnalysis.objects.filter(is_current=True).update(knowledge_version="before the update")
    began = time.monotonic()
    result = reanalyse_items.enqueue(body_id=None)
    waited = wait_task(str(result.id), timeout, ("SUCCESSFUL", "FAILED"))
    waited["items"] = AgendaItem.objects.count()
    waited["seconds"] = round(time.monotonic() - began, 1)
    return waited


def probe(stopfile: Path, every: float = 0.1) -> dict[str, object]:
    """Other users' writes while the background work runs: a short write transaction every
    ``every`` seconds (a login's update of the user row), each timed."""
    from django.db import transaction
    from django.utils import timezone

    from omvarld.accounts.models import User

    user = User.objects.get(username="lasttest")
    waits: list[float] = []
    errors = 0
    while not stopfile.exists():
        began = time.monotonic()
        try:
            with transaction.atomic():
                User.objects.filter(pk=user.pk).update(last_login=timezone.now())
        except Exception:
            errors += 1
        waits.append(time.monotonic() - began)
        time.sleep(every)
    waits.sort()

    def pct(p: float) -> float:
        return round(1000 * waits[min(len(waits) - 1, int(p * len(waits)))], 1) if waits else 0.0

    return {
        "writes": len(waits),
        "errors": errors,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "max_ms": round(1000 * waits[-1], 1) if waits else 0.0,
        "over_1s": sum(1 for w in waits if w > 1.0),
    }


class _RecordedSources:
    """The EU sources answering from the recordings of the test suite, slowly, as the real ones
    do under their rate limits; these machines reach no outside service."""

    def __call__(self, request: Any, *, timeout: float) -> Any:
        from omvarld.core.http_client import Response

        time.sleep(3.0)
        url = str(request.url)
        if "webapi/rdf/sparql" in url:
            return Response(200, (RECORDINGS / "eurlex" / "proposals.json").read_bytes())
        if "searchInitiatives" in url:
            name = "search_initiatives.json"
            return Response(200, (RECORDINGS / "haveyoursay" / name).read_bytes())
        if "groupInitiatives/900102" in url:
            name = "group_initiative_900102.json"
            return Response(200, (RECORDINGS / "haveyoursay" / name).read_bytes())
        if "procedures/2021-0211" in url:
            name = "procedure_2021-0211.json"
            return Response(200, (RECORDINGS / "europarl" / name).read_bytes())
        return Response(404, b"{}")


def offline_worker(worker_id: str) -> None:
    from django.core.management import call_command

    from omvarld.core.http_client import HttpClient
    from omvarld.eu_monitoring import sync

    sync.default_client = lambda: HttpClient(transport=_RecordedSources())
    call_command("worker", "--no-reload", "--no-startup-delay", "--worker-id", worker_id, "-v", "0")


def sync_enqueue() -> str:
    """The daily sync, due in 20 seconds: time for the process that kills its worker to start
    watching it first."""
    from django.utils import timezone

    from omvarld.eu_monitoring.tasks import eu_sync_daily

    due = timezone.now() + dt.timedelta(seconds=20)
    return str(eu_sync_daily.using(run_after=due).enqueue().id)


def outage(on: bool) -> None:
    """PostgreSQL: refuse new connections to the database and end the open ones, as a server
    going away does; ``off`` lets them in again."""
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'ALTER DATABASE "{db["NAME"]}" ALLOW_CONNECTIONS {"false" if on else "true"}')
        if on:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [db["NAME"]],
            )


def kill_when(kind: str, ident: str, pid: int, timeout: float = 600) -> dict[str, object]:
    """SIGKILL the worker ``pid`` as soon as the batch has a few results or the task runs:
    polled in this one process, so the kill lands in the middle of the work."""
    import os
    import signal

    from django_tasks_db.models import DBTaskResult

    from omvarld.meetings.models import ImportFile

    began = time.monotonic()
    seen: object = None
    while time.monotonic() - began < timeout:
        if kind == "batch":
            seen = ImportFile.objects.filter(batch_id=int(ident)).count()
            if int(str(seen)) >= 3:
                break
        else:
            seen = DBTaskResult.objects.filter(pk=ident).values_list("status", flat=True).first()
            if seen != "READY":
                time.sleep(2.5)  # well inside the sync: its sources answer slowly
                seen = DBTaskResult.objects.get(pk=ident).status
                break
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return {"killed_at": seen}


def counts() -> dict[str, int]:
    from omvarld.meetings.models import AgendaItem, ItemReview, SourceDocument

    return {
        "items": AgendaItem.objects.count(),
        "documents": SourceDocument.objects.count(),
        "reviews": ItemReview.objects.count(),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("step")
    parser.add_argument("arg", nargs="?")
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--year", type=int, default=2015)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    if args.step == "corpus":
        corpus(Path(args.arg), args.documents, args.items, args.year)
        return 0
    _django()
    if args.step == "offline-worker":
        offline_worker(args.arg)
        return 0
    if args.step == "outage":
        outage(args.arg == "on")
        return 0
    result: object
    if args.step == "setup":
        result = setup()
    elif args.step == "upload":
        result = upload(Path(args.arg))
    elif args.step == "wait-batch":
        result = wait_batch(int(args.arg), args.timeout)
    elif args.step == "reanalyse":
        result = reanalyse(args.timeout)
    elif args.step == "probe":
        result = probe(Path(args.arg))
    elif args.step == "sync":
        result = sync_enqueue()
    elif args.step == "wait-task":
        result = wait_task(args.arg, args.timeout, ("SUCCESSFUL", "FAILED"))
    elif args.step == "wait-running":
        result = wait_task(args.arg, args.timeout, ("RUNNING", "SUCCESSFUL", "FAILED"))
    elif args.step == "kill-when":
        kind, ident, pid = str(args.arg).split(":")
        result = kill_when(kind, ident, int(pid))
    elif args.step == "counts":
        result = counts()
    else:
        parser.error(f"unknown step {args.step}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
