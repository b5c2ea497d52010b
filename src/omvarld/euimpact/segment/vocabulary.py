"""The word lists of ``vocabulary.yaml``, loaded once: the segmenter's general vocabulary."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

__all__ = ["words"]

_FILE = Path(__file__).with_name("vocabulary.yaml")


@cache
def _load() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return {
        key: frozenset(str(word) for word in value)
        for key, value in data.items()
        if isinstance(value, list)
    }


def words(name: str) -> frozenset[str]:
    """One list of the vocabulary (``head_words``, ``function_words`` …) as a set."""
    return _load()[name]
