from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring import services
from omvarld.eu_monitoring.constants import ActRelation, InboxStatus, Relevance, Stage, WindowKind
from omvarld.eu_monitoring.models import (
    Assessment,
    FeedbackWindow,
    Initiative,
    InitiativeAct,
    Routing,
    StageEvent,
)
from omvarld.knowledge.models import EUAct, PolicyArea
from omvarld.knowledge.services import knowledge_load_areas

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(db):
    knowledge_load_areas()
    return {a.code: a for a in PolicyArea.objects.all()}


@pytest.fixture
def va(make_body, areas):
    body = make_body("VA", "VA-nämnden")
    body.areas.set([areas["water_sewage"]])
    return body


@pytest.fixture
def un(make_body, areas):
    body = make_body("UN", "Utbildningsnämnden")
    body.areas.set([areas["education"]])
    return body


def make_initiative(areas, title, area="water_sewage", **extra):
    initiative = Initiative.objects.create(title_sv=title, **extra)
    initiative.areas.set([areas[area]])
    services.initiative_route(initiative=initiative)
    return initiative


@pytest.fixture
def initiative(areas, va, un):
    made = make_initiative(
        areas,
        "Översyn av avloppsdirektivet",
        procedure_reference="2022/0345(COD)",
        stage=Stage.PROPOSAL,
    )
    today = timezone.localdate()
    FeedbackWindow.objects.create(
        initiative=made,
        kind=WindowKind.FEEDBACK_ON_PROPOSAL,
        opens=today - dt.timedelta(days=5),
        closes=today + dt.timedelta(days=20),
        url="https://example.org/hys/1",
    )
    StageEvent.objects.create(
        initiative=made, stage=Stage.PROPOSAL, date=dt.date(2022, 10, 26), source="manual"
    )
    return made


def test_the_list_filters_and_searches(client_as, initiative, areas, un):
    school = make_initiative(areas, "Skolinitiativet", area="education", stage=Stage.PLANNED)
    client = client_as(Role.READER)

    def titles(**params):
        html = client.get("/eu-bevakning/", params).content.decode()
        return [t for t in ("Översyn av avloppsdirektivet", "Skolinitiativet") if t in html]

    assert titles() == ["Översyn av avloppsdirektivet", "Skolinitiativet"]
    assert titles(q="2022/0345") == ["Översyn av avloppsdirektivet"]
    assert titles(q="skol") == ["Skolinitiativet"]
    assert titles(area="education") == ["Skolinitiativet"]
    assert titles(stage=Stage.PROPOSAL) == ["Översyn av avloppsdirektivet"]
    assert titles(body=un.pk) == ["Skolinitiativet"]
    assert titles(open_window="on") == ["Översyn av avloppsdirektivet"]
    assert school.routings.get().body == un


def test_the_list_has_constant_queries(client_as, areas, va, un):
    client = client_as(Role.READER)
    act = EUAct.objects.create(celex="31991L0271", act_type="directive", title_sv="Avlopp")

    def add(n):
        for index in range(n):
            made = make_initiative(areas, f"Initiativ {index}")
            InitiativeAct.objects.create(initiative=made, act=act, relation=ActRelation.AMENDS)
            FeedbackWindow.objects.create(
                initiative=made, kind=WindowKind.OTHER, closes=timezone.localdate()
            )

    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/eu-bevakning/").status_code == 200
    add(8)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/eu-bevakning/").status_code == 200
    assert len(many) == len(few)


def test_the_initiative_page(client_as, initiative, va):
    act = EUAct.objects.create(celex="31991L0271", act_type="directive", title_sv="Avlopp")
    InitiativeAct.objects.create(initiative=initiative, act=act, relation=ActRelation.AMENDS)
    html = client_as(Role.READER).get(f"/eu-bevakning/initiativ/{initiative.pk}/").content.decode()
    assert "2022-10-26" in html
    assert "https://example.org/hys/1" in html
    assert "/kunskapsbank/eu-rattsakter/31991L0271/" in html
    assert "VA-nämnden" in html
    assert "Initiativet gäller området Vatten och avlopp." in html
    # A reader sees no buttons to change anything.
    assert "ta-bort" not in html
    assert "bedomning" not in html
    assert "atgard/ny" not in html


def test_an_unknown_initiative_is_not_found(client_as, db):
    assert client_as(Role.READER).get("/eu-bevakning/initiativ/999/").status_code == 404


