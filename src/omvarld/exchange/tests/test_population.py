"""An event's country and the population register's country page link to each other, through
the registers' selectors, and only while the register is installed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omvarld.exchange.selectors import links
from omvarld.population.services import population_countries_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_finland(trip):
    population_countries_load()
    event = trip["event"]
    event.country = "FI"
    event.save()
    return event


def test_the_event_links_to_the_residents_born_in_its_country(client, users, in_finland):
    client.force_login(users["reader"])
    url = reverse("exchange:event_detail", kwargs={"pk": in_finland.pk})
    html = client.get(url).content.decode()
    assert '<a href="/befolkning/land/FI/">Invånare födda i Finland</a>' in html


def test_no_link_without_a_country_or_without_the_register(client, users, in_finland, monkeypatch):
    client.force_login(users["reader"])
    url = reverse("exchange:event_detail", kwargs={"pk": in_finland.pk})
    monkeypatch.setattr(links, "population_available", lambda: False)
    assert b"/befolkning/land/" not in client.get(url).content
    monkeypatch.undo()
    in_finland.country = ""
    in_finland.save()
    assert b"/befolkning/land/" not in client.get(url).content
    assert links.population_country("XX") == ""


def test_the_country_page_lists_the_event_through_the_exchange_selectors(client, users, in_finland):
    client.force_login(users["reader"])
    response = client.get("/befolkning/land/FI/")
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("exchange:event_detail", kwargs={"pk": in_finland.pk}) in html
    assert in_finland.title in html
