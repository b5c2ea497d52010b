"""The real Have Your Say and Parliament answers (recorded from the live services on 2026-09-01,
../shared/data/eu-sources/) imported with Norrköping's organisation: Swedish titles, areas from
the portal's topics, stages, windows and documents, and initiatives routed to the committees."""

from __future__ import annotations

import copy
import datetime as dt
import json
from io import StringIO

from django.core.management import call_command

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring.models import FeedbackWindow, Initiative, Routing, StageEvent
from omvarld.eu_monitoring.sync import eu_sync_payload

SEARCH = "eu-sources/haveyoursay/searchInitiatives-feedbackOpen-2026-09-01.json"
DETAIL = "eu-sources/haveyoursay/groupInitiatives-18805-2026-09-01.json"
PROCEDURE = "eu-sources/europarl/procedures_2024-2511_detail_2026-09-01.jsonld"
PROCEDURES = "eu-sources/europarl/procedures_list_limit3_2026-09-01.jsonld"


def eu_import(path, source: str) -> str:
    out = StringIO()
    call_command("eu_import", "--source", source, str(path), stdout=out, stderr=out)
    return out.getvalue()


def routed(initiative: Initiative) -> set[str]:
    return set(
        Routing.objects.filter(initiative=initiative).values_list("body__short_name", flat=True)
    )


def test_the_real_search_page_stores_swedish_titles_and_routes_to_committees(
    shared_data, organisation
):
    eu_import(shared_data / SEARCH, "haveyoursay")

    assert Initiative.objects.count() == 3
    plants = Initiative.objects.get(haveyoursay_id=18805)
    noise = Initiative.objects.get(haveyoursay_id=14778)
    assert noise.title_sv == (
        "Buller vid EU-flygplatser – utvärdering av förordningen om en välavvägd strategi"
    )
    assert noise.title == noise.title_sv
    assert noise.title_en == "Noise at EU airports – evaluation of the Balanced Approach Regulation"
    assert list(plants.areas.values_list("code", flat=True)) == ["food"]
    assert list(noise.areas.values_list("code", flat=True)) == ["transport"]
    # Food control is Miljö- och hälsoskyddsnämnden's; airport noise reaches the body for
    # planning and transport (Samhällsbyggnadsnämnden) and the one for environment and health.
    assert routed(plants) == {"MHN"}
    assert routed(noise) == {"SBN", "MHN"}
    # The text (Swedish, from the translations) names the noise directive.
    reasons = Routing.objects.get(initiative=noise, body__short_name="MHN").reasons
    assert "bullerdirektivet (2002/49/EG)" in reasons[0]["text"]
    assert "Initiativet gäller området Transporter." in [
        r["text"] for r in Routing.objects.get(initiative=noise, body__short_name="SBN").reasons
    ]
    window = noise.windows.get()
    assert (window.kind, window.opens, window.closes, window.source_status) == (
        "public_consultation",
        dt.date(2026, 8, 27),
        dt.date(2026, 11, 19),
        "open",
    )
    assert noise.stage == "public_consultation"


def test_the_real_full_record_completes_the_initiative(shared_data, organisation):
    eu_import(shared_data / SEARCH, "haveyoursay")
    eu_import(shared_data / DETAIL, "haveyoursay")

    plants = Initiative.objects.get(haveyoursay_id=18805)
    assert plants.summary_sv.startswith("Genom det här initiativet kompletteras förordning")
    assert plants.summary == plants.summary_sv
    assert plants.summary_en.startswith("This initiative supplements Regulation (EU) 2026/1388")
    stages = StageEvent.objects.filter(initiative=plants).order_by("date")
    assert [(s.stage, s.date) for s in stages] == [
        ("planned", dt.date(2026, 7, 20)),
        ("call_for_evidence", dt.date(2026, 8, 31)),
    ]
    assert len(stages[1].documents) == 24
    # The search page's window and the full record's publication are one window.
    (window,) = FeedbackWindow.objects.filter(initiative=plants)
    assert window.external_id == "25817"
    assert plants.stage == "call_for_evidence"
    # A second import of the same answers changes nothing.
    before = (StageEvent.objects.count(), FeedbackWindow.objects.count(), Routing.objects.count())
    eu_import(shared_data / SEARCH, "haveyoursay")
    eu_import(shared_data / DETAIL, "haveyoursay")
    after = (StageEvent.objects.count(), FeedbackWindow.objects.count(), Routing.objects.count())
    assert after == before


