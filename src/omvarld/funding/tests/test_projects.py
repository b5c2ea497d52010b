"""Projects through their services: who may write, the status flow, and bad input as errors on
the fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from omvarld.funding.constants import Decision, MatchStatus, ProjectStatus
from omvarld.funding.models import (
    CallMatch,
    PaymentClaim,
    Project,
    ProjectDocument,
    ProjectPartner,
    ReportingPeriod,
)
from omvarld.funding.services import (
    call_create,
    document_add,
    project_create,
    project_delete,
    project_set_status,
    project_update,
    record_delete,
    record_save,
)

from .factories import ProjectFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _errors(caught: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return caught.value.message_dict


@pytest.fixture
def project(bodies, people):
    return project_create(
        user=people["officer"],
        title="Skolor i Östersjöregionen",
        bodies=[bodies["UN"]],
        currency="EUR",
        exchange_rate=Decimal("11.2000"),
        total_budget=Decimal("500000"),
        eu_grant_applied=Decimal("400000"),
    )


def test_an_officer_creates_a_project_for_a_body_of_theirs_only(bodies, people):
    made = project_create(user=people["officer"], title="Idé", bodies=[bodies["UN"]])
    assert made.status == ProjectStatus.IDEA
    assert made.created_by == people["officer"]
    with pytest.raises(PermissionDenied):
        project_create(user=people["officer"], title="Idé", bodies=[bodies["KFN"]])
    with pytest.raises(PermissionDenied):
        project_create(user=people["reader"], title="Idé", bodies=[bodies["UN"]])
    with pytest.raises(ValidationError) as caught:
        project_create(user=people["coordinator"], title="Idé", bodies=[])
    assert _errors(caught) == {"bodies": ["Välj minst ett organ eller kontor."]}


def test_a_project_from_a_call_takes_its_programme_and_moves_the_call_to_applying(bodies, people):
    from omvarld.funding.models import Programme

    call = call_create(
        user=people["coordinator"],
        title="Skolsamarbeten",
        programme=Programme.objects.get(code="erasmus-plus"),
        areas=["education"],
        opens=dt.date(2027, 1, 1),
        deadline=dt.date(2027, 3, 1),
    )
    assert CallMatch.objects.get(call=call, body=bodies["UN"]).status == MatchStatus.NEW
    made = project_create(
        user=people["officer"], title="Vårt projekt", bodies=[bodies["UN"]], call=call
    )
    assert made.programme is not None
    assert made.programme.code == "erasmus-plus"
    assert CallMatch.objects.get(call=call, body=bodies["UN"]).status == MatchStatus.APPLYING


def test_an_officer_of_another_body_cannot_edit_the_project(project, people, bodies):
    for who in ("other", "reader"):
        with pytest.raises(PermissionDenied):
            project_update(project=project, user=people[who], changes={"title": "Nytt"})
        with pytest.raises(PermissionDenied):
            project_set_status(project=project, user=people[who], status=ProjectStatus.PREPARING)
        with pytest.raises(PermissionDenied):
            record_save(
                model=ReportingPeriod,
                project=project,
                user=people[who],
                starts=dt.date(2027, 1, 1),
                ends=dt.date(2027, 6, 30),
                report_due=dt.date(2027, 8, 31),
            )
    # Moving it to another body needs the right to edit that body too.
    with pytest.raises(PermissionDenied):
        project_update(project=project, user=people["officer"], changes={}, bodies=[bodies["KFN"]])
    with pytest.raises(PermissionDenied):
        project_delete(project=project, user=people["officer"])
    project.refresh_from_db()
    assert project.title == "Skolor i Östersjöregionen"


def test_the_status_flow_records_submission_and_decision(project, people):
    officer = people["officer"]
    project_set_status(project=project, user=officer, status=ProjectStatus.PREPARING)
    project_set_status(
        project=project, user=officer, status=ProjectStatus.SUBMITTED, on=dt.date(2026, 3, 10)
    )
    assert project.submitted_on == dt.date(2026, 3, 10)
    with pytest.raises(ValidationError) as caught:
        project_set_status(project=project, user=officer, status=ProjectStatus.GRANTED)
    assert _errors(caught) == {
        "eu_grant_awarded": ["Ett beviljat projekt behöver det beviljade beloppet."]
    }
    project.refresh_from_db()
    project_set_status(
        project=project,
        user=officer,
        status=ProjectStatus.GRANTED,
        on=dt.date(2026, 6, 1),
        changes={"eu_grant_awarded": Decimal("380000")},
    )
    project.refresh_from_db()
    assert (project.status, project.decision, project.decided_on) == (
        ProjectStatus.GRANTED,
        Decision.GRANTED,
        dt.date(2026, 6, 1),
    )
    assert project.eu_grant_awarded == Decimal("380000")
    with pytest.raises(ValidationError) as caught:
        project_set_status(project=project, user=officer, status=ProjectStatus.CLOSED + "x")
    assert "status" in _errors(caught)
    with pytest.raises(ValidationError) as caught:
        project_set_status(project=project, user=officer, status=ProjectStatus.FINAL_REPORT)
    assert _errors(caught) == {
        "status": ["Ett projekt kan inte gå från ”Beviljad” till ”Slutrapport”."]
    }
    for step in (ProjectStatus.RUNNING, ProjectStatus.FINAL_REPORT, ProjectStatus.CLOSED):
        project_set_status(project=project, user=officer, status=step)
    assert project.decision == Decision.GRANTED, "a closed project keeps its decision"
    assert project.history.count() >= 6


def test_a_step_back_undoes_the_decision(project, people):
    officer = people["officer"]
    project_set_status(project=project, user=officer, status=ProjectStatus.PREPARING)
    project_set_status(project=project, user=officer, status=ProjectStatus.SUBMITTED)
    project_set_status(project=project, user=officer, status=ProjectStatus.REJECTED)
    assert project.decision == Decision.REJECTED
    project_set_status(project=project, user=officer, status=ProjectStatus.SUBMITTED)
    assert (project.decision, project.decided_on) == ("", None)
    project_set_status(project=project, user=officer, status=ProjectStatus.PREPARING)
    assert project.submitted_on is None


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"eu_grant_applied": Decimal("600000")},
            {"eu_grant_applied": ["EU-stödet kan inte vara större än den totala budgeten."]},
        ),
        (
            {"total_budget": Decimal("-1")},
            {"total_budget": ["Beloppet kan inte vara negativt."]},
        ),
        (
            {"own_hours": Decimal("-5")},
            {"own_hours": ["Timmarna kan inte vara negativa."]},
        ),
        (
            {"own_cofinancing": Decimal("150000")},
            {
                "own_cofinancing": [
                    "EU-stödet och den egna medfinansieringen är tillsammans större än den "
                    "totala budgeten."
                ]
            },
        ),
        (
            {"currency": "NOK"},
            {"currency": ["Värdet 'NOK' är inget giltigt alternativ."]},
        ),
        (
            {"exchange_rate": None},
            {
                "exchange_rate": [
                    "Ange växelkursen som budgeten bygger på, så att den kan visas i både "
                    "kronor och euro."
                ]
            },
        ),
        (
            {"starts": dt.date(2027, 1, 1), "ends": dt.date(2026, 1, 1)},
            {"ends": ["Projektet kan inte sluta innan det börjar."]},
        ),
        (
            {"municipality_leads": False},
            {"lead_partner": ["Ange projektägaren, eller kryssa i att kommunen leder projektet."]},
        ),
    ],
)
def test_bad_input_is_an_error_on_the_field_and_nothing_is_saved(project, people, changes, errors):
    with pytest.raises(ValidationError) as caught:
        project_update(project=project, user=people["officer"], changes=changes)
    assert _errors(caught) == errors
    project.refresh_from_db()
    assert project.total_budget == Decimal("500000")


def test_amounts_in_both_currencies(project):
    assert project.in_currency(Decimal("400000"), "SEK") == Decimal("4480000.00")
    assert project.in_currency(Decimal("400000"), "EUR") == Decimal("400000")
    assert project.in_currency(Decimal("1120"), "EUR", source="SEK") == Decimal("100.00")
    assert project.in_currency(None, "SEK") is None


def test_partner_shares_cannot_exceed_what_the_budget_leaves(project, people):
    officer = people["officer"]
    record_save(
        model=ProjectPartner,
        project=project,
        user=officer,
        name="Riga",
        budget_share=Decimal("60000"),
    )
    with pytest.raises(ValidationError) as caught:
        record_save(
            model=ProjectPartner,
            project=project,
            user=officer,
            name="Tartu",
            budget_share=Decimal("40001"),
        )
    assert list(_errors(caught)) == ["budget_share"]
    record_save(
        model=ProjectPartner,
        project=project,
        user=officer,
        name="Tartu",
        budget_share=Decimal("40000"),
    )
    assert project.partners.count() == 2


def test_without_the_relations_register_a_partner_cannot_be_linked(project, people, monkeypatch):
    from omvarld.funding import relations

    monkeypatch.setattr(relations, "installed", lambda: False)
    assert relations.partner_choices() == []
    assert relations.partner_summaries([7]) == {}
    with pytest.raises(ValidationError) as caught:
        record_save(
            model=ProjectPartner, project=project, user=people["officer"], relations_partner_id=7
        )
    assert _errors(caught) == {
        "relations_partner_id": ["Relationsregistret är inte installerat här."]
    }


def test_periods_and_claims_refuse_impossible_dates_and_half_payments(project, people):
    officer = people["officer"]
    with pytest.raises(ValidationError) as caught:
        record_save(
            model=ReportingPeriod,
            project=project,
            user=officer,
            starts=dt.date(2027, 7, 1),
            ends=dt.date(2027, 1, 1),
            report_due=dt.date(2027, 8, 31),
        )
    assert _errors(caught) == {"ends": ["Perioden kan inte sluta innan den börjar."]}
    other = ProjectFactory()
    foreign = ReportingPeriod.objects.create(
        project=other,
        starts=dt.date(2027, 1, 1),
        ends=dt.date(2027, 6, 30),
        report_due=dt.date(2027, 8, 31),
    )
    with pytest.raises(ValidationError) as caught:
        record_save(
            model=PaymentClaim,
            project=project,
            user=officer,
            due=dt.date(2027, 9, 30),
            period=foreign,
            amount_received=Decimal("100"),
        )
    assert _errors(caught) == {
        "received_on": ["Ange dagen då utbetalningen kom in."],
        "period": ["Rapportperioden hör till ett annat projekt."],
    }
    claim = record_save(model=PaymentClaim, project=project, user=officer, due=dt.date(2027, 9, 30))
    # A claim of another project cannot be changed through this one.
    with pytest.raises(PermissionDenied):
        record_save(model=PaymentClaim, project=other, user=people["coordinator"], instance=claim)
    record_delete(record=claim, user=officer)
    assert not PaymentClaim.objects.exists()


def test_documents_are_kept_under_their_checksum(project, people):
    import hashlib

    upload = SimpleUploadedFile("beslut.pdf", PDF, content_type="application/pdf")
    document = document_add(
        project=project,
        user=people["officer"],
        upload=upload,
        title="Beslut",
        kind_of_document="decision",
    )
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.file.name == f"funding/{document.sha256[:2]}/{document.sha256}.pdf"
    assert document.file.read() == PDF
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        document_add(
            project=project,
            user=people["officer"],
            upload=fake,
            title="X",
            kind_of_document="other",
        )
    assert list(_errors(caught)) == ["file"]
    with pytest.raises(PermissionDenied):
        document_add(
            project=project,
            user=people["other"],
            upload=upload,
            title="X",
            kind_of_document="other",
        )
    record_delete(record=document, user=people["officer"])
    assert not ProjectDocument.objects.exists()


def test_a_coordinator_deletes_a_project(project, people):
    project_delete(project=project, user=people["coordinator"])
    assert not Project.objects.exists()


def test_a_partner_of_the_relations_register_takes_its_name_and_country_from_there(
    project, people, bodies
):
    from omvarld.relations.services import partner_get_or_create

    tampere, _created = partner_get_or_create(
        user=people["coordinator"],
        name="Tampere",
        name_sv="Tammerfors",
        country="FI",
        kind="municipality",
    )
    partner = record_save(
        model=ProjectPartner,
        project=project,
        user=people["officer"],
        relations_partner_id=tampere.id,
        role="partner",
        budget_share=Decimal("20000"),
    )
    assert (partner.name, partner.country) == (tampere.display_name, "Finland")
    with pytest.raises(ValidationError) as caught:
        record_save(
            model=ProjectPartner,
            project=project,
            user=people["officer"],
            relations_partner_id=999999,
        )
    assert _errors(caught) == {
        "relations_partner_id": ["Det finns ingen sådan partner i relationsregistret."]
    }