def test_the_inbox_lists_new_initiatives_first(client_as, initiative, areas, va, make_user):
    older = make_initiative(areas, "Äldre avloppsfråga")
    services.assessment_save(
        routing=Routing.objects.get(initiative=older, body=va),
        user=make_user(Role.COORDINATOR),
        relevance=Relevance.LOW,
    )
    client = client_as(Role.OFFICER, bodies=[va])
    html = client.get(f"/eu-bevakning/organ/{va.pk}/").content.decode()
    assert html.index("Översyn av avloppsdirektivet") < html.index("Äldre avloppsfråga")
    assert f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/bedomning/" in html
    assessed = client.get(f"/eu-bevakning/organ/{va.pk}/", {"status": "assessed"}).content
    assert "Översyn av avloppsdirektivet" not in assessed.decode()


def test_the_inbox_has_constant_queries(client_as, areas, va):
    client = client_as(Role.OFFICER, bodies=[va])
    for index in range(2):
        make_initiative(areas, f"Initiativ {index}")
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/eu-bevakning/organ/{va.pk}/").status_code == 200
    for index in range(2, 10):
        made = make_initiative(areas, f"Initiativ {index}")
        FeedbackWindow.objects.create(
            initiative=made, kind=WindowKind.OTHER, closes=timezone.localdate()
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"/eu-bevakning/organ/{va.pk}/").status_code == 200
    assert len(many) == len(few)


def test_the_inbox_index_counts_per_status(client_as, initiative, va, un):
    client = client_as(Role.OFFICER, bodies=[va])
    response = client.get("/eu-bevakning/organ/")
    bodies = {b.body.short_name: b for b in response.context["bodies"]}
    assert bodies["VA"].new == 1
    assert bodies["UN"].new == 0
    assert [b.body.short_name for b in response.context["own"]] == ["VA"]


def test_the_inbox_index_counts_are_not_multiplied_by_areas(client_as, make_body, areas):
    """Hand-counted: a body with three areas and one routing has 1 new; a body with four areas
    and two routings (one new, one assessed) has 1 and 1; a body with no areas is listed with 0."""
    three = make_body("TRE", "Tre områden-nämnden")
    three.areas.set([areas["water_sewage"], areas["waste"], areas["food"]])
    four = make_body("FYRA", "Fyra områden-nämnden")
    four.areas.set([areas[c] for c in ("education", "labour_market", "health", "housing")])
    make_body("ValN", "Valnämnden")
    first, second, third = (Initiative.objects.create(title_sv=f"Initiativ {n}") for n in "123")
    Routing.objects.create(initiative=first, body=three)
    Routing.objects.create(initiative=second, body=four)
    Routing.objects.create(initiative=third, body=four, status=InboxStatus.ASSESSED)

    response = client_as(Role.READER).get("/eu-bevakning/organ/")

    counts = {
        b.body.short_name: (b.new, b.assessed, b.acting, b.closed)
        for b in response.context["bodies"]
    }
    assert counts == {"TRE": (1, 0, 0, 0), "FYRA": (1, 1, 0, 0), "ValN": (0, 0, 0, 0)}
    assert "Valnämnden" in response.content.decode()


ASSESSMENT = {
    "relevance": "high",
    "expected_impact": "Nya krav på reningsverket.",
    "proposed_action": "Svara på samrådet.",
}


def test_an_officer_of_the_body_assesses(client, make_user, initiative, va):
    officer = make_user(Role.OFFICER, bodies=[va], first_name="Ada", last_name="Lind")
    client.force_login(officer)
    url = f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/bedomning/"
    form = client.get(url).context["form"]
    assert list(form.fields["responsible"].queryset) == [officer]
    response = client.post(url, {**ASSESSMENT, "responsible": officer.pk})
    assert response.status_code == 302
    routing = Routing.objects.get(initiative=initiative, body=va)
    assert routing.status == InboxStatus.ASSESSED
    assert routing.assessment.responsible == officer
    assert routing.assessment.assessed_by == officer
    # Assessing again changes the one assessment.
    client.post(url, {**ASSESSMENT, "relevance": "medium"})
    assert Assessment.objects.get().relevance == Relevance.MEDIUM


def test_a_coordinator_assesses_for_any_body(client_as, initiative, va):
    client = client_as(Role.COORDINATOR)
    url = f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/bedomning/"
    assert client.post(url, ASSESSMENT).status_code == 302
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER])
def test_others_cannot_assess(client_as, make_body, initiative, va, role):
    client = client_as(role, bodies=[make_body("ANNAN")])
    url = f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/bedomning/"
    assert client.get(url).status_code == 403
    assert client.post(url, ASSESSMENT).status_code == 403
    assert not Assessment.objects.exists()


