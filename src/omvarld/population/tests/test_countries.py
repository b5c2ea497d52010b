"""The mapping of SCB's countries of birth to ISO 3166 and to groups (data/countries.yaml)."""

from __future__ import annotations

from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from omvarld.population.constants import CountryGroup
from omvarld.population.countries import (
    CountryFileError,
    CountryMatcher,
    country_load_file,
    read_country_file,
)
from omvarld.population.models import Country
from omvarld.population.selectors import place_current

LABELS = Path(__file__).parent / "data" / "folkmregflandk_labels.txt"
#: The EU's member states since 1 February 2020, by ISO 3166-1 alpha-2 (european-union.europa.eu).
EU27 = {
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
}


def _labels() -> list[str]:
    lines = LABELS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_every_category_of_the_documented_table_is_mapped():
    """All 185 categories SCB lists for FolkmRegFlandK: the total, 182 countries and former
    states, the unknown and the other countries of birth."""
    entries = read_country_file()
    matcher = CountryMatcher.from_countries(Country(**e) for e in entries)
    labels = _labels()
    assert len(labels) == 185
    total, *categories = labels
    assert total == "Samtliga födelseländer"
    unmapped = [label for label in categories if matcher.find("", label) is None]
    assert unmapped == []
    assert len(entries) == 184


def test_groups_by_hand():
    groups = Counter(e["group"] for e in read_country_file())
    # 4 Nordic; 24 EU members besides Sweden, Denmark and Finland, and Czechoslovakia.
    assert groups[CountryGroup.NORDIC] == 4
    assert groups[CountryGroup.EU] == 25
    assert groups[CountryGroup.SWEDEN] == 1
    assert groups[CountryGroup.UNKNOWN] == 2
    assert sum(groups.values()) == 184


def test_eu_is_the_27_members_of_2020():
    entries = read_country_file()
    eu = {e["iso_alpha2"] for e in entries if e["group"] == CountryGroup.EU and e["iso_alpha2"]}
    nordic = {e["iso_alpha2"] for e in entries if e["group"] == CountryGroup.NORDIC}
    assert eu | (nordic & EU27) | {"SE"} == EU27
    assert "GB" not in eu
    by_key = {e["key"]: e for e in entries}
    assert by_key["TR"]["group"] == by_key["RU"]["group"] == CountryGroup.EUROPE
    assert by_key["SY"]["group"] == by_key["IQ"]["group"] == CountryGroup.ASIA
    assert by_key["IS"]["group"] == CountryGroup.NORDIC


def test_matcher_by_code_then_by_label():
    matcher = CountryMatcher.from_countries(Country(**e) for e in read_country_file())
    assert matcher.find("SY", "whatever").key == "SY"
    # SCB labels Tajikistan with a trailing space; an unknown code falls back to the label.
    assert matcher.find("TJX", "Tadzjikistan ").key == "TJ"
    assert matcher.find("OVFOD", "").key == "OTHER"
    assert matcher.find("XX", "Atlantis") is None


def test_load_is_idempotent(db):
    first = country_load_file()
    assert (first.created, first.updated) == (184, 0)
    again = country_load_file()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 184)
    sweden = Country.objects.get(key="SE")
    assert (sweden.name_sv, sweden.group) == ("Sverige", CountryGroup.SWEDEN)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version: 2\ncountries: []\n", "version: 1"),
        ('version: 1\ncountries:\n  - {key: "AA", sv: A, en: A, group: mars}\n', "incomplete"),
        (
            'version: 1\ncountries:\n  - {key: "AA", sv: A, en: A, group: asia}\n'
            '  - {key: "AA", sv: B, en: B, group: asia}\n',
            "key given twice",
        ),
    ],
)
def test_bad_files_say_where(tmp_path, text, message):
    path = tmp_path / "countries.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CountryFileError, match=message):
        read_country_file(path)


def test_load_reference_data_loads_the_countries_with_the_organisation(db):
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert '"countries_of_birth"' in out.getvalue()
    assert Country.objects.count() == 184
    assert place_current().code == "0581"
