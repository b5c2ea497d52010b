"""Fuzzing of the engine's readers and segmenter, with figures (run by ``make fuzz``).

A mutation fuzzer: real documents (the shared data's texts, a Word file, a PDF, an HTML page, a
ZIP that is no Word file) are damaged at random: bytes flipped, spans cut, repeated or moved,
markers of agendas inserted ("§ 12 ", "Dnr ", "...4", "1) "), files truncated. Each case goes
through ``read_bytes`` and then ``segment`` and ``classify``. A case fails when it raises
anything but the documented refusal (a ``DocumentError`` with a one-line Swedish reason) or
takes more processor time than its budget (a second and two more a megabyte); failing cases are
kept in ``var/fuzz-findings``.

With ``--atheris`` (when the package installs: ``uv run --group fuzz``), atheris' coverage-guided
fuzzer runs on the same entry point for ``--seconds``.

Usage: ``python benchmarks/fuzz_engine.py [--seconds 60] [--seed 581] [--atheris]``.
Exit code 1 when a case failed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import io
import random
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import docx
from fpdf import FPDF

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
# Processor seconds one case may take, reading, segmenting and coding included: a second, and
# two more for each megabyte (mutations repeat spans up to a megabyte).
CASE_BASE = 1.0
CASE_PER_MEGABYTE = 2.0
MARKERS = [
    b"\xc2\xa7 12 ",
    b"Dnr KS 2015/12 ",
    b"...4 ",
    b"1) ",
    b"Kf 130 ",
    b"\x0c",
    b"\n",
    b"\n\n",
    b" \xe2\x80\xa2 ",
    b"Val av justerare ",
    b"A/ ",
    b"(KS ) ",
    b"Bilaga ",
    b"kl 13.15 ",
]


def _seeds() -> list[tuple[str, bytes]]:
    seeds: list[tuple[str, bytes]] = []
    for folder in ("agendas", "agendas-other", "agendas-more"):
        for path in sorted((SHARED / folder / "notices").glob("*.txt"))[:15]:
            seeds.append((f"text:{path.name}", path.read_bytes()))
    document = docx.Document()
    for line in ("Föredragningslista", "1. Val av justerare", "2. Taxa för avfall enligt LOU"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    seeds.append(("docx", buffer.getvalue()))
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for page in range(1, 4):
        pdf.add_page()
        pdf.multi_cell(0, 5, f"Protokoll\n§ {page} Taxa för avfall\nKommunstyrelsen beslutar.")
    seeds.append(("pdf", bytes(pdf.output())))
    seeds.append(
        (
            "html",
            b"<html><body><nav>Meny</nav><h1>Kallelse</h1><ol><li>Val av justerare</li>"
            b"<li>Budget 2025</li></ol></body></html>",
        )
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("content.txt", "Val av justerare " * 50)
    seeds.append(("zip", archive.getvalue()))
    return seeds


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random damage: flip, cut, repeat, move, insert a marker, or truncate."""
    if not data:
        return rng.choice(MARKERS)
    choice = rng.randrange(7)
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randrange(1, 200))
    if choice == 0:
        flipped = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        return bytes(flipped)
    if choice == 1:
        return data[:a] + data[b:]
    if choice == 2:
        # Repeat a span, up to a megabyte of text.
        times = rng.choice([2, 10, 100, 1000, 10_000])
        span = data[a:b] * times
        return data[:a] + span[:1_000_000] + data[a:]
    if choice == 3:
        return data[b:] + data[:a]
    if choice == 4:
        return data[:a] + rng.choice(MARKERS) * rng.randrange(1, 50) + data[a:]
    if choice == 5:
        return data[:a]
    return data + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))


