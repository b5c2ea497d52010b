"""The knowledge files: one YAML file per section, each with a ``version`` and a list of entries."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .schema import FILES, KnowledgeError, ParsedKnowledge, parse_records

__all__ = ["DEFAULT_DIRECTORY", "read_knowledge_files", "read_records"]

# Found relative to this file so that it also works from an installed wheel.
DEFAULT_DIRECTORY = Path(__file__).resolve().parents[2] / "knowledge" / "data"

Records = dict[str, list[dict[str, Any]]]

# libyaml's loader where it is installed: the same YAML, read ten times faster.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_file(path: Path, key: str) -> tuple[int, str, list[dict[str, Any]]]:
    if not path.is_file():
        raise KnowledgeError(f"{path}: file is missing")
    raw = path.read_bytes()
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_LOADER)  # noqa: S506 (a safe loader)
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: must be a mapping with 'version' and '{key}'")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise KnowledgeError(f"{path}: 'version' must be an integer")
    entries = data.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise KnowledgeError(f"{path}: '{key}' must be a list of mappings")
    return version, hashlib.sha256(raw).hexdigest(), entries


def read_records(directory: Path) -> tuple[Records, dict[str, int], dict[str, str]]:
    """The entries of each section as written, each file's version and each file's SHA-256."""
    records: Records = {}
    versions: dict[str, int] = {}
    digests: dict[str, str] = {}
    for section, filename in FILES.items():
        versions[section], digests[section], records[section] = _read_file(
            directory / filename, section
        )
    return records, versions, digests


def read_knowledge_files(directory: Path | None = None) -> ParsedKnowledge:
    """Read and validate the knowledge files of ``directory`` (default: the packaged data).

    What the web app loads into its database. The packaged files are read once per process.
    Raises :class:`KnowledgeError` naming the file and the entry when a file is missing or
    invalid.
    """
    directory = Path(directory) if directory is not None else DEFAULT_DIRECTORY
    if directory.resolve() == DEFAULT_DIRECTORY:
        return _read_default()
    return _parse(directory)


@lru_cache(maxsize=1)
def _read_default() -> ParsedKnowledge:
    return _parse(DEFAULT_DIRECTORY)


def _parse(directory: Path) -> ParsedKnowledge:
    records, versions, digests = read_records(directory)
    return parse_records(records, source=str(directory), versions=versions, digests=digests)
