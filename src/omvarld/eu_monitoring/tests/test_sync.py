"""Syncing the sources' payloads: loaded through eu_import, idempotent, with provenance."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from omvarld.eu_monitoring import sync
from omvarld.eu_monitoring.models import (
    FeedbackWindow,
    FetchRecord,
    Initiative,
    InitiativeAct,
    StageEvent,
)
from omvarld.eu_monitoring.sync import eu_sync_payload
from omvarld.knowledge.models import EUAct

from .factories import FILES, RECORDINGS


@pytest.fixture
def knowledge(full_knowledge):
    """The sync completes and relates the acts of the knowledge base, so it needs all of it."""


def import_all(files=FILES) -> str:
    out = StringIO()
    for source, path in files:
        call_command("eu_import", str(path), source=source, stdout=out, stderr=out)
    return out.getvalue()


def table_counts() -> dict[str, int]:
    """Rows in every table of the project, including history and many-to-many tables."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in {"eu_monitoring", "knowledge", "organisation", "meetings"}:
            counts[model._meta.db_table] = model._default_manager.count()
    return counts


def test_the_recordings_load_and_merge_across_sources(knowledge):
    import_all()
    ets = Initiative.objects.get(procedure_reference="2021/0211(COD)")
    assert ets.com_number == "COM(2021) 551"
    assert ets.proposal_celex == "52021PC0551"
    assert ets.title_sv.startswith("Förslag till EUROPAPARLAMENTETS OCH RÅDETS DIREKTIV")
    assert ets.title_en.startswith("Proposal for a DIRECTIVE"), "the official title wins"
    assert ets.stage == "adopted"
    assert ets.eurovoc == ["klimatförändring"]
    assert set(ets.acts.values_list("celex", flat=True)) == {
        "32003L0087",
        "32015D1814",
        "32015R0757",
    }
    stages = set(ets.stages.values_list("stage", "date", "source"))
    assert stages == {
        ("proposal", dt.date(2021, 7, 14), "eurlex"),
        ("adopted", dt.date(2023, 5, 10), "eurlex"),
        ("parliament_council", dt.date(2021, 9, 13), "europarl"),
        ("agreement", dt.date(2022, 12, 18), "europarl"),
        ("adopted", dt.date(2023, 5, 10), "europarl"),
    }
    assert ets.extra["eurlex"] == {"adopted_as": "32023L0959", "resource_type": "PROP_DIR"}

    wastewater = Initiative.objects.get(com_number="COM(2022) 541")
    assert wastewater.haveyoursay_id == 900102, "Have Your Say joined the CELLAR proposal"
    assert wastewater.procedure_reference == "2022/0345(COD)"
    assert wastewater.summary.startswith("The Urban Waste Water Treatment Directive")
    windows = set(wastewater.windows.values_list("kind", "opens", "closes", "external_id"))
    assert windows == {
        ("call_for_evidence", dt.date(2021, 3, 1), dt.date(2021, 3, 29), "700201"),
        ("public_consultation", dt.date(2021, 4, 20), dt.date(2021, 7, 13), "700202"),
        ("feedback_on_proposal", dt.date(2022, 10, 27), dt.date(2023, 1, 5), "700203"),
    }, "the search page's window without id became the publication's window"
    link = InitiativeAct.objects.get(initiative=wastewater)
    assert (link.act.celex, link.relation) == ("31991L0271", "amends")
    assert wastewater.areas.filter(code="water_sewage").exists(), "areas from the Swedish title"


def test_acts_are_created_or_completed_and_relations_recorded(knowledge):
    uwwtd = EUAct.objects.get(celex="31991L0271")
    title_before = uwwtd.title_sv
    import_all()
    recast = EUAct.objects.get(celex="32024L3019")
    assert recast.act_type == "directive"
    assert recast.title_sv.startswith("Europaparlamentets och rådets direktiv (EU) 2024/3019")
    assert recast.eli == "http://data.europa.eu/eli/dir/2024/3019/oj"
    assert recast.date_in_force == dt.date(2025, 1, 1)
    assert recast.transposition_deadline == dt.date(2027, 7, 31)
    uwwtd.refresh_from_db()
    assert uwwtd.status == "repealed"
    assert uwwtd.replaced_by == recast
    assert uwwtd.title_sv == title_before, "the knowledge base's own title is kept"
    ets_directive = EUAct.objects.get(celex="32003L0087")
    assert ets_directive.amended_by.filter(celex="32023L0959").exists()
    bare = EUAct.objects.get(celex="32015D1814")
    assert (bare.act_type, bare.title_sv) == ("decision", "32015D1814")