def run_case(data: bytes) -> str:
    """Read, segment and code one case; the name of the refusal, or "read"."""
    # Imported here so that atheris can instrument the engine as it is imported.
    from omvarld.euimpact.classify import classify
    from omvarld.euimpact.knowledge import load_knowledge
    from omvarld.euimpact.readers import DocumentError, read_bytes
    from omvarld.euimpact.segment import segment

    knowledge = load_knowledge()
    try:
        document = read_bytes(data)
    except DocumentError as exc:
        if not exc.reason or "\n" in exc.reason:
            raise AssertionError(f"refusal without a one-line reason: {exc.reason!r}") from exc
        return type(exc).__name__
    for item in segment(document.text).items[:50]:
        classify(item.title, item.text, knowledge)
    return "read"


FINDINGS = Path(__file__).resolve().parents[1] / "var" / "fuzz-findings"


def _keep(data: bytes) -> Path:
    """Write a failing case to ``var/fuzz-findings`` to reproduce it."""
    FINDINGS.mkdir(parents=True, exist_ok=True)
    path = FINDINGS / f"case-{hashlib.sha256(data).hexdigest()[:16]}.bin"
    path.write_bytes(data)
    return path


def fuzz(seconds: float, seed: int) -> int:
    """Run mutated cases for ``seconds``; print figures; return the number of failures.

    Failing cases are kept in ``var/fuzz-findings``."""
    rng = random.Random(seed)
    seeds = _seeds()
    run_case(b"Val av justerare")  # load the knowledge base before any case is timed
    outcomes: Counter[str] = Counter()
    times: list[float] = []
    failures: list[str] = []
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        name, data = rng.choice(seeds)
        for _ in range(rng.randrange(1, 4)):
            data = mutate(data, rng)
        case_start = time.process_time()
        try:
            outcomes[run_case(data)] += 1
        except Exception as exc:  # the point of fuzzing: anything else is a finding
            failures.append(f"{name}: {type(exc).__name__}: {str(exc)[:120]} ({_keep(data)})")
            outcomes["FAILED"] += 1
        elapsed = time.process_time() - case_start
        times.append(elapsed)
        budget = CASE_BASE + CASE_PER_MEGABYTE * len(data) / 1_000_000
        if elapsed > budget:
            failures.append(
                f"{name}: {elapsed:.2f} s over the budget of {budget:.1f} s ({_keep(data)})"
            )
    times.sort()
    total = len(times)
    print(f"fuzz: {total} cases in {time.monotonic() - started:.0f} s (seed {seed})")
    for outcome, count in outcomes.most_common():
        print(f"  {outcome:<28} {count:>7}")
    if times:
        p99 = times[min(total - 1, int(total * 0.99))]
        print(
            f"  processor time per case: median {times[total // 2] * 1000:.1f} ms, "
            f"p99 {p99 * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms "
            f"(budget {CASE_BASE:.0f} s + {CASE_PER_MEGABYTE:.0f} s a megabyte)"
        )
    print(f"  failures: {len(failures)}")
    for failure in failures[:10]:
        print(f"    {failure}")
    return len(failures)


def run_atheris(seconds: float) -> int:
    """atheris' coverage-guided fuzzing of the same entry point for ``seconds``."""
    try:
        atheris = importlib.import_module("atheris")
    except ImportError:
        print("atheris: not installed (uv run --group fuzz), skipped")
        return 0

    def entry(data: bytes) -> None:
        run_case(data)

    with atheris.instrument_imports(include=["omvarld.euimpact"]):
        run_case(b"Val av justerare")
    sys.argv = [sys.argv[0], f"-max_total_time={int(seconds)}", "-rss_limit_mb=2048"]
    atheris.Setup(sys.argv, entry)
    atheris.Fuzz()
    return 0


def main(argv: list[str]) -> int:
    """Parse the arguments, fuzz, print figures; exit code 1 on a failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=581)
    parser.add_argument("--atheris", action="store_true")
    args = parser.parse_args(argv)
    if args.atheris:
        return run_atheris(args.seconds)
    return 1 if fuzz(args.seconds, args.seed) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
