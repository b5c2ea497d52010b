"""The default data: Norrköping's relations as the municipality describes them, with sources."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from omvarld.organisation.models import Municipality
from omvarld.relations.constants import PartnerKind, PartnerStatus, Relation
from omvarld.relations.defaults import DATA_FILE, home_place, relations_load_file
from omvarld.relations.models import Agreement, Contact, Membership, Partner

TWIN_TOWNS = {
    "Odense",
    "Tampere",
    "Trondheim",
    "Kópavogur",
    "Klaksvík",
    "Rīga",
    "Esslingen am Neckar",
    "Linz",
}


def test_the_register_holds_norrkopings_relations(relations):
    assert relations.as_dict() == {"created": 17, "updated": 0, "unchanged": 0}
    assert Partner.objects.count() == 14
    twins = set(Partner.objects.filter(relation=Relation.TWIN_TOWN).values_list("name", flat=True))
    assert twins == TWIN_TOWNS
    tampere = Partner.objects.get(name="Tampere")
    assert (tampere.name_sv, tampere.country, tampere.status) == ("Tammerfors", "FI", "active")
    assert (tampere.latitude, tampere.longitude) == (Decimal("61.49911"), Decimal("23.78712"))
    assert [b.short_name for b in tampere.bodies.all()] == ["KS"]
    assert Partner.objects.get(name="Klaksvík").country == "FO"
    xuzhou = Partner.objects.get(name="Xuzhou")
    assert (xuzhou.country, xuzhou.status) == ("CN", PartnerStatus.PROSPECTIVE)
    kenya = Partner.objects.get(name="Kenya")
    assert (kenya.kind, kenya.latitude) == (PartnerKind.COUNTRY, None)
    sern = Partner.objects.get(name="Sweden Emilia-Romagna Network")
    assert (sern.kind, sern.country, sern.display_name) == (
        PartnerKind.NETWORK,
        "",
        "SERN (Sweden Emilia-Romagna Network)",
    )
    linkoping = Partner.objects.get(name="Linköpings kommun")
    assert "profilering" in linkoping.description


def test_every_fact_cites_its_sources_and_no_fee_date_or_person_is_invented(relations):
    for partner in Partner.objects.all():
        assert "norrkoping.se" in partner.sources, partner
        if partner.latitude is not None:
            assert "GeoNames" in partner.sources, partner
        assert partner.since is None
        assert partner.until is None
    membership = Membership.objects.get()
    assert membership.partner.name == "Sweden Emilia-Romagna Network"
    assert (membership.fee, membership.currency, membership.representative) == (None, "", "")
    assert (membership.starts, membership.ends, membership.renewal_date) == (None, None, None)
    assert Agreement.objects.count() == 2
    for agreement in Agreement.objects.all():
        assert (agreement.signed, agreement.valid_from, agreement.notice_date) == (None, None, None)
        assert "norrkoping.se" in agreement.summary
    nordic = Agreement.objects.get(title__startswith="Nordisk plattform")
    assert {nordic.partner.name, *nordic.other_partners.values_list("name", flat=True)} == {
        "Odense",
        "Tampere",
        "Trondheim",
        "Kópavogur",
        "Klaksvík",
    }
    assert Contact.objects.count() == 0


def test_the_file_names_the_sources_of_the_brief_and_a_gazetteer_id_per_coordinate():
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    urls = {s["url"] for s in data["sources"].values()}
    assert (
        "https://framtid.norrkoping.se/artikel/2017-08-22-kommunens-internationella-relationer"
        in urls
    )
    assert (
        "https://framtid.norrkoping.se/artikel/2019-08-26-internationell-samverkan-starker-kommunen"
        in urls
    )
    for entry in data["partners"]:
        assert set(entry["sources"]) <= set(data["sources"]), entry["name"]
        if "latitude" in entry:
            assert isinstance(entry["geonames"], int)
            assert "geonames" in entry["sources"]
    assert home_place() == ("Norrköping", 58.59419, 16.1826)


def test_loading_again_changes_nothing_and_keeps_what_officers_typed(relations):
    Partner.objects.filter(name="Linz").update(description="Eget tillägg av handläggare.")
    again = relations_load_file()
    assert again.as_dict() == {"created": 0, "updated": 0, "unchanged": 14}
    assert Partner.objects.get(name="Linz").description == "Eget tillägg av handläggare."
    assert Membership.objects.count() == 1
    assert Agreement.objects.count() == 2


def test_another_municipality_does_not_get_norrkopings_partners(db):
    Municipality.objects.create(name="Annanstads kommun", code="0180")
    assert relations_load_file().as_dict() == {"created": 0, "updated": 0, "unchanged": 0}
    assert Partner.objects.count() == 0


def test_load_reference_data_loads_the_relations(norrkoping):
    from omvarld.core.services import reference_data_load

    result = reference_data_load()
    assert result["relations"]["created"] == 17


def test_a_file_naming_an_unknown_partner_or_area_writes_nothing(norrkoping, tmp_path):
    from omvarld.relations.defaults import RelationsFileError

    text = DATA_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "relations.yaml"
    broken.write_text(text.replace("partners: [Linköpings kommun]", "partners: [Lindköping]"))
    with pytest.raises(RelationsFileError, match="Lindköping"):
        relations_load_file(path=broken)
    broken.write_text(text.replace("areas: [international]", "areas: [diplomacy]", 1))
    with pytest.raises(RelationsFileError, match="diplomacy"):
        relations_load_file(path=broken)
    assert Partner.objects.count() == 0
