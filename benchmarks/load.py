"""``make load``: load, write-wait and fault figures of the running platform (issue 9).

For one database (a throw-away SQLite file, or the PostgreSQL server that
``scripts/with-postgres.sh`` starts), with production settings (DEBUG off) and gunicorn, it

1. imports 20,000 agenda items (a ZIP of 400 notices, uploaded as the import page does, run by
   the task worker) while another process makes a short write every 100 ms and times each;
2. re-analyses the 20,000 items the same way, timed against the same writes;
3. runs locust headless against 127.0.0.1 only, 8 and then 32 users for a bounded time, on the
   item list, search, statistics, inbox, deadlines and API lists: error rate and p95 (after a
   10-second run at 8 users that is not counted, as a server that has been running has served
   every page before);
4. fault runs: the worker killed (SIGKILL) during an import and during a sync (whose sources
   answer from the test suite's recordings: these machines reach no outside service), and the
   database made unavailable during requests (pages and API writes: 503, nothing written).

    python benchmarks/load.py --database sqlite
    scripts/with-postgres.sh python benchmarks/load.py --database postgres
    python benchmarks/load.py --report            # both results side by side, with the commit
    python benchmarks/load.py --database sqlite --phases import,load   # measure some again

Results go to ``var/load/<database>.json``. Figures depend on the machine and its other load,
which the report prints with them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
STEPS = str(ROOT / "benchmarks" / "load_steps.py")
OUT = ROOT / "var" / "load"
USERS = (8, 32)
SECONDS = int(os.environ.get("LOAD_SECONDS", "40"))
#: Notices of 50 items each in the corpus: 400 make the 20,000 items of the goal.
DOCUMENTS = int(os.environ.get("LOAD_DOCUMENTS", "400"))
GOAL_P95_MS = 300
WARM_UP_SECONDS = 10


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Run:
    def __init__(self, database: str, tmp: Path) -> None:
        self.database = database
        self.tmp = tmp
        self.env = dict(os.environ)
        self.env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            OMVARLD_SECRET_KEY=secrets.token_urlsafe(64),
            OMVARLD_ALLOWED_HOSTS="127.0.0.1,localhost",
            OMVARLD_SECURE_SSL_REDIRECT="false",
            OMVARLD_MEDIA_ROOT=str(tmp / "media"),
            OMVARLD_STATIC_ROOT=str(tmp / "static"),
            # Dead workers are noticed after 20 s instead of 90, so the fault runs stay short.
            OMVARLD_WORKER_HEARTBEAT_MAX_AGE="20",
            PYTHONPATH=f"{ROOT}:{ROOT / 'src'}",
        )
        if database == "sqlite":
            # In a folder of its own: moving the folder away makes the database unreachable for
            # new connections (the fault run), with its WAL files kept beside it.
            (tmp / "db").mkdir()
            self.env["DATABASE_URL"] = f"sqlite:///{tmp / 'db' / 'load.sqlite3'}"
        elif not self.env.get("DATABASE_URL", "").startswith("postgres"):
            raise SystemExit("--database postgres needs scripts/with-postgres.sh around it")
        self.workers: dict[str, subprocess.Popen[bytes]] = {}
        self.server: subprocess.Popen[bytes] | None = None
        self.port = _free_port()

    # --- processes -----------------------------------------------------------------------------

    def manage(self, *args: str) -> None:
        subprocess.run(
            [PY, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True
        )

    def step(self, *args: str) -> Any:
        done = subprocess.run(
            [PY, STEPS, *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True
        )
        return json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else None

    def start_worker(self, name: str, *, offline: bool = False) -> None:
        command = (
            [PY, STEPS, "offline-worker", name]
            if offline
            else [PY, "manage.py", "worker", "--no-reload", "--worker-id", name, "-v", "0"]
        )
        log = (self.tmp / f"worker-{name}.log").open("wb")
        self.workers[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )

    def kill_worker(self, name: str) -> None:
        process = self.workers.pop(name)
        process.send_signal(signal.SIGKILL)
        process.wait()

    def stop_worker(self, name: str) -> None:
        process = self.workers.pop(name)
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()

    def compile_bytecode(self) -> None:
        """Compile the code as an installation for production does (``uv sync
        --compile-bytecode``): with ``PYTHONDONTWRITEBYTECODE`` set, as on these machines, each
        server process would otherwise compile every module it imports, seconds each."""
        site = subprocess.run(
            [PY, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        folders = [str(ROOT / "src"), str(ROOT / "config"), site]
        subprocess.run(
            [PY, "-m", "compileall", "-q", "-j", "0", *folders],
            cwd=ROOT,
            env={k: v for k, v in self.env.items() if k != "PYTHONDONTWRITEBYTECODE"},
            check=False,
            capture_output=True,
        )

    def start_server(self) -> None:
        self.compile_bytecode()
        log = (self.tmp / "gunicorn.log").open("wb")
        self.server = subprocess.Popen(
            [
                PY,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "4",
                "--worker-class",
                "gthread",
                "--threads",
                "2",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health/", timeout=2)
                return
            except urllib.error.HTTPError:
                return  # it answers (503 until a worker beats)
            except OSError:
                time.sleep(0.5)
        raise SystemExit("gunicorn did not start; see " + str(self.tmp / "gunicorn.log"))

    def stop_all(self) -> None:
        for name in list(self.workers):
            self.stop_worker(name)
        if self.server is not None:
            self.server.send_signal(signal.SIGTERM)
            self.server.wait(timeout=30)

    # --- measurements --------------------------------------------------------------------------

    def timed_against_writes(self, work: Any) -> tuple[Any, Any]:
        """Run ``work()`` while the probe process writes every 100 ms; both results."""
        stop = self.tmp / f"stop-{time.monotonic_ns()}"
        probe = subprocess.Popen(
            [PY, STEPS, "probe", str(stop)],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            result = work()
        finally:
            stop.touch()
            out, _err = probe.communicate(timeout=60)
        return result, json.loads(out.strip().splitlines()[-1])

    def locust(
        self, users: int, session: dict[str, Any], *, seconds: int = SECONDS
    ) -> dict[str, Any]:
        prefix = self.tmp / f"locust-{users}-{seconds}"
        env = dict(
            self.env,
            LOAD_TOKEN=session["token"],
            LOAD_COOKIE=session["cookie"],
            LOAD_COUNCIL=str(session["council"]),
        )
        subprocess.run(
            [
                PY,
                "-m",
                "locust",
                "-f",
                str(ROOT / "benchmarks" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--stop-timeout",
                "10",
                "--host",
                f"http://127.0.0.1:{self.port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            check=False,
            capture_output=True,
        )
        rows = list(csv.DictReader((prefix.parent / f"{prefix.name}_stats.csv").open()))
        pages = {}
        total: dict[str, Any] = {}
        for row in rows:
            figures = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "rps": round(float(row["Requests/s"] or 0), 1),
            }
            if row["Name"] == "Aggregated":
                total = figures
            else:
                pages[row["Name"]] = figures
        failures_csv = prefix.parent / f"{prefix.name}_failures.csv"
        reasons = (
            [
                f"{row['Occurrences']}x {row['Method']} {row['Name']}: {row['Error'][:120]}"
                for row in csv.DictReader(failures_csv.open())
            ]
            if failures_csv.exists()
            else []
        )
        total["error_rate"] = (
            round(100 * total["failures"] / total["requests"], 2) if total.get("requests") else None
        )
        return {
            "users": users,
            "seconds": seconds,
            "total": total,
            "pages": pages,
            "failures": reasons[:10],
        }

    # --- fault runs ----------------------------------------------------------------------------

    def fault_import(self) -> dict[str, Any]:
        zip_path = self.tmp / "fault.zip"
        self.step("corpus", str(zip_path), "--documents", "100", "--items", "50", "--year", "2021")
        batch = self.step("upload", str(zip_path))
        killed = self.step("kill-when", f"batch:{batch}:{self.workers['w1'].pid}")
        self.workers.pop("w1").wait()
        self.start_worker("w2")
        began = time.monotonic()
        result = self.step("wait-batch", str(batch), "--timeout", "900")
        result.update(
            killed_after_files=killed["killed_at"], recovered_in_s=round(time.monotonic() - began)
        )
        return dict(result)

    def fault_sync(self) -> dict[str, Any]:
        self.stop_worker("w2")
        self.start_worker("offline-1", offline=True)
        task = self.step("sync")
        killed = self.step("kill-when", f"task:{task}:{self.workers['offline-1'].pid}")
        self.workers.pop("offline-1").wait()
        self.start_worker("offline-2", offline=True)
        began = time.monotonic()
        result = self.step("wait-task", task, "--timeout", "600")
        result.update(
            killed_while=killed["killed_at"], recovered_in_s=round(time.monotonic() - began)
        )
        self.stop_worker("offline-2")
        self.start_worker("w3")
        return dict(result)

    def fault_database(self, session: dict[str, Any]) -> dict[str, Any]:
        before = self.step("counts")
        away = self._database_away()
        statuses: dict[str, int] = {}
        try:
            for number in range(20):
                url = ["/eu-analys/arenden/", "/api/v1/items/", "/organisation/"][number % 3]
                page = f"GET {self._status('GET', url, session)}"
                statuses[page] = statuses.get(page, 0) + 1
                review = self._status(
                    "POST",
                    "/api/v1/items/1/reviews/",
                    session,
                    body={"kind": "decision", "eu": "legal", "funding": False, "areas": []},
                )
                statuses[f"POST {review}"] = statuses.get(f"POST {review}", 0) + 1
        finally:
            self._database_back(away)
        after = self.step("counts")
        healthy = self._status("GET", "/api/v1/items/?limit=1", session)
        return {
            "responses_during_outage": statuses,
            "written_during_outage": {k: after[k] - before[k] for k in before},
            "after_outage": healthy,
        }

    def _database_away(self) -> Path | None:
        if self.database == "postgres":
            self.step("outage", "on")
            return None
        away = self.tmp / "db-away"
        (self.tmp / "db").rename(away)
        return away

    def _database_back(self, away: Path | None) -> None:
        if away is None:
            self.step("outage", "off")
            return
        away.rename(self.tmp / "db")

    def _status(
        self, method: str, url: str, session: dict[str, Any], body: dict[str, Any] | None = None
    ) -> int:
        headers = {
            "Authorization": f"Token {session['token']}",
            "Cookie": session["cookie"],
            "X-Forwarded-Proto": "https",
            "Content-Type": "application/json",
        }
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{url}", data=data, headers=headers, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)


PHASES = ("import", "reanalysis", "load", "faults")


def measure(database: str, *, phases: tuple[str, ...] = PHASES) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix=f"omvarld-load-{database}-"))
    run = Run(database, tmp)
    results: dict[str, Any] = {"database": database, "load_before": os.getloadavg()}
    OUT.mkdir(parents=True, exist_ok=True)
    earlier = OUT / f"{database}.json"
    if phases != PHASES and earlier.exists():
        # Keep the figures of the phases not measured again.
        results = {**json.loads(earlier.read_text()), "load_before": os.getloadavg()}

    def phase(name: str, work: Any) -> None:
        # Each figure is printed and kept as soon as it is measured.
        began = time.monotonic()
        print(f"[{database}] {name} ...", flush=True)
        results[name] = work()
        results["load_after"] = os.getloadavg()
        (OUT / f"{database}.json").write_text(json.dumps(results, indent=2))
        print(
            f"[{database}] {name} ({time.monotonic() - began:.0f} s): "
            + json.dumps(results[name])[:600],
            flush=True,
        )

    failed = False
    try:
        run.manage("migrate", "--no-input")
        run.manage("load_reference_data")
        run.manage("collectstatic", "--no-input")
        session = run.step("setup")
        run.start_worker("w1")
        corpus = tmp / "corpus.zip"
        run.step("corpus", str(corpus), "--documents", str(DOCUMENTS), "--items", "50")
        if "import" in phases or "load" in phases:
            batch = run.step("upload", str(corpus))
            imported: dict[str, Any] = {}

            def do_import() -> Any:
                result, writes = run.timed_against_writes(
                    lambda: run.step("wait-batch", str(batch), "--timeout", "3600")
                )
                imported["writes"] = writes
                return result

            phase("import", do_import)
            results["import_writes"] = imported["writes"]
        if "reanalysis" in phases:
            reanalysed: dict[str, Any] = {}

            def do_reanalysis() -> Any:
                result, writes = run.timed_against_writes(
                    lambda: run.step("reanalyse", "--timeout", "3600")
                )
                reanalysed["writes"] = writes
                return result

            phase("reanalysis", do_reanalysis)
            results["reanalysis_writes"] = reanalysed["writes"]
        run.start_server()
        if "load" in phases:
            # A running server has served every page before: a short run, not counted, lets
            # each gunicorn worker compile its templates and fill its cache first.
            run.locust(USERS[0], session, seconds=WARM_UP_SECONDS)
            phase("load", lambda: [run.locust(users, session) for users in USERS])
        if "faults" in phases:
            phase("fault_import", run.fault_import)
            phase("fault_sync", run.fault_sync)
            phase("fault_database", lambda: run.fault_database(session))
    except BaseException:
        failed = True
        print(f"[{database}] stopped; processes' logs kept in {tmp}", flush=True)
        raise
    finally:
        run.stop_all()
        results["load_after"] = os.getloadavg()
        (OUT / f"{database}.json").write_text(json.dumps(results, indent=2))
        if not failed:
            shutil.rmtree(tmp, ignore_errors=True)
    return results


def _commit() -> str:
    done = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip()


def report() -> None:
    found = {p.stem: json.loads(p.read_text()) for p in sorted(OUT.glob("*.json"))}
    if not found:
        raise SystemExit("no results in var/load/; run make load")
    names = list(found)
    print(f"\nOmvärld load figures, commit {_commit()}, {os.cpu_count()} cores")
    print(f"{'':44}" + "".join(f"{n:>22}" for n in names))

    def line(label: str, value: Any) -> None:
        cells = []
        for name in names:
            try:
                cells.append(str(value(found[name])))
            except (KeyError, IndexError, TypeError):
                cells.append("-")  # a run that stopped before this figure
        print(f"{label:44}" + "".join(f"{cell:>22}" for cell in cells))

    line(
        "machine load (1 min) before / after",
        lambda r: "{:.1f} / {:.1f}".format(r["load_before"][0], r["load_after"][0]),
    )
    line("import: items, seconds", lambda r: f"{r['import']['items']}, {r['import']['seconds']}")
    line("  other writes: n, max ms, >1 s", lambda r: _writes(r["import_writes"]))
    line(
        "re-analysis: items, seconds",
        lambda r: f"{r['reanalysis']['items']}, {r['reanalysis']['seconds']}",
    )
    line("  other writes: n, max ms, >1 s", lambda r: _writes(r["reanalysis_writes"]))
    for index, users in enumerate(USERS):
        line(
            f"{users} users: requests, errors %",
            lambda r, i=index: "{}, {}".format(
                r["load"][i]["total"]["requests"], r["load"][i]["total"]["error_rate"]
            ),
        )
        line(
            f"{users} users: p50 / p95 ms",
            lambda r, i=index: "{:.0f} / {:.0f}".format(
                r["load"][i]["total"]["p50_ms"], r["load"][i]["total"]["p95_ms"]
            ),
        )
        for page in found[names[0]].get("load", [{}] * len(USERS))[index].get("pages", {}):
            line(
                f"  {page} p95 ms",
                lambda r, i=index, p=page: "{:.0f}".format(
                    r["load"][i]["pages"].get(p, {}).get("p95_ms", 0)
                ),
            )
    line("worker killed in import: status", lambda r: r["fault_import"]["status"])
    line(
        "  files, results, distinct",
        lambda r: "{files}, {results}, {distinct_results}".format(**r["fault_import"]),
    )
    line(
        "  recovered in s, attempts",
        lambda r: "{recovered_in_s}, {attempts}".format(**r["fault_import"]),
    )
    line("worker killed in sync: status", lambda r: r["fault_sync"]["status"])
    line(
        "  recovered in s, starts",
        lambda r: "{}, {}".format(
            r["fault_sync"]["recovered_in_s"], len(r["fault_sync"]["workers"])
        ),
    )
    line(
        "database away: responses",
        lambda r: " ".join(
            f"{k}:{v}" for k, v in sorted(r["fault_database"]["responses_during_outage"].items())
        ),
    )
    line(
        "  rows written meanwhile",
        lambda r: sum(r["fault_database"]["written_during_outage"].values()),
    )
    line("  status after it is back", lambda r: r["fault_database"]["after_outage"])
    print(
        f"\nGoals: error rate 0 %, p95 under {GOAL_P95_MS} ms at 8 users; no other write "
        "over 1 s during an import or re-analysis of 20,000 items."
    )


def _writes(figures: dict[str, Any]) -> str:
    return f"{figures['writes']}, {figures['max_ms']:.0f}, {figures['over_1s']}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"))
    parser.add_argument("--report", action="store_true")
    parser.add_argument(
        "--phases", default=",".join(PHASES), help="comma-separated, of: " + ", ".join(PHASES)
    )
    args = parser.parse_args()
    if args.database:
        measure(args.database, phases=tuple(args.phases.split(",")))
    if args.report or not args.database:
        report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
