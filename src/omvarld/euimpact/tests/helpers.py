"""Checks shared by the tests of the segmenter."""

from __future__ import annotations

from omvarld.euimpact.segment import Segmentation


def check_offsets(text: str, result: Segmentation) -> None:
    """Every item points at its own text in ``text``, in order, with a one-line title."""
    for position, item in enumerate(result.items, start=1):
        assert item.position == position
        assert text[item.start : item.end] == item.text
        assert "\n" not in item.title
        assert item.title == " ".join(item.title.split())
