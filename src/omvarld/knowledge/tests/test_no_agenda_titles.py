"""The knowledge files are written from facts, never from agenda titles (docs/knowledge-format.md).

The engine is judged on meetings it has not seen; a cue or a name that repeats a labelled title
would score on the labelled set and teach nothing. This test fails when any labelled title of
three words or more appears, lower-cased, inside an alternative of a cue pattern or inside a
name of an EU act, a statute or a policy. Shorter titles are left out: single common words
("Meddelanden", "Budget") belong in cues by right.

Pure Python (PyYAML), no Django. The files are read as written, not through the engine's loader,
so that nothing the loader filters out can hide a title.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
MIN_WORDS = 3


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression, as written."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    escaped = False
    in_class = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


def _load(name: str) -> Any:
    with (DATA / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _knowledge_strings() -> Iterator[tuple[str, str]]:
    """(where, text) for every cue alternative and every name in the knowledge files."""
    for cue in _load("cues.yaml")["cues"]:
        for alternative in _alternatives(str(cue["pattern"])):
            yield f"cues.yaml {cue['id']}", alternative
    for file, key, ident in (
        ("eu_acts.yaml", "acts", "celex"),
        ("statutes.yaml", "statutes", "sfs"),
        ("policies.yaml", "policies", "id"),
    ):
        for entry in _load(file)[key]:
            for field in ("names", "abbreviations"):
                for name in entry.get(field) or ():
                    yield f"{file} {entry[ident]} {field}", str(name)


def _labelled_titles(shared_data: Path) -> set[str]:
    titles: set[str] = set()
    for labels in sorted(shared_data.glob("agendas*/labels.jsonl")):
        for line in labels.read_text("utf-8").splitlines():
            if line.strip():
                titles.add(_normalised(json.loads(line)["title"]))
    return titles


def test_alternatives_split_at_top_level_only() -> None:
    assert _alternatives(r"a|b(?:c|d)|[|]x|e\|f") == ["a", "b(?:c|d)", "[|]x", r"e\|f"]


@pytest.mark.shared_data
def test_no_labelled_title_in_the_knowledge_files(shared_data: Path) -> None:
    titles = _labelled_titles(shared_data)
    assert titles, f"no labelled titles found under {shared_data}"
    long_titles = sorted(t for t in titles if len(t.split()) >= MIN_WORDS)
    assert long_titles
    strings = [(where, _normalised(text)) for where, text in _knowledge_strings()]
    assert strings
    found = [
        f"{where}: {title!r} in {text!r}"
        for title in long_titles
        for where, text in strings
        if title in text
    ]
    assert not found, "agenda titles in the knowledge files:\n" + "\n".join(found)
