"""The ``omvarld`` command: code the agenda items of meeting documents from the shell.

``omvarld analyse PATH... [--format table|jsonl|csv] [--titles FILE] [--knowledge DIR]``.
The packaged knowledge files are used unless ``--knowledge`` names a folder of other ones (in
the same format, read by the same parser). Exit codes: 0 when every file was read, 1 when a file
was skipped (one line "fil: skäl" on stderr), 2 on usage errors and unusable knowledge files.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from omvarld.euimpact import __version__
from omvarld.euimpact.api import (
    Classifier,
    DocumentAnalysis,
    analyse_segmentation,
    analyse_titles,
    default_classifier,
)
from omvarld.euimpact.classify import classify
from omvarld.euimpact.knowledge import Knowledge, KnowledgeError, load_knowledge
from omvarld.euimpact.model import Coding
from omvarld.euimpact.readers import DocumentError, decode_text, read_document
from omvarld.euimpact.segment import segment
from omvarld.euimpact.stats import Shares, summarise

__all__ = ["main"]

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_USAGE = 2

# Progress lines go to stderr on a terminal, or for runs long enough to wonder about.
_PROGRESS_FILES = 20

_KIND_SV = {
    "formal": "formalia",
    "election": "val",
    "decision": "beslut",
    "motion": "motion",
    "interpellation": "interpellation",
    "information": "information",
}
_EU_SV = {"legal": "rättslig", "policy": "politisk", "none": "–"}
_CSV_FIELDS = [
    "source",
    "number",
    "title",
    "kind",
    "eu",
    "funding",
    "areas",
    "refs",
    "evidence",
    "confidence",
]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if args.command == "analyse" and not args.paths and args.titles is None:
            parser.error("ange minst en fil eller mapp, eller --titles FIL")
    except SystemExit as exc:
        # argparse exits 0 after --version/--help and 2 on a usage error.
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command != "analyse":
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    classifier: Classifier = _lazy_classifier
    labels: Callable[[], dict[str, str]] = _area_labels
    if args.knowledge is not None:
        try:
            knowledge = load_knowledge(args.knowledge)
        except KnowledgeError as exc:
            sys.stderr.write(f"omvarld analyse: --knowledge: {exc}\n")
            return EXIT_USAGE
        classifier = _bound(knowledge)
        labels = _labels_of(knowledge)
    try:
        return _analyse(
            args.paths, args.titles, args.format, sys.stdout, sys.stderr, classifier, labels
        )
    except BrokenPipeError:
        # The reader went away (``omvarld analyse ... | head``); silence the final flush.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="omvarld",
        description="Omvärld: EU:s påverkan på kommunens ärenden.",
    )
    parser.add_argument("--version", action="version", version=f"omvarld {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    analyse = commands.add_parser(
        "analyse",
        help="dela upp kallelser, föredragningslistor och protokoll i ärenden och koda dem",
        description=(
            "Läser PDF, Word (.docx), HTML och text; mappar läses rekursivt. "
            "Utskriften är en tabell, JSON Lines eller CSV."
        ),
    )
    analyse.add_argument("paths", nargs="*", type=Path, metavar="SÖKVÄG", help="fil eller mapp")
    analyse.add_argument(
        "--format",
        choices=("table", "jsonl", "csv"),
        default="table",
        help="utskriftens format (standard: table)",
    )
    analyse.add_argument(
        "--titles",
        metavar="FIL",
        help="en ärenderubrik per rad, utan uppdelning ('-' läser från standard in)",
    )
    analyse.add_argument(
        "--knowledge",
        type=Path,
        metavar="MAPP",
        help="läs kunskapsfilerna (areas.yaml, eu_acts.yaml, statutes.yaml, policies.yaml, "
        "cues.yaml) ur MAPP i stället för de medföljande",
    )
    return parser


def _analyse(
    paths: list[Path],
    titles: str | None,
    fmt: str,
    out: TextIO,
    err: TextIO,
    classifier: Classifier,
    labels: Callable[[], dict[str, str]],
) -> int:
    files = list(_files(paths))
    writer = _Writer(fmt, out, labels)
    show_progress = err.isatty() or len(files) > _PROGRESS_FILES
    status = EXIT_OK
    codings: list[Coding] = []
    if titles is not None:
        try:
            analysis = _titles_analysis(titles, classifier)
        except (OSError, DocumentError) as exc:
            err.write(f"{titles}: {_reason(exc)}\n")
            status = EXIT_SKIPPED
        else:
            writer.write(analysis)
            codings.extend(r.coding for r in analysis.items)
    for number, path in enumerate(files, start=1):
        if show_progress:
            err.write(f"[{number}/{len(files)}] {path}\n")
            err.flush()
        try:
            analysis = _document_analysis(path, classifier)
        except DocumentError as exc:
            err.write(f"{path}: {exc.reason}\n")
            status = EXIT_SKIPPED
            continue
        writer.write(analysis)
        codings.extend(r.coding for r in analysis.items)
    writer.finish(codings)
    return status


def _lazy_classifier(title: str, text: str) -> Coding:
    # The knowledge is loaded on the first item, so a run whose files are all unreadable,
    # or empty, reports that without paying for (or depending on) the knowledge files.
    return default_classifier()(title, text)


def _bound(knowledge: Knowledge) -> Classifier:
    def bound(title: str, text: str) -> Coding:
        return classify(title, text, knowledge)

    return bound


def _files(paths: list[Path]) -> Iterator[Path]:
    """Files in the order given; a folder's files recursively, sorted, hidden ones left out."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                parts = child.relative_to(path).parts
                if child.is_file() and not any(p.startswith(".") for p in parts):
                    yield child
        else:
            yield path


