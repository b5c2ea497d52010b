from __future__ import annotations

import pytest
from django.conf import settings

from omvarld.knowledge.services import knowledge_load_files
from omvarld.organisation.models import Body
from omvarld.organisation.services import organisation_load_file

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


@pytest.fixture
def reference_data(db):
    knowledge_load_files()
    organisation_load_file(path=settings.ORGANISATION_FILE)


@pytest.fixture
def council(reference_data):
    return Body.objects.get(short_name="KF")


@pytest.fixture
def imported(council):
    from omvarld.meetings.services import document_import

    return document_import(data=NOTICE.encode("utf-8"), name="kf-2016-03-21.txt")