def test_an_act_edited_locally_is_left_as_it_is(knowledge):
    EUAct.objects.filter(celex="31991L0271").update(edited_locally=True)
    import_all()
    uwwtd = EUAct.objects.get(celex="31991L0271")
    assert uwwtd.status == "in_force"
    assert uwwtd.replaced_by is None


def test_the_same_payloads_twice_leave_every_table_as_it_was(knowledge):
    import_all()
    first = table_counts()
    # ETS, buildings and wastewater merged across sources; the Have Your Say search page does not
    # name the ETS proposal's COM number, so its record stays apart until its full record comes.
    assert first["eu_monitoring_initiative"] == 4
    assert first["eu_monitoring_fetchrecord"] == len(FILES)
    import_all()
    assert table_counts() == first


def test_the_same_content_in_another_layout_changes_only_the_provenance(knowledge, tmp_path):
    import_all()
    first = table_counts()
    relaid = []
    for source, path in FILES:
        copy = tmp_path / path.name
        copy.write_text(json.dumps(json.loads(path.read_text()), indent=4))
        relaid.append((source, copy))
    import_all(relaid)
    second = table_counts()
    changed = {t: (first[t], second[t]) for t in first if first[t] != second[t]}
    initiatives_in_payloads = 3 + 3 + 2 + 1 + 1 + 2
    assert changed == {
        "eu_monitoring_fetchrecord": (len(FILES), 2 * len(FILES)),
        "eu_monitoring_initiative_fetches": (
            initiatives_in_payloads,
            2 * initiatives_in_payloads,
        ),
    }


def test_every_record_is_linked_to_the_payload_it_came_from(knowledge):
    import_all()
    wastewater = Initiative.objects.get(com_number="COM(2022) 541")
    requests = sorted(f.request for f in wastewater.fetches.all())
    assert requests == sorted(
        f"file {RECORDINGS / name}"
        for name in (
            "eurlex/proposals.json",
            "eurlex/acts.json",
            "haveyoursay/search_initiatives.json",
            "haveyoursay/group_initiative_900102.json",
            "europarl/procedures.json",
        )
    )
    fetch = FetchRecord.objects.get(request__endswith="group_initiative_900102.json")
    assert fetch.source == "haveyoursay"
    assert fetch.status is None
    assert json.loads(fetch.payload)["id"] == 900102
    assert len(fetch.sha256) == 64
    assert fetch.records == 1


def test_malformed_records_are_logged_with_their_source_and_the_others_applied(knowledge):
    output = import_all()
    search = FetchRecord.objects.get(request__endswith="search_initiatives.json")
    assert search.records == 2
    assert search.errors == [
        {"where": "initiativeResultDtoPage.content[2]", "error": "no usable id (None)"},
        {"where": "initiativeResultDtoPage.content[3]", "error": "no usable id ('not-a-number')"},
        {"where": "initiativeResultDtoPage.content[4]", "error": "the record is not an object"},
    ]
    acts = FetchRecord.objects.get(request__endswith="eurlex/acts.json")
    assert [e["where"] for e in acts.errors] == ["results.bindings[4]", "results.bindings[5]"]
    assert "skipped initiativeResultDtoPage.content[3]: no usable id" in output


def test_a_record_the_database_refuses_is_logged_and_the_others_saved(knowledge):
    def row(celex: str, eli: str) -> dict:
        return {
            "celex": {"type": "literal", "value": celex},
            "eli": {"type": "literal", "value": eli},
        }

    payload = {
        "head": {"vars": ["celex", "eli"]},
        "results": {
            "bindings": [
                row("32024R0001", "http://data.europa.eu/eli/reg/2024/1/oj"),
                row("32024R0002", "eli/reg/2024/2/oj"),
                row("32024R0003", "http://data.europa.eu/eli/reg/2024/3/oj"),
            ]
        },
    }
    summary = eu_sync_payload(source="eurlex", payload=json.dumps(payload), request="test")
    assert summary.records == 2
    assert summary.errors == [{"where": "CELEX 32024R0002", "error": "Ange en giltig URL."}]
    assert set(
        EUAct.objects.filter(celex__startswith="32024R000").values_list("celex", flat=True)
    ) == {
        "32024R0001",
        "32024R0003",
    }
    assert FetchRecord.objects.get().errors == summary.errors


def test_a_payload_that_cannot_be_read_is_kept_with_the_reason(knowledge):
    summary = eu_sync_payload(source="europarl", payload="<html>502</html>", request="GET x")
    assert summary.records == 0
    fetch = FetchRecord.objects.get()
    assert fetch.payload == "<html>502</html>"
    assert fetch.errors[0]["where"] == "payload"
    assert Initiative.objects.count() == 0