def test_the_responsible_officer_must_belong_to_the_body(initiative, va, un, make_user):
    from django.core.exceptions import ValidationError

    outsider = make_user(Role.OFFICER, bodies=[un])
    with pytest.raises(ValidationError) as error:
        services.assessment_save(
            routing=Routing.objects.get(initiative=initiative, body=va),
            user=make_user(Role.COORDINATOR),
            relevance=Relevance.HIGH,
            responsible=outsider,
        )
    assert "responsible" in error.value.message_dict


def test_status_moves_on_after_an_assessment(client_as, initiative, va):
    client = client_as(Role.OFFICER, bodies=[va])
    url = f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/status/"
    client.post(url, {"status": "acting"})
    routing = Routing.objects.get(initiative=initiative, body=va)
    assert routing.status == InboxStatus.NEW  # refused: not assessed yet
    client.post(f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/bedomning/", ASSESSMENT)
    client.post(url, {"status": "acting"})
    routing.refresh_from_db()
    assert routing.status == InboxStatus.ACTING
    client.post(url, {"status": "closed"})
    routing.refresh_from_db()
    assert routing.status == InboxStatus.CLOSED


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER])
def test_others_cannot_change_the_status(client_as, make_body, initiative, va, role):
    client = client_as(role, bodies=[make_body("ANNAN")])
    url = f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/status/"
    assert client.post(url, {"status": "closed"}).status_code == 403
    assert Routing.objects.get(initiative=initiative, body=va).status == InboxStatus.NEW


def test_routing_again_keeps_the_reason_of_a_routing_made_by_hand(
    client_as, make_user, initiative, va, un
):
    """A body added by hand keeps "added by hand" after its officers closed it and the
    initiative was routed again."""
    coordinator = client_as(Role.COORDINATOR)
    base = f"/eu-bevakning/initiativ/{initiative.pk}"
    coordinator.post(f"{base}/organ/", {"body": un.pk})
    officer = make_user(Role.OFFICER, bodies=[un])
    routing = Routing.objects.get(initiative=initiative, body=un)
    services.routing_set_status(routing=routing, user=officer, status=InboxStatus.CLOSED)

    coordinator.post(f"{base}/dirigera/")

    routing.refresh_from_db()
    assert [r["text"] for r in routing.reasons] == [services.MANUAL_REASON]
    html = coordinator.get(f"{base}/").content.decode()
    assert services.MANUAL_REASON in html


def test_a_routing_added_in_the_admin_site_is_made_by_hand(client, make_user, initiative, un):
    coordinator = make_user(Role.COORDINATOR)
    client.force_login(coordinator)
    response = client.post(
        "/admin/eu_monitoring/routing/add/",
        {"initiative": initiative.pk, "body": un.pk, "status": InboxStatus.NEW},
    )
    assert response.status_code == 302
    routing = Routing.objects.get(initiative=initiative, body=un)
    assert not routing.suggested
    services.initiative_route(initiative=initiative)
    routing.refresh_from_db()
    assert [r["text"] for r in routing.reasons] == [services.MANUAL_REASON]


def test_a_coordinator_adds_and_removes_bodies(client_as, initiative, va, un):
    client = client_as(Role.COORDINATOR)
    base = f"/eu-bevakning/initiativ/{initiative.pk}"
    client.post(f"{base}/organ/", {"body": un.pk})
    added = Routing.objects.get(initiative=initiative, body=un)
    assert not added.suggested
    client.post(f"{base}/organ/{va.pk}/ta-bort/")
    removed = Routing.objects.get(initiative=initiative, body=va)
    assert removed.status == InboxStatus.CLOSED
    html = client.get(f"{base}/").content.decode()
    assert f"{base}/organ/{va.pk}/ta-bort/" not in html
    assert f"{base}/organ/{un.pk}/ta-bort/" in html
    client.post(f"{base}/dirigera/")
    removed.refresh_from_db()
    assert removed.status == InboxStatus.CLOSED


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER])
def test_others_cannot_add_remove_or_reroute(client_as, initiative, va, un, role):
    client = client_as(role, bodies=[va])
    base = f"/eu-bevakning/initiativ/{initiative.pk}"
    assert client.post(f"{base}/organ/", {"body": un.pk}).status_code == 403
    assert client.post(f"{base}/organ/{va.pk}/ta-bort/").status_code == 403
    assert client.post(f"{base}/dirigera/").status_code == 403
    assert Routing.objects.get(initiative=initiative, body=va).status == InboxStatus.NEW
    assert not Routing.objects.filter(body=un).exists()


def test_pages_need_a_login(client, initiative, va):
    for path in ["/eu-bevakning/", f"/eu-bevakning/organ/{va.pk}/"]:
        assert client.get(path).status_code == 302


