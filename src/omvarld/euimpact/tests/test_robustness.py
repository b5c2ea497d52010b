"""Bad and hostile input: every pattern linear, every refusal a DocumentError (issue 9).

The tests check what comes out of pathological input; the time it takes is a figure of
``make bench`` (benchmarks/bench_engine.py and bench_worst_case.py), not a test: an exponential
regression never finishes, a slow shared machine changes a figure.
"""

from __future__ import annotations

import functools
import io
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omvarld.euimpact.classify import classify
from omvarld.euimpact.knowledge import Knowledge, load_knowledge
from omvarld.euimpact.readers import (
    DocumentError,
    OversizedDocumentError,
    office,
    read_bytes,
    read_document,
)
from omvarld.euimpact.segment import segment
from omvarld.euimpact.tests.helpers import check_offsets

MEGABYTE = 1_000_000


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


# --- quadratic patterns -------------------------------------------------------------------------

# Shapes that make backtracking patterns slow: long words (the election rule once backtracked
# over them), long runs of one character, of words that open titles, of markers and references.
HOSTILE = {
    "letters": "a" * MEGABYTE,
    "capitals": "A" * MEGABYTE,
    "genitive word": "x" * MEGABYTE + "s val av",
    "spaces": " " * MEGABYTE + "Val",
    "dashes": "-" * MEGABYTE,
    "paragraph signs": "§ 1 " * (MEGABYTE // 4),
    "numbering": "1. " * (MEGABYTE // 3),
    "case reference": "Dnr " + "a" * MEGABYTE,
    "companies": "Foo AB " * (MEGABYTE // 7),
    "committees": "nämnd " * (MEGABYTE // 6),
    "slashes": "2014/" * (MEGABYTE // 5),
    "citations": "förordning (EU) 2016/679 och lag (2016:1145) " * (MEGABYTE // 46),
    "quotes": '"' + "a" * MEGABYTE,
    "digits": "9" * MEGABYTE,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("field", ["title", "text", "initiative"])
def test_a_megabyte_in_any_field_is_classified(knowledge: Knowledge, name: str, field: str) -> None:
    hostile = HOSTILE[name]
    if field == "title":
        title, text = hostile, hostile
    elif field == "text":
        title, text = "Taxa för avfall", hostile
    else:
        # eu_monitoring codes an initiative from its title and "title\nsummary".
        title, text = hostile, f"{hostile}\nSammanfattning av initiativet."
    coding = classify(title, text, knowledge)
    assert coding.kind


def _long_title_documents() -> dict[str, str]:
    title = "Taxa" + "a" * 100_000
    return {
        "bullet": f"Följande ärenden behandlas:\n• {title}\n• Val av justerare\n",
        "numbered": f"1. {title}\n2. Val av justerare\n",
        "portal": f" 1.   1\n\n  {title}\n\n 2.   2\n\n  Budget\n",
        "paragraph": f"Protokoll fört vid sammanträde\nJusterare: Bo\n§ 1 {title}\nText.\n",
        "run-together": f"Ärendelista 1 {title} 2 Val av justerare 3 Budget " * 3,
        "heading": f"Beslut i korthet\n\n{title}\n\nNämnden beslutade att anta taxan i dag.\n",
        "words": "Ärendelista " + " ".join(["Taxa"] * 25_000),
    }


@pytest.mark.parametrize("shape", sorted(_long_title_documents()))
def test_a_title_of_100000_letters_is_segmented(shape: str) -> None:
    text = _long_title_documents()[shape]
    result = segment(text)
    check_offsets(text, result)


@pytest.mark.parametrize(
    "text",
    [
        # Long runs of capitals once made a regular expression backtrack exponentially.
        "Protokoll fört. Närvarande: alla.\n2 1 PROTOKOLLSJUSTERING DAGENS Utses Bo. "
        + " AB" * 5000
        + " "
        + "Q" * 5000
        + "%"
        + " x" * 300,
        "Ärendelista\n" + ("§ 1 " + "A" * 5000 + "\n") * 20,
        "Protokoll fört. Närvarande. " + "ord. 12 Rubrik om taxa " * 20000,
        "\n".join(f"• Rubrik nummer {n}" for n in range(20000)),
        "Innehåll " + "Justering" + "." * 200_000 + "2",
        # Found by make fuzz: a megabyte of blank lines around a repeated contents entry …
        ("\n" * 40 + "§ 3 Försäljning av Traversen 5/ dnr 2020/2317 ... 5") * 12_000,
        # … a portal page of numbers alone above their titles, repeated …
        "Möte 2024-12-03\n-\n1\nUpprop och val av justerare\n-\n2\nFastställande av " * 10_000,
        # … and a portal page whose numbered descriptions repeat.
        (
            "  3. Anmälan av inkomna skrivelser till kommunstyrelsen den 20 augusti 2025.\n\n"
            "  4. Malmö stad har fått möjlighet att yttra sig över förslagen\n\n"
        )
        * 6_000,
        "Ärendelista " + " ".join(f"{n} Rubrik om taxa Dnr 2015/{n}" for n in range(1, 999)),
    ],
)
def test_pathological_input_is_segmented(text: str) -> None:
    result = segment(text)
    check_offsets(text, result)


# --- any text: items always point into it --------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "Följande ärenden behandlas vid sammanträdet",
        " • Val av justerare",
        "1. Budget",
        "§ 3 Taxa",
        "KS 12 Val",
        "3",
        "-",
        "Protokoll fört",
        "Ärendelista 93 Dnr Information 94 Dnr Riktlinjer",
        "Justering...2 Dagordning...3",
        "A/ Träff B/ Ombyggnad",
        "1) Val 2) Godkännande ) Meddelanden",
        "Anna Berg (S), ordförande",
        "Interpellation. Sjukresor Frågor",
        "",
    ]
)
_LINE = st.one_of(st.text(alphabet="abcåäö ÅÄÖXYZ.:-•§0123456789\t()/", max_size=60), _PIECES)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=25), st.sampled_from(["\n", "\f", "\r\n", " "]))
def test_items_always_point_into_the_text(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    result = segment(text)
    assert result.shape in {"notice", "agenda", "minutes"}
    check_offsets(text, result)
    assert all(item.title for item in result.items)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=1500))
def test_any_unicode_text_segments(text: str) -> None:
    check_offsets(text, segment(text))


# --- readers: only the documented refusal -------------------------------------------------------


def _docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_member(package: bytes, name: str, data: bytes) -> bytes:
    buffer = io.BytesIO(package)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


_BYTES = st.one_of(
    st.binary(max_size=4000),
    st.builds(lambda tail: b"%PDF-1.4\n" + tail, st.binary(max_size=2000)),
    st.builds(lambda tail: b"PK\x03\x04" + tail, st.binary(max_size=2000)),
    st.builds(lambda body: f"<html><body>{body}</body></html>".encode(), st.text(max_size=500)),
    st.builds(lambda text: text.encode("utf-8"), st.text(max_size=2000)),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_BYTES)
def test_readers_raise_nothing_but_document_errors(data: bytes) -> None:
    reason = ""
    try:
        document = read_bytes(data)
    except DocumentError as exc:
        reason = exc.reason
    else:
        check_offsets(document.text, segment(document.text))
        return
    assert reason
    assert "\n" not in reason


@functools.cache
def _small_package() -> bytes:
    return _docx_bytes("Val av justerare", "Taxa för avfall")


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=5000), st.binary(min_size=1, max_size=8))
def test_damaged_word_packages_are_refused_with_a_reason(cut: int, noise: bytes) -> None:
    package = _small_package()
    damaged = package[:cut] + noise + package[cut + len(noise) :]
    reason = "read"
    try:
        read_bytes(damaged)
    except DocumentError as exc:
        reason = exc.reason
    assert reason


