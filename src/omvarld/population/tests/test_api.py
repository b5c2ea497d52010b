"""The read-only API of the population statistics: per resource and verb, and who cannot write."""

from __future__ import annotations

import pytest

from omvarld.accounts.constants import Role
from omvarld.population.constants import Measure
from omvarld.population.models import Observation

from .factories import ObservationFactory, StatTableFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/population"


@pytest.fixture
def figures(norrkoping, countries):
    table = StatTableFactory(table_id="TAB9001", label="Folkmängden efter födelseland")
    for year in (2015, 2016):
        for category, value in (("", 1000 + year), ("SY", year - 1900)):
            ObservationFactory(
                table=table, year=year, period=str(year), category=category, value=value
            )
    ObservationFactory(table=table, region="00", year=2016, period="2016", value=9)
    ObservationFactory(
        table=table,
        measure=Measure.IMMIGRATION,
        region="00",
        year=2016,
        period="2016",
        category="SY",
        value=4,
    )
    return table


def test_tables(client_as, figures):
    client = client_as(Role.READER)
    data = client.get(f"{BASE}/tables/").json()
    assert [t["table_id"] for t in data["results"]] == ["TAB9001"]
    assert client.get(f"{BASE}/tables/TAB9001/").json()["label"] == "Folkmängden efter födelseland"


def test_countries_and_their_group_filter(client_as, figures):
    client = client_as(Role.READER)
    assert client.get(f"{BASE}/countries/").json()["count"] == 184
    nordic = client.get(f"{BASE}/countries/?group=nordic").json()
    assert sorted(c["key"] for c in nordic["results"]) == ["DK", "FI", "IS", "NO"]
    syria = client.get(f"{BASE}/countries/SY/").json()
    assert (syria["iso_alpha2"], syria["group"], syria["name_sv"]) == ("SY", "asia", "Syrien")


def test_figures_per_table_region_year_and_country(client_as, figures):
    client = client_as(Role.READER)
    everything = client.get(f"{BASE}/figures/").json()
    assert everything["count"] == 6
    rows = client.get(f"{BASE}/figures/?region=0581&country=SY&measure=birth_country").json()
    assert [(r["year"], r["value"], r["table"]) for r in rows["results"]] == [
        (2015, 115, "TAB9001"),
        (2016, 116, "TAB9001"),
    ]
    assert client.get(f"{BASE}/figures/?year=2016&region=00").json()["count"] == 2
    assert client.get(f"{BASE}/figures/?year_from=2016&region=0581").json()["count"] == 2
    assert client.get(f"{BASE}/figures/?table=TAB0000").json()["count"] == 0
    assert client.get(f"{BASE}/figures/?measure=nonsense").status_code == 400


def test_figures_list_queries_do_not_grow(
    client_as, figures, django_assert_max_num_queries, django_assert_num_queries
):
    client = client_as(Role.READER)
    with django_assert_max_num_queries(15) as first:
        client.get(f"{BASE}/figures/")
    for year in range(2000, 2015):
        ObservationFactory(table=figures, year=year, period=str(year), value=year)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(f"{BASE}/figures/")


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER, Role.COORDINATOR, Role.ADMINISTRATOR])
def test_nobody_writes_through_the_api(client_as, figures, role):
    client = client_as(role)
    row = Observation.objects.first()
    assert client.post(f"{BASE}/figures/", {"value": 1}).status_code in (403, 405)
    assert client.patch(
        f"{BASE}/figures/{row.pk}/", {"value": 1}, content_type="application/json"
    ).status_code in (403, 405)
    assert client.delete(f"{BASE}/figures/{row.pk}/").status_code in (403, 405)
    assert client.delete(f"{BASE}/countries/SY/").status_code in (403, 405)
    assert Observation.objects.get(pk=row.pk).value == row.value


def test_anonymous_cannot_read(client, figures):
    assert client.get(f"{BASE}/figures/").status_code in (401, 403)