def test_the_page_shows_the_real_record_in_swedish(client_as, shared_data, organisation):
    eu_import(shared_data / SEARCH, "haveyoursay")
    eu_import(shared_data / DETAIL, "haveyoursay")
    plants = Initiative.objects.get(haveyoursay_id=18805)

    html = client_as(Role.READER).get(f"/eu-bevakning/initiativ/{plants.pk}/").content.decode()

    assert "<h1>Växter som erhållits genom nya genomiska metoder" in html
    assert '<p class="muted" lang="en">Plants obtained by new genomic techniques' in html
    assert "Genom det här initiativet kompletteras" in html
    assert "Livsmedel" in html
    assert "https://ec.europa.eu/info/law/better-regulation/api/download/090166e532b9493a" in html
    assert "(på svenska)" in html
    assert "Miljö- och hälsoskyddsnämnden" in html


def test_the_api_shows_the_real_records(client_as, shared_data, organisation):
    eu_import(shared_data / SEARCH, "haveyoursay")
    client = client_as(Role.READER)
    response = client.get("/api/v1/eu-initiatives/", {"q": "flygplatser"})
    (record,) = response.json()["results"]
    assert record["title_sv"].startswith("Buller vid EU-flygplatser")
    assert record["areas"] == ["transport"]
    assert "SBN" in [r["body"] for r in record["routings"]]


def test_an_initiative_on_violence_against_women_reaches_the_social_services(
    shared_data, organisation
):
    """No recording has one: the record is the real airport-noise record with the topic and the
    titles of an initiative on violence against women (built here, in the real shape)."""
    page = json.loads((shared_data / SEARCH).read_text(encoding="utf-8"))
    record = copy.deepcopy(page["initiativeResultDtoPage"]["content"][2])
    record["id"] = 990001.0
    record["shortTitle"] = "Combating violence against women and domestic violence"
    record["topics"] = [{"code": "JUST", "label": "Justice and fundamental rights"}]
    record["initiativeTranslations"] = [
        {"field": "SHORT_TITLE", "language": "EN", "value": record["shortTitle"]},
        {
            "field": "SHORT_TITLE",
            "language": "SV",
            "value": "Bekämpning av våld mot kvinnor och våld i nära relationer",
        },
    ]
    page["initiativeResultDtoPage"]["content"] = [record]

    eu_sync_payload(source="haveyoursay", payload=json.dumps(page), request="test")

    initiative = Initiative.objects.get(haveyoursay_id=990001)
    assert "SocN" in routed(initiative)
    assert "SBN" not in routed(initiative)


def test_the_real_parliament_answers(shared_data, organisation):
    out = eu_import(shared_data / PROCEDURES, "europarl")
    # The list names procedures only: nothing is started from it.
    assert Initiative.objects.count() == 0, out
    eu_import(shared_data / PROCEDURE, "europarl")
    (procedure,) = Initiative.objects.all()
    assert procedure.procedure_reference == "2024/2511(RSP)"
    assert procedure.title_sv == "Undantagstillstånd i Ecuador"
    assert [(s.stage, s.date) for s in procedure.stages.all()] == [
        ("parliament_council", dt.date(2024, 1, 16))
    ]
    # The list now completes the followed procedure and starts none of the others.
    eu_import(shared_data / PROCEDURES, "europarl")
    assert Initiative.objects.count() == 1
