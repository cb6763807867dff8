"""The coordinator manages memberships in the back office; the same rules hold there."""

import pytest

from hcs.audit.models import AuditEntry
from hcs.memberships.models import Membership
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _form(organisation, **fields):
    data = {
        "organisation": organisation.pk,
        "start_date": "2025-03-01",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "day",
        "join_decision_body": "Kommunstyrelsen",
        "join_decision_date": "2025-02-12",
        "join_decision_paragraph": "§ 41",
        "join_decision_registry_number": "KS 2025/0113",
        "exit_decision_body": "",
        "exit_decision_date": "",
        "exit_decision_paragraph": "",
        "exit_decision_registry_number": "",
        "note": "",
    }
    return {**data, **fields}


def test_the_coordinator_adds_a_membership_and_it_is_audited(coordinator_client, demo, coordinator):
    stockholm = Organisation.objects.get(code="0180")
    response = coordinator_client.post("/admin/memberships/membership/add/", _form(stockholm))
    assert response.status_code == 302
    membership = Membership.objects.get(organisation=stockholm)
    entry = AuditEntry.objects.get(content_type__model="membership", object_id=str(membership.pk))
    assert entry.actor == coordinator
    assert entry.changes["join_decision_registry_number"] == [None, "KS 2025/0113"]


def test_an_overlapping_membership_is_refused_with_a_swedish_message(coordinator_client, demo):
    malmo = Organisation.objects.get(code="1280")
    before = (Membership.objects.count(), AuditEntry.objects.count())
    response = coordinator_client.post(
        "/admin/memberships/membership/add/",
        _form(malmo, start_date="2024-06-01", join_decision_date="2024-05-01"),
    )
    assert response.status_code == 200
    assert "har redan ett pågående medlemskap" in response.content.decode()
    assert (Membership.objects.count(), AuditEntry.objects.count()) == before


def test_a_decision_after_the_start_is_refused_in_the_form(coordinator_client, demo):
    stockholm = Organisation.objects.get(code="0180")
    response = coordinator_client.post(
        "/admin/memberships/membership/add/", _form(stockholm, join_decision_date="2025-04-01")
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(organisation=stockholm).exists()


def test_the_coordinator_searches_and_filters_memberships(coordinator_client, demo):
    page = coordinator_client.get("/admin/memberships/membership/?q=KS-2022").content.decode()
    assert "Huddinge" in page and "Malmö" not in page
    ended = coordinator_client.get(
        "/admin/memberships/membership/?status=avslutad"
    ).content.decode()
    assert "Huddinge" in ended and "Malmö" not in ended


def test_the_coordinator_edits_an_organisations_website(coordinator_client, demo, coordinator):
    lund = Organisation.objects.get(code="1281")
    response = coordinator_client.post(
        f"/admin/organisations/organisation/{lund.pk}/change/",
        {
            "name": "Lund",
            "website": "www.lund.se",
            "org_number": "212000-1132",
            **{
                f"{inline}-{n}": v
                for inline in ("memberships", "populations")
                for n, v in [("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0)]
            },
        },
    )
    assert response.status_code == 302
    lund.refresh_from_db()
    assert lund.website == "https://www.lund.se"
    entry = AuditEntry.objects.filter(content_type__model="organisation", actor=coordinator).get()
    assert entry.changes == {"website": ["https://lund.se", "https://www.lund.se"]}


def test_the_audit_trail_shows_who_changed_what(coordinator_client, demo):
    page = coordinator_client.get("/admin/audit/auditentry/?q=Huddinge").content.decode()
    assert "load_demo" in page


def test_a_decision_pdf_is_stored_with_the_membership(coordinator_client, demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    stockholm = Organisation.objects.get(code="0180")
    pdf = SimpleUploadedFile("protokoll.pdf", b"%PDF-1.7\n%minimal\n", "application/pdf")
    response = coordinator_client.post(
        "/admin/memberships/membership/add/", {**_form(stockholm), "join_decision_document": pdf}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(organisation=stockholm)
    assert membership.join_decision.document.name.endswith(".pdf")


def test_a_document_that_is_not_a_pdf_is_refused_and_nothing_is_saved(coordinator_client, demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    stockholm = Organisation.objects.get(code="0180")
    fake = SimpleUploadedFile("protokoll.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = coordinator_client.post(
        "/admin/memberships/membership/add/", {**_form(stockholm), "join_decision_document": fake}
    )
    assert response.status_code == 200
    assert "inte ett PDF-dokument" in response.content.decode()
    assert not Membership.objects.filter(organisation=stockholm).exists()


def test_a_too_large_document_is_refused(coordinator_client, demo, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MAX_DOCUMENT_BYTES = 10
    stockholm = Organisation.objects.get(code="0180")
    big = SimpleUploadedFile("protokoll.pdf", b"%PDF-1.7\n" + b"x" * 100, "application/pdf")
    response = coordinator_client.post(
        "/admin/memberships/membership/add/", {**_form(stockholm), "join_decision_document": big}
    )
    assert response.status_code == 200
    assert "för stor" in response.content.decode()
    assert not Membership.objects.filter(organisation=stockholm).exists()