def _document_analysis(path: Path, classifier: Classifier) -> DocumentAnalysis:
    document = read_document(path)
    return analyse_segmentation(
        segment(document.text), source=str(path), document=document, classifier=classifier
    )


def _titles_analysis(titles: str, classifier: Classifier) -> DocumentAnalysis:
    text = sys.stdin.read() if titles == "-" else decode_text(Path(titles).read_bytes())
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return analyse_titles(lines, source=titles, classifier=classifier)


def _reason(exc: Exception) -> str:
    if isinstance(exc, DocumentError):
        return exc.reason
    if isinstance(exc, FileNotFoundError):
        return "Filen finns inte."
    return f"Filen kunde inte läsas ({getattr(exc, 'strerror', None) or exc})."


class _Writer:
    """Writes each analysis as it is done, so long runs show output early."""

    def __init__(self, fmt: str, out: TextIO, labels: Callable[[], dict[str, str]]) -> None:
        self.fmt = fmt
        self.out = out
        self.labels = labels
        self._csv: Any = None
        if fmt == "csv":
            # A byte-order mark makes Excel read the file as UTF-8 (Swedish letters).
            out.write("\ufeff")
            self._csv = csv.DictWriter(out, fieldnames=_CSV_FIELDS, lineterminator="\r\n")
            self._csv.writeheader()

    def write(self, analysis: DocumentAnalysis) -> None:
        """Write one document's items in the chosen format."""
        if self.fmt == "jsonl":
            for record in analysis.to_dicts():
                self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            for record in analysis.to_dicts():
                self._csv.writerow(_csv_row(record))
        else:
            self.out.write(_table(analysis, self.labels()))
        self.out.flush()

    def finish(self, codings: list[Coding]) -> None:
        """Close the output; the table ends with the summary of every item written."""
        if self.fmt == "table":
            self.out.write(_summary(codings))
            self.out.flush()


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    evidence = record["evidence"]
    return {
        **{k: record[k] for k in ("source", "number", "title", "kind", "eu", "confidence")},
        "funding": "ja" if record["funding"] else "nej",
        "areas": "; ".join(record["areas"]),
        "refs": "; ".join(dict.fromkeys(e["ref"] for e in evidence if e["ref"])),
        "evidence": " | ".join(f"{e['text']} ({e['why']})" for e in evidence),
    }


_TITLE_WIDTH = 60


def _table(analysis: DocumentAnalysis, labels: dict[str, str]) -> str:
    """A plain-text table of one document's items with a heading line about the meeting."""
    about = [f"{len(analysis.items)} ärenden"]
    if analysis.body:
        about.append(analysis.body)
    if analysis.meeting_date:
        about.append(analysis.meeting_date.isoformat())
    shape_sv = {
        "notice": "kallelse",
        "agenda": "föredragningslista",
        "minutes": "protokoll",
        "titles": "rubriker",
    }
    about.append(shape_sv[analysis.shape])
    rows = [("Nr", "Ärende", "Typ", "EU", "EU-medel", "Områden")]
    for result in analysis.items:
        coding = result.coding
        title = result.item.title
        if len(title) > _TITLE_WIDTH:
            title = title[: _TITLE_WIDTH - 1] + "…"
        rows.append(
            (
                result.item.number,
                title,
                _KIND_SV.get(coding.kind, coding.kind),
                _EU_SV.get(coding.eu, coding.eu),
                "ja" if coding.funding else "",
                ", ".join(labels.get(a, a) for a in coding.areas),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    buffer = io.StringIO()
    buffer.write(f"\n{analysis.source} ({', '.join(about)})\n")
    for k, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row)]
        buffer.write("  ".join(cells).rstrip() + "\n")
        if k == 0:
            buffer.write("  ".join("-" * w for w in widths) + "\n")
    return buffer.getvalue()


def _summary(codings: list[Coding]) -> str:
    summary = summarise(codings)
    return (
        "\nSammanfattning\n"
        + _summary_line("Alla ärenden", summary.all)
        + _summary_line("Sakärenden (beslut, motion, interpellation)", summary.substantive)
    )


def _summary_line(label: str, shares: Shares) -> str:
    if not shares.items:
        return f"  {label}: 0 ärenden\n"
    return (
        f"  {label}: {shares.items} ärenden; EU-påverkan {_pct(shares.eu_share)} "
        f"(rättslig {_pct(shares.legal_share)}, politisk {_pct(shares.policy_share)}), "
        f"ingen {_pct(shares.none_share)}; EU-medel {_pct(shares.funding_share)}\n"
    )


def _pct(share: float) -> str:
    return f"{share * 100:.0f} %".replace(".", ",")


@cache
def _area_labels() -> dict[str, str]:
    """Swedish labels of the area codes from the packaged knowledge files, when installed."""
    try:
        return _labels_of(load_knowledge())()
    except KnowledgeError:
        return {}


def _labels_of(knowledge: Knowledge) -> Callable[[], dict[str, str]]:
    labels = {code: area.label_sv for code, area in knowledge.areas.items()}
    return lambda: labels