# --- decompression bombs ------------------------------------------------------------------------


def _docx_with_bomb(size: int) -> bytes:
    """A Word package with a media part that unpacks to ``size`` bytes (sizes declared)."""
    package = _docx_bytes("Val av justerare")
    buffer = io.BytesIO(package)
    with zipfile.ZipFile(buffer, "a") as archive:
        info = zipfile.ZipInfo("word/media/image1.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size = size
        with archive.open(info, "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)
    return buffer.getvalue()


def test_a_word_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    package = _docx_with_bomb(60 * 2**20)
    assert len(package) < 2**20
    path = tmp_path / "kallelse.docx"
    path.write_bytes(package)
    tracemalloc.start()
    with pytest.raises(OversizedDocumentError) as refused:
        read_document(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 2**20
    assert "zip-bomb" in refused.value.reason
    assert "\n" not in refused.value.reason


def test_a_part_whose_size_is_not_declared_is_measured(monkeypatch: pytest.MonkeyPatch) -> None:
    # writestr declares the size; the streaming check stops at the limit all the same.
    monkeypatch.setattr(office, "MAX_PART_BYTES", 100_000)
    package = _with_member(_docx_bytes("Budget"), "word/media/big.bin", bytes(300_000))
    with pytest.raises(OversizedDocumentError):
        read_bytes(package)
    monkeypatch.setattr(office, "MAX_PART_BYTES", 10 * 2**20)
    assert "Budget" in read_bytes(package).text


def test_many_parts_and_their_sum_are_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    package = _docx_bytes("Budget")
    for n in range(5):
        package = _with_member(package, f"word/media/part{n}.bin", bytes(40_000))
    monkeypatch.setattr(office, "MAX_EXPANDED_BYTES", 150_000)
    with pytest.raises(OversizedDocumentError):
        read_bytes(package)
    monkeypatch.setattr(office, "MAX_EXPANDED_BYTES", 10 * 2**20)
    monkeypatch.setattr(office, "MAX_PARTS", 8)
    with pytest.raises(OversizedDocumentError, match="fler än 8 delar"):
        read_bytes(package)


def test_the_limits_are_those_of_zip_imports() -> None:
    # omvarld.meetings: MAX_UPLOAD_BYTES (50 MB) a member, 20 times that in all, 2,000 members.
    assert office.MAX_PART_BYTES == 50 * 1024 * 1024
    assert office.MAX_EXPANDED_BYTES == 20 * office.MAX_PART_BYTES
    assert office.MAX_PARTS == 2000