def test_the_inbox_index_has_constant_queries(client_as, areas, make_body):
    client = client_as(Role.READER)

    def add(n, start):
        for index in range(start, start + n):
            body = make_body(f"B{index}")
            body.areas.set([areas["water_sewage"]])
            make_initiative(areas, f"Initiativ {index}")

    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/eu-bevakning/organ/").status_code == 200
    add(6, 2)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/eu-bevakning/organ/").status_code == 200
    assert len(many) == len(few)


def test_a_coordinator_routes_again_from_the_admin_site(client, make_user, initiative, va, un):
    coordinator = make_user(Role.COORDINATOR, is_staff=True)
    client.force_login(coordinator)
    Routing.objects.filter(body=va).delete()
    url = "/admin/eu_monitoring/initiative/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "route_again", "_selected_action": [initiative.pk]})
    assert response.status_code == 302
    assert Routing.objects.filter(initiative=initiative, body=va).exists()


def test_an_officer_cannot_route_from_the_admin_site(client, make_user, initiative, va):
    officer = make_user(Role.OFFICER, is_staff=True, bodies=[va])
    client.force_login(officer)
    Routing.objects.filter(body=va).delete()
    client.post(
        "/admin/eu_monitoring/initiative/",
        {"action": "route_again", "_selected_action": [initiative.pk]},
    )
    assert not Routing.objects.filter(initiative=initiative, body=va).exists()


def removed_by_a_coordinator(initiative, body, make_user) -> Routing:
    routing = Routing.objects.get(initiative=initiative, body=body)
    return services.routing_remove(routing=routing, user=make_user(Role.COORDINATOR))


def test_an_officer_cannot_bring_back_a_routing_a_coordinator_removed(
    client_as, initiative, va, make_user
):
    from django.core.exceptions import PermissionDenied

    routing = removed_by_a_coordinator(initiative, va, make_user)
    client = client_as(Role.OFFICER, bodies=[va])
    url = f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/status/"
    assert client.post(url, {"status": "new"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.routing_set_status(routing=routing, user=client.user, status=InboxStatus.NEW)
    routing.refresh_from_db()
    assert (routing.status, routing.suggested) == (InboxStatus.CLOSED, False)
    # Closing it again changes nothing and is not refused.
    services.routing_set_status(routing=routing, user=client.user, status=InboxStatus.CLOSED)


def test_an_officer_cannot_assess_a_routing_a_coordinator_removed(
    client_as, initiative, va, make_user
):
    from django.core.exceptions import PermissionDenied

    routing = removed_by_a_coordinator(initiative, va, make_user)
    client = client_as(Role.OFFICER, bodies=[va])
    url = f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/bedomning/"
    assert client.get(url).status_code == 403
    assert client.post(url, ASSESSMENT).status_code == 403
    with pytest.raises(PermissionDenied):
        services.assessment_save(routing=routing, user=client.user, relevance=Relevance.HIGH)
    assert not Assessment.objects.exists()
    html = client.get(f"/eu-bevakning/initiativ/{initiative.pk}/").content.decode()
    assert url not in html


def test_an_officer_cannot_reopen_an_assessed_routing_a_coordinator_removed(
    client_as, initiative, va, make_user
):
    client = client_as(Role.OFFICER, bodies=[va])
    routing = Routing.objects.get(initiative=initiative, body=va)
    services.assessment_save(routing=routing, user=client.user, relevance=Relevance.HIGH)
    routing = removed_by_a_coordinator(initiative, va, make_user)
    url = f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/status/"
    assert client.post(url, {"status": "assessed"}).status_code == 403
    assert client.post(url, {"status": "acting"}).status_code == 403
    routing.refresh_from_db()
    assert routing.status == InboxStatus.CLOSED


def test_a_coordinator_reopens_a_removed_routing(client_as, initiative, va, make_user):
    routing = removed_by_a_coordinator(initiative, va, make_user)
    client = client_as(Role.COORDINATOR)
    url = f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/status/"
    assert client.post(url, {"status": "new"}).status_code == 302
    routing.refresh_from_db()
    assert routing.status == InboxStatus.NEW


def test_an_officer_reopens_what_the_body_closed_itself(client_as, initiative, va):
    client = client_as(Role.OFFICER, bodies=[va])
    url = f"/eu-bevakning/initiativ/{initiative.pk}/organ/{va.pk}/status/"
    client.post(url, {"status": "closed"})
    client.post(url, {"status": "new"})
    assert Routing.objects.get(initiative=initiative, body=va).status == InboxStatus.NEW