def test_stage_moves_forward_only(knowledge):
    import_all()
    ets = Initiative.objects.get(procedure_reference="2021/0211(COD)")
    assert ets.stage == "adopted"
    # The Have Your Say search page says the proposal stage again; the stage stays adopted.
    eu_sync_payload(
        source="eurlex",
        payload=(RECORDINGS / "eurlex" / "proposals.json").read_text() + " ",
        request="again",
    )
    ets.refresh_from_db()
    assert ets.stage == "adopted"
    assert StageEvent.objects.filter(initiative=ets, stage="proposal").count() == 1


def test_an_initiative_is_never_started_from_an_adopted_act_alone(knowledge):
    call_command("eu_import", str(RECORDINGS / "eurlex" / "acts.json"), source="eurlex")
    assert Initiative.objects.count() == 0
    assert EUAct.objects.filter(celex="32024L1275").exists()


def test_import_refuses_a_missing_file_and_an_unknown_source(knowledge, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("eu_import", str(tmp_path / "nothing.json"), source="eurlex")
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("eu_import", str(FILES[0][1]), source="rss")
    assert FetchRecord.objects.count() == 0


def test_windows_from_a_search_page_then_the_full_record_are_one_window(knowledge):
    import_all(FILES[2:4])
    windows = FeedbackWindow.objects.filter(initiative__haveyoursay_id=900102)
    assert windows.filter(kind="feedback_on_proposal").count() == 1
    assert windows.get(kind="feedback_on_proposal").external_id == "700203"


def test_an_initiative_people_worked_on_is_not_merged_away(knowledge, make_body):
    from omvarld.eu_monitoring.models import Routing

    import_all(FILES[:1] + FILES[2:3])
    proposal = Initiative.objects.get(com_number="COM(2022) 541")
    from_search = Initiative.objects.get(haveyoursay_id=900102)
    assert proposal != from_search, "the search page does not name the COM number"
    # A coordinator added a body by hand: that is people's work, not the platform's suggestion.
    Routing.objects.create(initiative=from_search, body=make_body("MHN"), suggested=False)
    output = import_all(FILES[3:4])
    assert Initiative.objects.filter(pk__in=[proposal.pk, from_search.pk]).count() == 2
    detail = FetchRecord.objects.get(request__endswith="group_initiative_900102.json")
    assert detail.errors == [
        {
            "where": "groupInitiatives",
            "error": f"initiatives {proposal.pk} and {from_search.pk} are the same; "
            "merge them by hand",
        }
    ]
    assert "merge them by hand" in output


def test_synced_initiatives_are_routed_to_the_bodies_they_concern(knowledge):
    """A new initiative reaches the committees' inboxes without anyone pressing a button."""
    from django.conf import settings

    from omvarld.eu_monitoring.models import Routing
    from omvarld.organisation.services import organisation_load_file

    organisation_load_file(path=settings.ORGANISATION_FILE)
    import_all()
    assert Routing.objects.values_list("initiative_id", flat=True).distinct().count() > 0
    # The platform's own suggestions do not stop two sources' records of one initiative merging.
    wastewater = Initiative.objects.get(procedure_reference="2022/0345(COD)")
    assert wastewater.haveyoursay_id == 900102
    assert set(wastewater.routings.values_list("body__short_name", flat=True)) >= {"NODRA"}
    before = list(Routing.objects.order_by("pk").values_list("pk", "body_id", "score"))
    import_all()
    assert list(Routing.objects.order_by("pk").values_list("pk", "body_id", "score")) == before


def test_a_record_of_the_wrong_json_type_is_logged_and_the_payload_kept(knowledge):
    payload = {
        "data": [
            {"label": "2021/0211(COD)", "consists_of": 5},
            {
                "label": "2022/0345(COD)",
                "process_title": {"sv": "Rening av avloppsvatten"},
                "consists_of": [],
            },
        ]
    }
    summary = eu_sync_payload(source="europarl", payload=json.dumps(payload), request="GET x")
    assert summary.records == 1
    assert [e["where"] for e in summary.errors] == ["data[0]"]
    fetch = FetchRecord.objects.get()
    assert fetch.errors == summary.errors
    assert list(Initiative.objects.values_list("procedure_reference", flat=True)) == [
        "2022/0345(COD)"
    ]


@pytest.mark.parametrize("error", [TypeError, ValueError, KeyError, AttributeError])
def test_a_parser_that_trips_keeps_the_payload_with_the_reason(knowledge, monkeypatch, error):
    def parse(payload):
        raise error("the parser tripped")

    monkeypatch.setitem(sync.PARSERS, "europarl", parse)
    summary = eu_sync_payload(source="europarl", payload='{"data": []}', request="GET x")
    assert summary.records == 0
    fetch = FetchRecord.objects.get()
    assert fetch.payload == '{"data": []}'
    assert len(fetch.errors) == 1
    assert fetch.errors[0]["where"] == "payload"
    assert "the parser tripped" in fetch.errors[0]["error"]
