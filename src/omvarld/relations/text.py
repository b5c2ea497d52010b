"""Keys that make two spellings of the same partner compare equal.

"Kópavogur", "KOPAVOGUR" and " kopavogur " are one partner; "https://www.odense.dk/" and
"http://odense.dk" are one website. The keys are stored with each partner, so the duplicate check
and the search are plain indexed comparisons on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_SPACE = re.compile(r"\s+")
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "ð": "d", "þ": "th", "ß": "ss", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """Lower case without accents or extra spaces: the form names and queries are compared in."""
    lowered = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    bare = "".join(ch for ch in lowered if not unicodedata.combining(ch))
    return _SPACE.sub(" ", bare).strip()


def name_key(name: str) -> str:
    """The key two names of the same partner share; punctuation does not count."""
    return _SPACE.sub(" ", re.sub(r"[^\w ]+", " ", fold(name))).strip()


def website_key(url: str) -> str:
    """The host and path of a website without scheme, ``www.``, query or trailing slash."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/").lower()
    return f"{host}{path}"
