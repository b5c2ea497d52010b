from __future__ import annotations

import datetime as dt

import pytest
import yaml

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring import routing, selectors, services
from omvarld.eu_monitoring.constants import ActRelation, InboxStatus, Relevance
from omvarld.eu_monitoring.models import Initiative, InitiativeAct, Routing
from omvarld.euimpact.model import AREA_SET
from omvarld.knowledge.models import EUAct, PolicyArea
from omvarld.knowledge.services import knowledge_load_areas
from omvarld.meetings.models import AgendaItem, ItemReference

WASTEWATER = "Översyn av direktivet om rening av avloppsvatten från tätbebyggelse"


def test_the_shipped_mapping_names_only_known_areas():
    mapping = routing.eurovoc_map()
    assert mapping.domains["52"] == ("environment_health",)
    assert mapping.microthesauri["2811"] == ("integration_migration",)
    assert mapping.concepts["public procurement"] == ("procurement",)
    # The CELLAR connector stores Swedish preferred labels.
    assert mapping.concepts["avloppsvatten"] == ("water_sewage",)
    every = [*mapping.concepts.values(), *mapping.microthesauri.values(), *mapping.domains.values()]
    assert {area for areas in every for area in areas} <= AREA_SET
    # Geography names a place, not a subject.
    assert "72" not in mapping.domains


def test_a_malformed_code_is_refused():
    with pytest.raises(ValueError, match="neither"):
        routing.parse_eurovoc_map(yaml.safe_load("domains: {'521': {areas: [waste]}}"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("waste water", routing.Subject(labels=("waste water",))),
        ("52 ENVIRONMENT", routing.Subject(labels=("ENVIRONMENT",), domain="52")),
        (
            "5206 environmental policy",
            routing.Subject(labels=("environmental policy",), microthesaurus="5206", domain="52"),
        ),
        ("http://eurovoc.europa.eu/4038", routing.Subject()),
        (
            {"uri": "http://eurovoc.europa.eu/1", "label": "asyl", "microthesaurus": "2811"},
            routing.Subject(labels=("asyl",), microthesaurus="2811", domain="28"),
        ),
        ({"labels": {"en": "housing", "sv": "bostäder"}}, routing.Subject(("housing", "bostäder"))),
        ({"domain": "66 ENERGY"}, routing.Subject(domain="66")),
        (42, routing.Subject()),
    ],
)
def test_subjects_are_read_defensively(raw, expected):
    assert routing.subject_from(raw) == expected


def test_a_concept_weighs_more_than_its_microthesaurus_and_domain():
    signals = routing.eurovoc_signals(
        ["Public Procurement", "5206 environmental policy", "66 ENERGY", "72 GEOGRAPHY", "okänt"],
        routing.eurovoc_map(),
    )
    assert [(s.area, s.weight) for s in signals] == [
        ("procurement", routing.WEIGHT_CONCEPT),
        ("environment_health", routing.WEIGHT_MICROTHESAURUS),
        ("climate_energy", routing.WEIGHT_MICROTHESAURUS),
        ("climate_energy", routing.WEIGHT_DOMAIN),
    ]


def test_scores_by_hand():
    signals = [
        routing.Signal("water_sewage", 1.0, "area", ""),
        routing.Signal("environment_health", 0.4, "eurovoc", "ENVIRONMENT"),
        routing.Signal("environment_health", 0.5, "text", "avloppsdirektivet"),
    ]
    bodies = [
        routing.BodyAreas(1, frozenset({"water_sewage"})),
        routing.BodyAreas(2, frozenset({"water_sewage", "environment_health"})),
        routing.BodyAreas(3, frozenset({"environment_health"})),
        routing.BodyAreas(4, frozenset({"education"})),
    ]
    labels = {"water_sewage": "Vatten och avlopp", "environment_health": "Miljö- och hälsoskydd"}
    found = routing.suggest(signals=signals, bodies=bodies, labels=labels)
    # environment_health: 1 - (1 - 0.4)(1 - 0.5) = 0.7; body 2: 1.0 + 0.25 × 0.7 = 1.175.
    assert [(s.body_id, s.score) for s in found] == [(2, 1.175), (1, 1.0), (3, 0.7)]
    assert [r["text"] for r in found[2].reasons] == [
        "Texten pekar på området Miljö- och hälsoskydd: avloppsdirektivet.",
        "EuroVoc-ämnet ”ENVIRONMENT” hör till området Miljö- och hälsoskydd.",
    ]
    assert found[1].reasons[0]["text"] == "Initiativet gäller området Vatten och avlopp."


def test_a_weak_signal_alone_suggests_nobody():
    signals = [routing.Signal("transport", 0.3, "eurovoc", "x")]
    bodies = [routing.BodyAreas(1, frozenset({"transport"}))]
    assert routing.suggest(signals=signals, bodies=bodies, labels={}) == []


@pytest.fixture
def areas(db):
    knowledge_load_areas()
    return {a.code: a for a in PolicyArea.objects.all()}


@pytest.fixture
def bodies(make_body, areas):
    def body(short_name, codes, **extra):
        made = make_body(short_name, **extra)
        made.areas.set([areas[c] for c in codes])
        return made

    return {
        "va": body("VA", ["water_sewage", "waste"]),
        "mhn": body("MHN", ["environment_health", "food"]),
        "un": body("UN", ["education"]),
        "old": body("OLD", ["water_sewage"], active_until=dt.date(2020, 12, 31)),
    }


@pytest.fixture
def initiative(areas):
    made = Initiative.objects.create(title_sv=WASTEWATER, eurovoc=["52 ENVIRONMENT"])
    made.areas.set([areas["water_sewage"]])
    return made


