"""The programme file: loaded idempotently, every fact with its source, no invented eligibility."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from omvarld.funding.constants import Eligibility
from omvarld.funding.models import Programme
from omvarld.funding.services import ProgrammeFileError, programme_for, programmes_load_file
from omvarld.funding.services.programmes import PROGRAMMES_FILE
from omvarld.knowledge.services import knowledge_load_areas


def test_the_shipped_file_loads_every_programme_with_sources(funding_data):
    programmes = {p.code: p for p in Programme.objects.prefetch_related("areas")}
    assert set(programmes) == {
        "erdf-ostra-mellansverige",
        "interreg-baltic-sea-region",
        "interreg-central-baltic",
        "interreg-europe",
        "urbact-iv",
        "esf-plus",
        "erasmus-plus",
        "european-solidarity-corps",
        "horizon-europe",
        "life",
        "cerv",
        "creative-europe",
        "digital-europe",
        "amif",
        "cap-leader",
    }
    erdf = programmes["erdf-ostra-mellansverige"]
    assert erdf.managing_authority == "Tillväxtverket"
    assert "Östergötlands" in erdf.eligibility_note
    assert programmes["esf-plus"].managing_authority == "Svenska ESF-rådet"
    assert programmes["amif"].managing_authority.startswith("Migrationsverket")
    assert programmes["cap-leader"].managing_authority == "Jordbruksverket"
    assert programmes["cap-leader"].period == "2023–2027"
    assert "Vinnova" in programmes["horizon-europe"].national_contact
    assert "Naturvårdsverket" in programmes["life"].national_contact
    assert "Kulturrådet" in programmes["creative-europe"].national_contact
    assert "Universitets- och högskolerådet" in programmes["erasmus-plus"].national_contact
    assert "MUCF" in programmes["erasmus-plus"].national_contact
    for programme in programmes.values():
        assert programme.sources, programme.code
        assert all(s["url"].startswith(("http://", "https://")) for s in programme.sources)
        assert programme.url.startswith(("http://", "https://"))
        assert 2021 <= programme.period_start <= programme.period_end <= 2027
    # Where no source settles a fact, the file says so instead of guessing.
    assert programmes["cap-leader"].eligibility == Eligibility.CHECK
    assert programmes["cerv"].national_contact == "Kontrollera"
    assert programmes["interreg-europe"].managing_authority == "Kontrollera"
    assert [a.code for a in programmes["amif"].areas.all()] == ["integration_migration"]


def test_no_programme_whose_area_leaves_out_ostergotland():
    data = yaml.safe_load(PROGRAMMES_FILE.read_text(encoding="utf-8"))
    names = " ".join(p["name_sv"] for p in data["programmes"])
    for excluded in ("Öresund", "Sverige-Norge", "South Baltic", "Aurora", "North Sea"):
        assert excluded not in names


def test_loading_twice_changes_nothing(funding_data):
    history = Programme.history.count()
    again = programmes_load_file()
    assert again.as_dict() == {"created": 0, "updated": 0, "unchanged": 15}
    assert Programme.history.count() == history


def test_a_call_belongs_to_the_programme_its_topic_identifier_names(funding_data):
    assert programme_for("CERV-2027-CITIZENS-TOWN-TT").code == "cerv"
    assert programme_for("horizon-cl5-2027-d1-01").code == "horizon-europe"
    assert programme_for("CREA-CULT-2027-COOP").code == "creative-europe"
    assert programme_for("EDF-2027-DA") is None
    assert programme_for("") is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"management": "central"}, "okänd förvaltning central"),
        ({"eligibility": "maybe"}, "okänt värde för behörighet maybe"),
        ({"sources": []}, "behöver källor"),
        ({"areas": ["space"]}, "okända områden space"),
        ({"period": [2027]}, "perioden måste"),
        ({"managing_authority": ""}, "saknar managing_authority"),
    ],
)
def test_a_bad_entry_is_refused_with_its_code(db, tmp_path: Path, change, message):
    knowledge_load_areas()
    data = yaml.safe_load(PROGRAMMES_FILE.read_text(encoding="utf-8"))
    entry = {**data["programmes"][0], **change}
    path = tmp_path / "programmes.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "programmes": [entry]}), encoding="utf-8")
    with pytest.raises(ProgrammeFileError, match=message):
        programmes_load_file(path=path)
    assert not Programme.objects.exists()


def test_load_reference_data_loads_the_programmes(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert '"funding_programmes": {\n    "created": 15,' in out.getvalue()
    assert Programme.objects.count() == 15
