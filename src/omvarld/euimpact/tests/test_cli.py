"""The command line, the public API and the summary statistics.

In-process tests pass a small stand-in classifier so that they test this side of the
contract (segmentation, offsets, output formats, exit codes) on their own; the subprocess
tests run the installed ``omvarld`` script with the real classifier and knowledge files.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fpdf import FPDF

from omvarld.euimpact import __version__, cli
from omvarld.euimpact.api import analyse_document, analyse_text, analyse_titles
from omvarld.euimpact.knowledge import DEFAULT_DIRECTORY
from omvarld.euimpact.model import Coding, Evidence
from omvarld.euimpact.stats import summarise

SCRIPT = Path(sys.executable).with_name("omvarld")

NOTICE = """Kommunfullmäktige i Exempelstad kallas att sammanträda måndagen den 21 mars 2016.

Följande ärenden behandlas vid sammanträdet:

 • Val av justerare
 • Ny taxa för avfall
 • Motion om EU-medel till skolan
"""

MINUTES = """Protokoll fört vid sammanträde med kommunstyrelsen 2023-03-21
Justerare: Bo Berg

§ 12 Val av justerare
Bo Berg utses att justera protokollet.

§ 13 Avgifter för tillsyn
Dnr KS 2023/0456
Förslaget innebär en ny taxa enligt miljöbalken.
Beslut
Kommunstyrelsen antar förslaget.
"""


def stand_in(title: str, text: str) -> Coding:
    """Codes "taxa" as legal with evidence on the word, "motion" as a motion."""
    lowered = text.lower()
    at = lowered.find("taxa")
    if at >= 0:
        evidence = (Evidence(text[at : at + 4], at, at + 4, "32008L0098", "taxa i texten"),)
        return Coding("decision", "legal", False, ("waste",), evidence, 0.9)
    if title.lower().startswith("motion"):
        return Coding("motion", "policy", "eu-medel" in lowered, (), (), 0.6)
    return Coding("formal", "none", False, (), (), 0.95)


@pytest.fixture
def patched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "default_classifier", lambda: stand_in)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- API -------------------------------------------------------------------------------------


def test_analyse_text_evidence_offsets_point_into_the_document() -> None:
    analysis = analyse_text(MINUTES, source="ks.txt", classifier=stand_in)
    assert analysis.shape == "minutes"
    assert analysis.document is None
    assert analysis.body == "kommunstyrelsen"
    assert [r.item.number for r in analysis.items] == ["§ 12", "§ 13"]
    record = analysis.to_dicts()[1]
    assert record["source"] == "ks.txt"
    assert record["title"] == "Avgifter för tillsyn"
    assert (record["kind"], record["eu"], record["areas"]) == ("decision", "legal", ["waste"])
    [evidence] = record["evidence"]
    assert MINUTES[evidence["start"] : evidence["end"]] == evidence["text"] == "taxa"
    assert analysis.items[1].coding.evidence[0].start < evidence["start"]


def test_analyse_document_reads_a_pdf(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, MINUTES)
    path = tmp_path / "protokoll.pdf"
    pdf.output(str(path))
    analysis = analyse_document(path, classifier=stand_in)
    assert analysis.document is not None
    assert analysis.document.format == "pdf"
    assert analysis.to_dict()["sha256"] == analysis.document.sha256
    assert [r.item.title for r in analysis.items] == ["Val av justerare", "Avgifter för tillsyn"]
    for record in analysis.to_dicts():
        for evidence in record["evidence"]:
            text = analysis.document.text
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_analyse_titles() -> None:
    analysis = analyse_titles(["Val av justerare", "", "Ny taxa"], classifier=stand_in)
    assert analysis.shape == "titles"
    assert [r.coding.eu for r in analysis.items] == ["none", "legal"]


# --- statistics ------------------------------------------------------------------------------


def test_summary_among_all_and_substantive_items() -> None:
    codings = [
        Coding("formal", "none", False),
        Coding("election", "none", False),
        Coding("decision", "legal", False),
        Coding("decision", "none", False),
        Coding("motion", "policy", True),
        Coding("information", "policy", False),
    ]
    summary = summarise(codings)
    assert (summary.all.items, summary.all.legal, summary.all.policy) == (6, 1, 2)
    assert summary.all.eu_share == pytest.approx(3 / 6)
    assert (summary.substantive.items, summary.substantive.none) == (3, 1)
    assert summary.substantive.legal_share == pytest.approx(1 / 3)
    assert summary.substantive.funding_share == pytest.approx(1 / 3)
    assert summary.to_dict()["substantive"]["policy_share"] == pytest.approx(1 / 3)


def test_summary_of_nothing_is_zero() -> None:
    summary = summarise([])
    assert summary.all.items == 0
    assert summary.all.eu_share == 0.0


# --- command line in process -----------------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "möten"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "protokoll.txt").write_text(MINUTES, encoding="utf-8")
    (folder / "a-kallelse.html").write_text(
        "<html><body><p>Följande ärenden behandlas vid sammanträdet:</p><ul>"
        "<li>Val av justerare</li><li>Ny taxa för avfall</li></ul></body></html>",
        encoding="utf-8",
    )
    (folder / ".dold.txt").write_text("Ska inte läsas", encoding="utf-8")
    return folder


@pytest.mark.usefixtures("patched")
def test_jsonl_over_a_folder_sorted_and_recursive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    code, out, err = _run(["analyse", str(folder), "--format", "jsonl"], capsys)
    assert code == 0
    assert err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert [(Path(r["source"]).name, r["number"], r["title"]) for r in records] == [
        ("a-kallelse.html", "1", "Val av justerare"),
        ("a-kallelse.html", "2", "Ny taxa för avfall"),
        ("protokoll.txt", "§ 12", "Val av justerare"),
        ("protokoll.txt", "§ 13", "Avgifter för tillsyn"),
    ]
    assert set(records[0]) == {
        "source", "number", "title", "kind", "eu", "funding", "areas", "evidence", "confidence",
    }  # fmt: skip
    evidence = records[3]["evidence"][0]
    assert MINUTES[evidence["start"] : evidence["end"]] == "taxa"


@pytest.mark.usefixtures("patched")
def test_bad_file_is_reported_and_the_rest_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "kallelse.txt"
    good.write_text(NOTICE, encoding="utf-8")
    empty = tmp_path / "tom.pdf"
    empty.write_bytes(b"")
    code, out, err = _run(["analyse", str(empty), str(good), "--format", "jsonl"], capsys)
    assert code == 1
    assert err == f"{empty}: Filen är tom.\n"
    assert len(out.splitlines()) == 3


@pytest.mark.usefixtures("patched")
def test_table_is_swedish_with_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kallelse.txt"
    path.write_text(NOTICE, encoding="utf-8")
    code, out, _ = _run(["analyse", str(path)], capsys)
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("Nr"))
    assert header.split() == ["Nr", "Ärende", "Typ", "EU", "EU-medel", "Områden"]
    assert "3 ärenden, kommunfullmäktige, 2016-03-21, kallelse" in out
    row = next(line for line in out.splitlines() if "Ny taxa för avfall" in line)
    assert "beslut" in row
    assert "rättslig" in row
    motion = next(line for line in out.splitlines() if line.startswith("3 "))
    assert "politisk" in motion
    assert " ja" in motion
    assert "Alla ärenden: 3 ärenden; EU-påverkan 67 % (rättslig 33 %, politisk 33 %)" in out
    assert "Sakärenden (beslut, motion, interpellation): 2 ärenden; EU-påverkan 100 %" in out


@pytest.mark.usefixtures("patched")
def test_csv_has_bom_for_excel_and_one_row_per_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kallelse.txt"
    path.write_text(NOTICE, encoding="utf-8")
    code, out, _ = _run(["analyse", str(path), "--format", "csv"], capsys)
    assert code == 0
    assert out.startswith("\ufeffsource,number,title,")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [r["title"] for r in rows] == [
        "Val av justerare",
        "Ny taxa för avfall",
        "Motion om EU-medel till skolan",
    ]
    assert rows[1]["refs"] == "32008L0098"
    assert rows[2]["funding"] == "ja"


@pytest.mark.usefixtures("patched")
def test_titles_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    titles = tmp_path / "rubriker.txt"
    titles.write_bytes("Val av justerare\n\nNy taxa för avfall\n".encode("cp1252"))
    code, out, _ = _run(["analyse", "--titles", str(titles), "--format", "jsonl"], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["number"], r["title"], r["eu"]) for r in records] == [
        ("1", "Val av justerare", "none"),
        ("2", "Ny taxa för avfall", "legal"),
    ]


@pytest.mark.usefixtures("patched")
def test_missing_titles_file_is_a_skipped_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "saknas.txt"
    code, _, err = _run(["analyse", "--titles", str(missing)], capsys)
    assert code == 1
    assert err == f"{missing}: Filen finns inte.\n"


@pytest.mark.usefixtures("patched")
def test_progress_on_stderr_for_many_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(21):
        (tmp_path / f"k{n:02}.txt").write_text(NOTICE, encoding="utf-8")
    code, _, err = _run(["analyse", str(tmp_path), "--format", "jsonl"], capsys)
    assert code == 0
    assert err.splitlines()[0] == f"[1/21] {tmp_path / 'k00.txt'}"
    assert len(err.splitlines()) == 21


@pytest.mark.parametrize(
    "argv",
    [[], ["analyse"], ["analyse", "x.pdf", "--format", "xml"], ["analysera", "x.pdf"]],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(argv, capsys)
    assert code == 2
    assert out == ""
    assert err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--version"], capsys)
    assert code == 0
    assert out.strip() == f"omvarld {__version__}"


# --- the installed script --------------------------------------------------------------------


def _script(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 -- our own console script with fixed arguments
        [str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


def test_script_version_and_usage_error(tmp_path: Path) -> None:
    version = _script("--version", cwd=tmp_path)
    assert (version.returncode, version.stdout.strip()) == (0, f"omvarld {__version__}")
    usage = _script("analyse", "--format", "xml", "x.pdf", cwd=tmp_path)
    assert usage.returncode == 2
    assert "--format" in usage.stderr


def test_script_skips_an_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "skadad.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(1, 120)) * 4)
    result = _script("analyse", "skadad.pdf", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "skadad.pdf: PDF-filen är skadad och kan inte öppnas.\n"


def test_module_entry_point(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "omvarld.euimpact", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (0, f"omvarld {__version__}")


def test_script_codes_a_notice_with_the_real_classifier(tmp_path: Path) -> None:
    (tmp_path / "kallelse.txt").write_text(NOTICE, encoding="utf-8")
    result = _script("analyse", "kallelse.txt", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["title"] for r in records] == [
        "Val av justerare",
        "Ny taxa för avfall",
        "Motion om EU-medel till skolan",
    ]
    for record in records:
        assert record["source"] == "kallelse.txt"
        assert record["kind"] in {
            "formal", "election", "decision", "motion", "interpellation", "information",
        }  # fmt: skip
        assert record["eu"] in {"legal", "policy", "none"}
        assert 0.0 <= record["confidence"] <= 1.0
        for evidence in record["evidence"]:
            assert NOTICE[evidence["start"] : evidence["end"]] == evidence["text"]
    assert records[0]["kind"] == "formal"
    assert records[0]["eu"] == "none"


def test_knowledge_from_another_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    titles = tmp_path / "rubriker.txt"
    titles.write_text("Ny taxa för avfall\n", encoding="utf-8")
    argv = ["analyse", "--titles", str(titles), "--format", "jsonl"]
    code, out, _ = _run(argv, capsys)
    assert (code, json.loads(out)["eu"]) == (0, "legal")
    # The same files without the cue words: nothing points the title to EU law any more.
    folder = tmp_path / "kunskap"
    shutil.copytree(DEFAULT_DIRECTORY, folder)
    (folder / "cues.yaml").write_text("version: 1\ncues: []\n", encoding="utf-8")
    code, out, _ = _run([*argv, "--knowledge", str(folder)], capsys)
    assert (code, json.loads(out)["eu"]) == (0, "none")
    (folder / "cues.yaml").write_text("version: 1\ncues: [{id: x}]\n", encoding="utf-8")
    code, out, err = _run([*argv, "--knowledge", str(folder)], capsys)
    assert (code, out) == (2, "")
    assert err == f"omvarld analyse: --knowledge: {folder / 'cues.yaml'}: x: 'pattern' is missing\n"