def test_an_initiative_goes_to_the_active_bodies_of_its_areas(initiative, bodies):
    services.initiative_route(initiative=initiative)
    routed = {r.body.short_name: r for r in Routing.objects.select_related("body")}
    assert set(routed) == {"VA", "MHN"}
    va = routed["VA"]
    assert va.score == 1.0
    assert va.suggested
    assert va.status == InboxStatus.NEW
    assert va.reasons[0] == {
        "source": "area",
        "area": "water_sewage",
        "text": "Initiativet gäller området Vatten och avlopp.",
    }
    # The engine reads the Swedish title: the urban waste water directive.
    assert any(r["source"] == "text" and "avloppsdirektivet" in r["text"] for r in va.reasons)
    mhn = routed["MHN"]
    assert {r["source"] for r in mhn.reasons} == {"eurovoc", "text"}
    assert 0.4 < mhn.score < 1.0


def test_routing_twice_changes_nothing(initiative, bodies):
    services.initiative_route(initiative=initiative)
    before = list(Routing.objects.order_by("pk").values())
    history = Routing.history.count()
    services.initiative_route(initiative=initiative)
    assert list(Routing.objects.order_by("pk").values()) == before
    assert Routing.history.count() == history


def test_rerouting_keeps_the_work_and_drops_only_untouched_suggestions(
    initiative, bodies, areas, make_user
):
    services.initiative_route(initiative=initiative)
    coordinator = make_user(Role.COORDINATOR)
    va = Routing.objects.get(body=bodies["va"])
    services.assessment_save(routing=va, user=coordinator, relevance=Relevance.HIGH)
    # The initiative turns out to be about education only.
    initiative.areas.set([areas["education"]])
    initiative.title_sv = "Skolinitiativ"
    initiative.eurovoc = []
    initiative.save()
    services.initiative_route(initiative=initiative)
    va.refresh_from_db()
    assert va.status == InboxStatus.ASSESSED
    assert va.score == 0.0
    assert va.assessment.relevance == Relevance.HIGH
    assert not Routing.objects.filter(body=bodies["mhn"]).exists()
    assert Routing.objects.get(body=bodies["un"]).status == InboxStatus.NEW


def test_removed_bodies_stay_removed_and_added_bodies_stay(initiative, bodies, make_user):
    coordinator = make_user(Role.COORDINATOR)
    services.initiative_route(initiative=initiative)
    mhn = Routing.objects.get(body=bodies["mhn"])
    services.routing_remove(routing=mhn, user=coordinator)
    added = services.routing_add(initiative=initiative, body=bodies["un"], user=coordinator)
    assert added.reasons[0]["text"] == services.MANUAL_REASON
    services.initiative_route(initiative=initiative)
    mhn.refresh_from_db()
    assert mhn.status == InboxStatus.CLOSED
    assert not mhn.suggested
    added.refresh_from_db()
    assert added.status == InboxStatus.NEW
    assert added.reasons == [{"source": "manual", "area": "", "text": services.MANUAL_REASON}]
    assert list(selectors.inbox(body=bodies["mhn"])) == []
    # Added back by hand, it returns to the inbox.
    services.routing_add(initiative=initiative, body=bodies["mhn"], user=coordinator)
    assert [r.initiative for r in selectors.inbox(body=bodies["mhn"])] == [initiative]


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER])
def test_only_coordinators_add_or_remove_bodies(initiative, bodies, make_user, role):
    from django.core.exceptions import PermissionDenied

    services.initiative_route(initiative=initiative)
    user = make_user(role, bodies=[bodies["va"]])
    with pytest.raises(PermissionDenied):
        services.routing_add(initiative=initiative, body=bodies["un"], user=user)
    with pytest.raises(PermissionDenied):
        services.routing_remove(routing=Routing.objects.get(body=bodies["va"]), user=user)


@pytest.mark.usefixtures("imported", "full_knowledge")
def test_the_items_an_initiative_touches():
    """Items cite the act directly (31991L0271, 32014L0024) or a statute implementing it."""
    wastewater = Initiative.objects.create(title_sv=WASTEWATER)
    InitiativeAct.objects.create(
        initiative=wastewater,
        act=EUAct.objects.get(celex="31991L0271"),
        relation=ActRelation.AMENDS,
    )
    procurement = Initiative.objects.create(title_sv="Översyn av upphandlingsdirektiven")
    InitiativeAct.objects.create(
        initiative=procurement,
        act=EUAct.objects.get(celex="32014L0024"),
        relation=ActRelation.REPEALS,
    )
    # An act it only builds on does not count.
    InitiativeAct.objects.create(
        initiative=procurement,
        act=EUAct.objects.get(celex="31991L0271"),
        relation=ActRelation.BASED_ON,
    )
    toilets = AgendaItem.objects.get(position=4)
    ItemReference.objects.create(item=toilets, ref="2016:1145")  # LOU implements 2014/24/EU
    untouched = Initiative.objects.create(title_sv="Utan rättsakter")

    found = selectors.touches([wastewater.pk, procurement.pk, untouched.pk])
    assert found[wastewater.pk].count == 1
    assert found[wastewater.pk].since == 2016
    assert found[procurement.pk].count == 2
    assert found[untouched.pk].count == 0
    assert found[untouched.pk].since is None
    titles = [i.title for i in selectors.touched_items(initiative=procurement)]
    assert sorted(titles) == [
        "Motion om fler offentliga toaletter",
        "Riktlinje för upphandling och inköp",
    ]
