"""Fill the Swedish catalogue from JSON files of msgid → Swedish (helpers' hand-offs).

Usage: python scripts/merge_translations.py FILE.json [FILE.json ...]
Plural entries use the key "singular||plural" and a list of the two Swedish forms.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "src/omvarld/locale/sv/LC_MESSAGES/django.po"


def main(paths: list[str]) -> int:
    table: dict[str, object] = {}
    for path in paths:
        table.update(json.loads(Path(path).read_text(encoding="utf-8")))
    po = polib.pofile(str(PO))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            # msgmerge's guess from a similar msgid is never a translation: start afresh.
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = None
            entry.msgstr = ""
            entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
        if entry.msgid_plural:
            forms = table.get(f"{entry.msgid}||{entry.msgid_plural}")
            if isinstance(forms, list) and len(forms) == 2:
                entry.msgstr_plural = {0: forms[0], 1: forms[1]}
            elif not entry.msgstr_plural.get(0):
                missing.append(entry.msgid)
        elif isinstance(table.get(entry.msgid), str):
            entry.msgstr = str(table[entry.msgid])
        elif not entry.msgstr:
            missing.append(entry.msgid)
    po.save(str(PO))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
