"""Agreement of the EU-impact engine with the reference labels (run by ``make eval``).

For each labelled data set under the shared data folder (``agendas/``: Norrköping's council
notices; ``agendas-other/``: Gävle and Malmö; ``agendas-more/``: 40 more municipalities) and for
each document family within it, it prints:

* segmentation recall and precision: labelled items found with their title (compared without
  case, runs of spaces and edge punctuation), and the share of the items found that are
  labelled items;
* the coding end to end: every labelled item that was found is coded from the item the engine
  found, with its own text (a minuted paragraph's decision text, an agenda entry's case
  reference); eu Cohen's κ, kind accuracy and the eu confusion matrix on those items, and the
  shares of legal and policy among all items found against the reference's shares;
* the coding from the labelled titles alone (how the engine does when segmentation is perfect).

Document families: ``agendas-more``'s ``sources.jsonl`` describes each text in ``format``;
:func:`family` groups those descriptions by keyword rules into the README's kinds of text
(run-together lists, tables of contents, minutes with §, Dnr and title on one line, portal
lists, web agendas, decision summaries, web-TV indexes, scanned copies, table columns). The
other sets carry no ``format``: their family is their publication (web notice, portal agenda,
minutes).

Usage: ``python benchmarks/eval_engine.py [SHARED_DATA_DIR] [--errors]``
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from omvarld.euimpact.classify import classify
from omvarld.euimpact.evaluate import (
    accuracy,
    cohen_kappa,
    confusion_matrix,
    format_confusion,
    match_titles,
    shares,
)
from omvarld.euimpact.knowledge import Knowledge, load_knowledge
from omvarld.euimpact.model import EU_LEVELS, Coding
from omvarld.euimpact.segment import segment

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SETS = (
    ("agendas", "Norrköping council notices"),
    ("agendas-other", "Gävle and Malmö"),
    ("agendas-more", "40 more municipalities"),
)
# Goals of issue 16 (segmentation recall per set; coding on every set).
RECALL_GOALS = {"agendas": 0.97, "agendas-other": 0.97, "agendas-more": 0.90}

# Ordered: the first rule whose words occur in ``format`` names the family.
FAMILY_RULES: tuple[tuple[str, str], ...] = (
    ("summary", r"sammanfattning av beslut|beslut i korthet|nyhetsartikel|har sammanträtt"),
    ("web-tv", r"videoindex|webb-tv|webcaster|ljudspelare"),
    ("portal", r"insynsverige"),
    ("scan", r"ocr"),
    ("table", r"tabellform|kallelse-tabell"),
    ("run-on", r"radbrytningar|löper ihop|direkt efter varandra|fallit bort|bortfallna|försvunnit"),
    ("contents", r"innehållsförteckning|ärendeförteckning|punktledare"),
    ("minutes", r"protokoll|samma rad|på en rad"),
    ("web-agenda", r"webbsida|kungörelse|punktlista|radiotrollhattan|nyhetssida"),
)


def family(source: dict[str, Any], data_set: str) -> str:
    """The document family of one labelled text (see the module docstring)."""
    description = str(source.get("format") or "").lower()
    if description:
        rules = (name for name, words in FAMILY_RULES if re.search(words, description))
        return next(rules, "other")
    if data_set == "agendas":
        return "web-notice"
    return "minutes" if source.get("kind") == "minutes" else "portal"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of one JSON-lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class Tally:
    """Everything counted for one data set or one family."""

    documents: int = 0
    labels: int = 0
    found: int = 0
    matched: int = 0
    ref_eu: list[str] = field(default_factory=list)
    got_eu: list[str] = field(default_factory=list)
    ref_kind: list[str] = field(default_factory=list)
    got_kind: list[str] = field(default_factory=list)
    all_ref_eu: list[str] = field(default_factory=list)
    all_found_eu: list[str] = field(default_factory=list)
    title_eu: list[str] = field(default_factory=list)
    title_kind: list[str] = field(default_factory=list)
    all_ref_kind: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        for name, value in vars(other).items():
            mine = getattr(self, name)
            setattr(self, name, mine + value)


def evaluate_document(
    text: str, labels: list[dict[str, Any]], knowledge: Knowledge, errors: list[str] | None
) -> Tally:
    """Segment and code one document and compare it with its labels."""
    started = time.perf_counter()
    items = segment(text).items
    codings = [classify(item.title, item.text, knowledge) for item in items]
    elapsed = time.perf_counter() - started
    match = match_titles([lab["title"] for lab in labels], [item.title for item in items])
    tally = Tally(documents=1, labels=len(labels), found=len(items), seconds=elapsed)
    tally.all_ref_eu = [lab["eu"] for lab in labels]
    tally.all_ref_kind = [lab["kind"] for lab in labels]
    tally.all_found_eu = [c.eu for c in codings]
    for lab, index in zip(labels, match, strict=True):
        title_coding = classify(lab["title"], lab["title"], knowledge)
        tally.title_eu.append(title_coding.eu)
        tally.title_kind.append(title_coding.kind)
        if index is None:
            if errors is not None:
                errors.append(f"    missed  {lab['title'][:100]!r}")
            continue
        coding: Coding = codings[index]
        tally.matched += 1
        tally.ref_eu.append(lab["eu"])
        tally.got_eu.append(coding.eu)
        tally.ref_kind.append(lab["kind"])
        tally.got_kind.append(coding.kind)
        if errors is not None and (coding.eu != lab["eu"] or coding.kind != lab["kind"]):
            why = "; ".join(f"{e.text!r}: {e.ref}" for e in coding.evidence[:2])
            errors.append(
                f"    coded   ref {lab['kind']}/{lab['eu']} got {coding.kind}/{coding.eu} "
                f"{lab['title'][:80]!r} [{why}]"
            )
    if errors is not None:
        used = {i for i in match if i is not None}
        errors.extend(
            f"    extra   {item.title[:100]!r}" for i, item in enumerate(items) if i not in used
        )
    return tally


def _pp(got: Sequence[str], ref: Sequence[str], level: str) -> tuple[float, float]:
    return 100 * shares(got, EU_LEVELS)[level], 100 * shares(ref, EU_LEVELS)[level]


def _row(name: str, t: Tally) -> str:
    recall = t.matched / t.labels if t.labels else 0.0
    precision = t.matched / t.found if t.found else 0.0
    kappa = cohen_kappa(t.ref_eu, t.got_eu) if t.ref_eu else 0.0
    kind = accuracy(t.ref_kind, t.got_kind) if t.ref_kind else 0.0
    legal, legal_ref = _pp(t.all_found_eu, t.all_ref_eu, "legal")
    policy, policy_ref = _pp(t.all_found_eu, t.all_ref_eu, "policy")
    return (
        f"{name:<12}{t.documents:>5}{t.labels:>6}{t.found:>6}{recall:>8.3f}{precision:>7.3f}"
        f"{kappa:>8.3f}{kind:>7.3f}  {legal:5.1f} ({legal_ref:5.1f})"
        f"  {policy:5.1f} ({policy_ref:5.1f})"
    )


HEADER = (
    f"{'family':<12}{'docs':>5}{'items':>6}{'found':>6}{'recall':>8}{'prec':>7}"
    f"{'eu κ':>8}{'kind':>7}  {'legal % (ref)':<15}{'policy % (ref)':<15}"
)


def report_set(name: str, label: str, folder: Path, knowledge: Knowledge, show: bool) -> Tally:
    """Print the tables for one data set; returns its totals."""
    sources = {s["file"]: s for s in read_jsonl(folder / "sources.jsonl")}
    by_file: dict[str, list[dict[str, Any]]] = {}
    for lab in read_jsonl(folder / "labels.jsonl"):
        by_file.setdefault(lab["file"], []).append(lab)
    families: dict[str, Tally] = {}
    total = Tally()
    details: list[str] = []
    for filename in sorted(by_file):
        labels = sorted(by_file[filename], key=lambda lab: int(lab["position"]))
        text = (folder / "notices" / filename).read_text(encoding="utf-8")
        errors: list[str] | None = [] if show else None
        tally = evaluate_document(text, labels, knowledge, errors)
        kind = family(sources.get(filename, {}), name)
        families.setdefault(kind, Tally()).add(tally)
        total.add(tally)
        if errors:
            details.append(f"  {filename} [{kind}] {tally.matched}/{tally.labels}")
            details.extend(errors)
    print(f"\n=== {name} ({label}): {total.documents} documents, {total.labels} labelled items")
    print(HEADER)
    for kind in sorted(families):
        print(_row(kind, families[kind]))
    print(_row("ALL", total))
    goal = RECALL_GOALS.get(name)
    recall = total.matched / total.labels if total.labels else 0.0
    if goal is not None:
        verdict = "meets" if recall >= goal else "BELOW"
        print(f"segmentation recall {recall:.3f}: goal ≥ {goal:.2f} {verdict}")
    print("eu confusion end to end (matched items; rows reference, columns engine):")
    print(format_confusion(confusion_matrix(total.ref_eu, total.got_eu, EU_LEVELS), EU_LEVELS))
    title_kappa = cohen_kappa(total.all_ref_eu, total.title_eu)
    title_kind = accuracy(total.all_ref_kind, total.title_kind)
    legal, legal_ref = _pp(total.title_eu, total.all_ref_eu, "legal")
    policy, policy_ref = _pp(total.title_eu, total.all_ref_eu, "policy")
    print(
        f"from the labelled titles alone: eu κ {title_kappa:.3f}, kind accuracy {title_kind:.3f}, "
        f"legal {legal:.1f} % (ref {legal_ref:.1f}), policy {policy:.1f} % (ref {policy_ref:.1f})"
    )
    print(
        format_confusion(confusion_matrix(total.all_ref_eu, total.title_eu, EU_LEVELS), EU_LEVELS)
    )
    if details:
        print("\n".join(details))
    return total


def report_speed(knowledge: Knowledge, titles: list[str], total: Tally) -> None:
    """Titles classified per second of processor time, and documents segmented and coded."""
    rounds = max(1, 20_000 // max(1, len(titles)))
    started = time.process_time()
    for _ in range(rounds):
        for title in titles:
            classify(title, title, knowledge)
    elapsed = time.process_time() - started
    print(f"\nspeed: {rounds * len(titles) / elapsed:,.0f} titles/s (processor time, one core)")
    if total.seconds:
        print(
            f"segment + code end to end: {total.documents / total.seconds:,.0f} documents/s "
            f"({total.found} items in {total.seconds:.2f} s wall time)"
        )


def main(argv: list[str]) -> int:
    """Run the evaluation; the first argument may name the shared data folder."""
    show_errors = "--errors" in argv
    args = [a for a in argv if not a.startswith("--")]
    shared = Path(args[0]) if args else DEFAULT_SHARED
    if not shared.is_dir():
        print(f"shared data folder {shared} not found", file=sys.stderr)
        return 2
    knowledge = load_knowledge()
    print(f"knowledge {knowledge.version}")
    titles: list[str] = []
    grand = Tally()
    for name, label in SETS:
        folder = shared / name
        if (folder / "labels.jsonl").is_file():
            grand.add(report_set(name, label, folder, knowledge, show_errors))
            titles.extend(lab["title"] for lab in read_jsonl(folder / "labels.jsonl"))
    report_speed(knowledge, titles, grand)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
