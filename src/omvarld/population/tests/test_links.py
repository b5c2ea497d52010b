"""The country page's links to the other registers, through their selectors and only when the
app is installed. The relations register is real here; the exchange register is stood in for with
the signature its branch publishes (``exchange.selectors.events.event_list`` taking
``EventFilters(country=...)`` and returning events with ``pk``, ``title`` and ``starts_on``)."""

from __future__ import annotations

import datetime as dt
import sys
import types
from dataclasses import dataclass

import pytest
from django.apps import apps

from omvarld.population import links
from omvarld.population.models import Country

pytestmark = pytest.mark.django_db


def test_without_the_registers_the_page_has_no_sections(countries, monkeypatch):
    monkeypatch.setattr(apps, "is_installed", lambda name: False)
    assert links.related_in_country(Country.objects.get(key="KE")) == []


def test_partners_through_the_relations_selectors(countries):
    from omvarld.relations.services import partner_get_or_create

    partner, _created = partner_get_or_create(
        user=None,
        name="Kenya Social Enterprise",
        country="KE",
        kind="organisation",
        place="Nairobi",
    )
    partner_get_or_create(user=None, name="Rigas dome", country="LV", kind="municipality")
    sections = links.related_in_country(Country.objects.get(key="KE"))
    (section,) = [s for s in sections if s.key == "relations"]
    assert section.items == (
        links.RelatedItem(partner.display_name, partner.url, f"{partner.kind_label}, Nairobi"),
    )
    # A former state has no ISO 3166-1 code: no register is asked.
    assert links.related_in_country(Country.objects.get(key="YUCS")) == []


def test_events_through_the_exchange_selectors(countries, monkeypatch):
    @dataclass(frozen=True)
    class EventFilters:
        country: str = ""

    @dataclass
    class Event:
        pk: int
        title: str
        starts_on: dt.date

    module = types.ModuleType("omvarld.exchange.selectors.events")
    module.EventFilters = EventFilters
    module.event_list = lambda filters: (
        [Event(7, "Studiebesök i Riga", dt.date(2026, 5, 4))] if filters.country == "LV" else []
    )
    for name in ("omvarld.exchange", "omvarld.exchange.selectors"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "omvarld.exchange.selectors.events", module)
    monkeypatch.setattr(apps, "is_installed", lambda name: name == links.EXCHANGE)
    # Without the exchange app's URLs in this installation the link cannot be made: the real
    # app brings them; here the reverse is stood in for too.
    monkeypatch.setattr(links, "reverse", lambda name, kwargs: f"/utbyte/evenemang/{kwargs['pk']}/")
    (section,) = links.related_in_country(Country.objects.get(key="LV"))
    assert section.items == (
        links.RelatedItem("Studiebesök i Riga", "/utbyte/evenemang/7/", "2026-05-04"),
    )
    assert links.related_in_country(Country.objects.get(key="EE"))[0].items == ()
