"""Where an EU act or a Swedish statute can be read: one place for the official addresses."""

from __future__ import annotations


def eurlex_url(celex: str) -> str:
    """The act's page in Swedish on EUR-Lex."""
    return f"https://eur-lex.europa.eu/legal-content/SV/TXT/?uri=CELEX:{celex}"


def statute_url(sfs: str) -> str:
    """The statute in the Government Offices' legal database (SFS)."""
    return f"https://rkrattsbaser.gov.se/sfst?bet={sfs}"
