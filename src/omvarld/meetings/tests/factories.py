"""Test data of the meetings app: documents as the municipality publishes them."""

from __future__ import annotations

#: A council notice in the shape Norrköping publishes, with one item of each EU code.
NOTICE = """Kommunfullmäktiges sammanträde 21 mars 2016

Kommunfullmäktige i Norrköping kallas att sammanträda måndagen den 21 mars 2016 klockan 16.30.

Följande ärenden behandlas vid sammanträdet

 • Val av justerare
 • Justerad vatten- och avloppstaxa
 • Riktlinje för upphandling och inköp
 • Motion om fler offentliga toaletter
 • Ansökan om medel ur Europeiska socialfonden för projektet Unga in

Norrköping den 8 mars 2016
"""
