"""Every Swedish string of the exchange catalogue is the one the pages show: a msgid that an app
listed earlier (Django's admin, DRF, the platform's own catalogue) also translates would show that
app's words instead."""

from __future__ import annotations

from pathlib import Path

import polib  # type: ignore[import-untyped]
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def test_the_exchange_catalogue_is_what_the_pages_show():
    entries = [e for e in polib.pofile(str(CATALOGUE)) if not e.obsolete]
    assert len(entries) > 300
    with translation.override("sv"):
        shadowed = {
            e.msgid: translation.gettext(e.msgid)
            for e in entries
            if not e.msgid_plural and translation.gettext(e.msgid) != e.msgstr
        }
    assert shadowed == {}
