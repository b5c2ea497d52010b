"""Agreement of the EU-impact engine with the reference labels (run by ``make eval``).

For each labelled data set (``agendas/`` and ``agendas-other/`` under the shared data folder) it
classifies every labelled item from its title and prints accuracy, macro-F1 and Cohen's κ for
``eu`` and ``kind``, the confusion matrices, funding F1, area micro-F1 and the shares of
legal/policy/none among all and among substantive items; then the recall of the segmentation of
the notice files, and the speed of ``classify``.

Usage: ``python benchmarks/eval_engine.py [SHARED_DATA_DIR] [--errors]``
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from omvarld.euimpact.classify import classify
from omvarld.euimpact.evaluate import (
    accuracy,
    binary_f1,
    cohen_kappa,
    confusion_matrix,
    format_confusion,
    macro_f1,
    micro_f1_sets,
    shares,
)
from omvarld.euimpact.knowledge import Knowledge, load_knowledge
from omvarld.euimpact.model import EU_LEVELS, KINDS, SUBSTANTIVE_KINDS

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def load_labels(folder: Path) -> list[dict[str, Any]]:
    """The reference labels of one data set."""
    with (folder / "labels.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def report_set(name: str, folder: Path, knowledge: Knowledge, show_errors: bool) -> None:
    """Print every metric for one labelled data set."""
    labels = load_labels(folder)
    codings = [classify(lab["title"], lab["title"], knowledge) for lab in labels]
    ref_eu = [lab["eu"] for lab in labels]
    pred_eu = [c.eu for c in codings]
    ref_kind = [lab["kind"] for lab in labels]
    pred_kind = [c.kind for c in codings]
    print(f"\n=== {name}: {len(labels)} labelled items ({folder}) ===")
    print(
        f"eu   accuracy {accuracy(ref_eu, pred_eu):.3f}  macro-F1 "
        f"{macro_f1(ref_eu, pred_eu, EU_LEVELS):.3f}  kappa {cohen_kappa(ref_eu, pred_eu):.3f}"
    )
    print(format_confusion(confusion_matrix(ref_eu, pred_eu, EU_LEVELS), EU_LEVELS))
    print(
        f"kind accuracy {accuracy(ref_kind, pred_kind):.3f}  macro-F1 "
        f"{macro_f1(ref_kind, pred_kind, KINDS):.3f}  kappa "
        f"{cohen_kappa(ref_kind, pred_kind):.3f}"
    )
    print(format_confusion(confusion_matrix(ref_kind, pred_kind, KINDS), KINDS))
    ref_funding = [bool(lab["funding"]) for lab in labels]
    pred_funding = [c.funding for c in codings]
    print(
        f"funding F1 {binary_f1(ref_funding, pred_funding):.3f} "
        f"(reference {sum(ref_funding)} true, predicted {sum(pred_funding)} true)"
    )
    print(
        "areas micro-F1 "
        f"{micro_f1_sets([lab['areas'] for lab in labels], [c.areas for c in codings]):.3f}"
    )
    substantive = [i for i, lab in enumerate(labels) if lab["kind"] in SUBSTANTIVE_KINDS]
    for scope, idx in (("all items", range(len(labels))), ("substantive", substantive)):
        ref_share = shares([ref_eu[i] for i in idx], EU_LEVELS)
        pred_share = shares([pred_eu[i] for i in idx], EU_LEVELS)
        cells = "  ".join(
            f"{level} {100 * pred_share[level]:5.1f}% (ref {100 * ref_share[level]:5.1f}%)"
            for level in EU_LEVELS
        )
        print(f"shares among {scope:<11} {cells}")
    if show_errors:
        for lab, coding in zip(labels, codings, strict=True):
            if lab["eu"] != coding.eu or lab["kind"] != coding.kind:
                why = "; ".join(f"{e.text!r}: {e.ref}" for e in coding.evidence[:2])
                print(
                    f"  ref {lab['kind']}/{lab['eu']:<6} got {coding.kind}/{coding.eu:<6} "
                    f"{lab['title'][:90]!r}  [{why}]"
                )


def report_segmentation(name: str, folder: Path) -> None:
    """Recall of segmentation: labelled items found at their position with a matching title."""
    try:
        from omvarld.euimpact.segment import segment
    except ImportError:
        print(f"segmentation ({name}): not available")
        return
    labels = load_labels(folder)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for lab in labels:
        by_file.setdefault(lab["file"], []).append(lab)
    found = 0
    for filename, items in by_file.items():
        path = folder / "notices" / filename
        if not path.is_file():
            continue
        titles = [_norm(item.title) for item in segment(path.read_text(encoding="utf-8")).items]
        for lab in items:
            want = _norm(lab["title"])
            pos = lab["position"] - 1
            at_position = pos < len(titles) and _same(titles[pos], want)
            if at_position or any(_same(t, want) for t in titles):
                found += 1
    total = len(labels)
    print(f"segmentation ({name}): recall {found / total if total else 0:.3f} ({found}/{total})")


def _norm(title: str) -> str:
    return " ".join(title.lower().split())


def _same(a: str, b: str) -> bool:
    # Titles cut by the notice's length limit, or with case references added, still count.
    return a == b or (min(len(a), len(b)) >= 20 and (a.startswith(b) or b.startswith(a)))


def report_speed(knowledge: Knowledge, titles: list[str]) -> None:
    """Titles classified per second on one core."""
    rounds = max(1, 20_000 // max(1, len(titles)))
    started = time.perf_counter()
    for _ in range(rounds):
        for title in titles:
            classify(title, title, knowledge)
    elapsed = time.perf_counter() - started
    print(f"\nspeed: {rounds * len(titles) / elapsed:,.0f} titles/s on one core")


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
    for name in ("agendas", "agendas-other"):
        folder = shared / name
        if (folder / "labels.jsonl").is_file():
            report_set(name, folder, knowledge, show_errors)
            report_segmentation(name, folder)
            titles.extend(lab["title"] for lab in load_labels(folder))
    report_speed(knowledge, titles)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
