"""Speed and memory of the EU-impact engine, printed as figures.

Run: ``python benchmarks/bench_engine.py``.

Goals: at least 20,000 item titles per second through ``classify`` on one core, and a
100-page text PDF through ``analyse_document`` in under two seconds. Also printed:
notice pages per second (segmentation and classification of Norrköping's notices),
segmentation recall on the labelled data sets, and peak memory (tracemalloc and the
process's maximum resident set size).
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF

from omvarld.euimpact.readers import read_document
from omvarld.euimpact.segment import segment

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
TITLES_GOAL = 20_000
PDF_GOAL_SECONDS = 2.0
PDF_PAGES = 100


def _classifier() -> Callable[[str, str], object] | None:
    try:
        from omvarld.euimpact.api import default_classifier

        classify = default_classifier()
        classify("Val av justerare", "Val av justerare")
    except Exception as exc:  # a missing or broken knowledge base must not stop the figures
        print(f"classifier unavailable, classification figures skipped: {exc}")
        return None
    return classify


def _titles() -> tuple[list[str], str]:
    labels = SHARED / "agendas" / "labels.jsonl"
    if labels.is_file():
        titles = [json.loads(line)["title"] for line in labels.read_text().splitlines()]
        other = SHARED / "agendas-other" / "labels.jsonl"
        if other.is_file():
            titles += [json.loads(line)["title"] for line in other.read_text().splitlines()]
        return titles, "labelled titles"
    rng = random.Random(581)
    subjects = [
        "taxa för vatten och avlopp",
        "riktlinje för upphandling",
        "detaljplan för del av fastigheten Hagen 1:2",
        "avfallsplan",
        "årsredovisning 2018",
        "integrationsprogram",
        "ansökan om EU-medel ur Europeiska socialfonden",
        "val av justerare",
    ]
    heads = ["", "Motion om ", "Interpellation om ", "Revidering av ", "Information om "]
    titles = [(rng.choice(heads) + rng.choice(subjects)).capitalize() for _ in range(500)]
    return titles, "generated titles"


def _rate(work: Callable[[], int], minimum_seconds: float = 1.0) -> tuple[float, int, float]:
    """Run ``work`` (which returns how many units it did) until ``minimum_seconds`` pass."""
    done = 0
    start = time.perf_counter()
    while True:
        done += work()
        elapsed = time.perf_counter() - start
        if elapsed >= minimum_seconds:
            return done / elapsed, done, elapsed


def bench_titles(classify: Callable[[str, str], object]) -> None:
    titles, origin = _titles()

    def work() -> int:
        for title in titles:
            classify(title, title)
        return len(titles)

    work()  # warm caches (compiled patterns, knowledge indexes)
    rate, done, elapsed = _rate(work, 2.0)
    verdict = "meets" if rate >= TITLES_GOAL else "BELOW"
    print(
        f"classify: {rate:,.0f} titles/s ({done:,} {origin} in {elapsed:.2f} s; "
        f"goal {TITLES_GOAL:,}/s: {verdict})"
    )


def bench_notices(classify: Callable[[str, str], object] | None) -> None:
    folder = SHARED / "agendas" / "notices"
    if not folder.is_dir():
        print("notices: shared data not found, skipped")
        return
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]

    def segment_only() -> int:
        for text in texts:
            segment(text)
        return len(texts)

    rate, _, _ = _rate(segment_only)
    print(f"segment: {rate:,.0f} notice pages/s")
    if classify is None:
        return

    def segment_and_classify() -> int:
        for text in texts:
            for item in segment(text).items:
                classify(item.title, item.text)
        return len(texts)

    rate, done, elapsed = _rate(segment_and_classify)
    print(f"segment + classify: {rate:,.0f} notice pages/s ({done} pages in {elapsed:.2f} s)")


def _write_pdf(path: Path) -> None:
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    paragraph = (
        "Kommunstyrelsen föreslår kommunfullmäktige att anta en ny taxa för offentlig "
        "kontroll av livsmedel enligt förordning (EU) 2017/625 och att uppdra åt miljö- "
        "och hälsoskyddsnämnden att följa upp avfallsplanen. "
    )
    for page in range(1, PDF_PAGES + 1):
        pdf.add_page()
        pdf.cell(0, 6, "Exempelstads kommun  Protokoll  2024-03-21")
        pdf.ln(8)
        pdf.multi_cell(0, 5, f"§ {page} Ärende nummer {page} om taxa och avfall\n")
        pdf.multi_cell(0, 5, paragraph * 12)
        pdf.set_y(-15)
        pdf.cell(0, 6, f"Sida {page} av {PDF_PAGES}", align="C")
    pdf.output(str(path))


def bench_pdf(classify: Callable[[str, str], object] | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "protokoll.pdf"
        _write_pdf(path)
        start = time.perf_counter()
        document = read_document(path)
        read = time.perf_counter() - start
        start = time.perf_counter()
        items = segment(document.text).items
        split = time.perf_counter() - start
        print(
            f"{PDF_PAGES}-page PDF: read {read:.3f} s, segment {split:.3f} s "
            f"({len(items)} items, {len(document.text):,} characters)"
        )
        if classify is None:
            return
        from omvarld.euimpact.api import analyse_document

        tracemalloc.start()
        start = time.perf_counter()
        analysis = analyse_document(path)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        verdict = "meets" if elapsed < PDF_GOAL_SECONDS else "ABOVE"
        print(
            f"analyse_document, {PDF_PAGES}-page PDF end to end: {elapsed:.3f} s "
            f"({len(analysis.items)} items; goal < {PDF_GOAL_SECONDS:.0f} s: {verdict}); "
            f"tracemalloc peak {peak / 2**20:.1f} MiB"
        )


def bench_recall() -> None:
    for name in ("agendas", "agendas-other"):
        folder = SHARED / name
        if not (folder / "labels.jsonl").is_file():
            continue
        labels = [json.loads(line) for line in (folder / "labels.jsonl").read_text().splitlines()]
        found: dict[str, list[str]] = {}
        hits = 0
        for label in labels:
            if label["file"] not in found:
                text = (folder / "notices" / label["file"]).read_text(encoding="utf-8")
                found[label["file"]] = [item.title for item in segment(text).items]
            titles = found[label["file"]]
            position = label["position"]
            if len(titles) >= position:
                got = " ".join(titles[position - 1].split()).casefold()
                hits += got == " ".join(label["title"].split()).casefold()
        print(f"segmentation recall {name}: {hits}/{len(labels)} = {hits / len(labels):.3f}")


def main() -> int:
    """Print every figure; returns 0 (figures, not a pass/fail test)."""
    print(f"Python {sys.version.split()[0]}, one core")
    classify = _classifier()
    if classify is not None:
        bench_titles(classify)
    bench_notices(classify)
    bench_pdf(classify)
    bench_recall()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak resident set size: {maxrss / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
