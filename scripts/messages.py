"""Update the Swedish catalogues from the code and templates (``make messages``).

The platform's own catalogue (``src/omvarld/locale``) and one per app that carries its own
(``src/omvarld/<app>/locale``), so that apps built side by side never edit the same catalogue.
One process runs ``makemessages`` for each catalogue in its folder: Django starts once, not once
per catalogue (the translation check of ``make test`` waits for this).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "src" / "omvarld"
OPTIONS = {
    "locale": ["sv"],
    "no_location": True,
    "no_obsolete": True,
    "verbosity": 0,
}
NOT_TRANSLATED = ["tests/*", "*/tests/*"]


def main() -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django
    from django.core.management import call_command

    django.setup()
    own = sorted(path.parent.name for path in APPS.glob("*/locale") if path.is_dir())
    folders = [(APPS, [*NOT_TRANSLATED, "euimpact/*", *(f"{app}/*" for app in own)])]
    folders += [(APPS / app, NOT_TRANSLATED) for app in own]
    for folder, ignore in folders:
        os.chdir(folder)
        call_command("makemessages", ignore_patterns=ignore, **OPTIONS)


if __name__ == "__main__":
    main()
