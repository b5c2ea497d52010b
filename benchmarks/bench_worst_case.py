"""Worst-case inputs of the engine's text handling, timed: each must stay far from quadratic.

Run: ``python benchmarks/bench_worst_case.py``. The unit tests run the same inputs for their
results (an exponential regression never finishes); the time is measured here, where a slow
shared machine changes a figure instead of failing a test.

Goal: each input in under 5 s on one core (they took well under a second when written).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from omvarld.euimpact.readers import clean_pdf_pages
from omvarld.euimpact.segment import segment

GOAL_SECONDS = 5.0

#: Texts that once made a regular expression of the segmenter backtrack, or are simply huge.
SEGMENT_INPUTS: dict[str, str] = {
    "capital runs": "Protokoll fört. Närvarande: alla.\n2 1 PROTOKOLLSJUSTERING DAGENS Utses Bo. "
    + " AB" * 5000
    + " "
    + "Q" * 5000
    + "%"
    + " x" * 300,
    "long paragraph heads": "Ärendelista\n" + ("§ 1 " + "A" * 5000 + "\n") * 20,
    "many numbered headings": "Protokoll fört. Närvarande. " + "ord. 12 Rubrik om taxa " * 20000,
    "20,000 bullets": "\n".join(f"• Rubrik nummer {n}" for n in range(20000)),
    "dot leaders": "Innehåll " + "Justering" + "." * 200_000 + "2",
    # Found by make fuzz: blank lines around a repeated contents entry, a portal page of numbers
    # alone above their titles, numbered descriptions repeated, a long run-together list.
    "repeated contents entry": ("\n" * 40 + "§ 3 Försäljning av Traversen 5/ dnr 2020/2317 ... 5")
    * 12_000,
    "repeated portal page": (
        "Möte 2024-12-03\n-\n1\nUpprop och val av justerare\n-\n2\nFastställande av "
    )
    * 10_000,
    "repeated descriptions": (
        "  3. Anmälan av inkomna skrivelser till kommunstyrelsen den 20 augusti 2025.\n\n"
        "  4. Malmö stad har fått möjlighet att yttra sig över förslagen\n\n"
    )
    * 6_000,
    "run-together list": "Ärendelista "
    + " ".join(f"{n} Rubrik om taxa Dnr 2015/{n}" for n in range(1, 999)),
}

#: PDF pages with words of 100,000 characters (hyphenated, with a stray character, plain).
PAGE_INPUTS: dict[str, str] = {
    "hyphenated huge word": "A" * 100_000 + "-\n" + "b" * 100_000,
    "huge word with U+FFFE": "A" * 100_000 + "\ufffe" + "b" * 100_000,
    "huge word": "A" * 200_000,
}


def _time(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> int:
    """Print the time of every input; returns 0 (figures, not a pass/fail test)."""
    rows = [
        (f"segment, {name}", _time(lambda text=text: segment(text)), len(text))
        for name, text in SEGMENT_INPUTS.items()
    ] + [
        (f"clean_pdf_pages, {name}", _time(lambda page=page: clean_pdf_pages([page])), len(page))
        for name, page in PAGE_INPUTS.items()
    ]
    for label, seconds, size in rows:
        verdict = "meets" if seconds < GOAL_SECONDS else "ABOVE"
        print(
            f"{label}: {seconds:.3f} s ({size:,} characters; "
            f"goal < {GOAL_SECONDS:.0f} s: {verdict})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
