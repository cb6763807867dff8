"""Requests about personal data: recorded, open on the dashboard until handled, part of the
person's export, and kept without the name and address when the person is erased."""

from datetime import date

import pytest
from django.utils import timezone

from hcs.audit.models import AuditEntry
from hcs.backoffice.queries import todo
from hcs.contacts.gdpr import contact_person_erase, contact_person_export
from hcs.contacts.models import ContactPerson, DataRequest
from hcs.lib.gdpr import ERASED


@pytest.fixture
def person(demo_2024):
    return ContactPerson.objects.filter(erased_at__isnull=True).exclude(email="").first()


def _open(coordinator) -> int:
    items = todo(coordinator, timezone.localdate(), timezone.now())
    return next(item.count for item in items if item.key == "data_requests")


def test_a_request_is_recorded_and_handled_from_the_page(person, coordinator, coordinator_client):
    before = _open(coordinator)
    response = coordinator_client.post(
        "/kansli/personuppgifter/",
        {
            "kind": "erasure",
            "name": person.name,
            "email": person.email,
            "person": person.pk,
            "received_on": "2026-11-30",
            "details": f"{person.name} har lämnat sin tjänst och vill bli raderad.",
        },
    )
    assert response.status_code == 302
    assert _open(coordinator) == before + 1
    request = DataRequest.objects.get(person=person)
    page = coordinator_client.get("/kansli/personuppgifter/").content.decode()
    assert f'href="/kansli/kontaktpersoner/{person.pk}/radera/"' in page
    early = coordinator_client.post(
        f"/kansli/personuppgifter/{request.pk}/hanterad/",
        {f"handled-{request.pk}-handled_on": "2026-11-01", f"handled-{request.pk}-outcome": "x"},
        follow=True,
    )
    assert "innan den kom in" in early.content.decode()
    coordinator_client.post(
        f"/kansli/personuppgifter/{request.pk}/hanterad/",
        {
            f"handled-{request.pk}-handled_on": "2026-12-01",
            f"handled-{request.pk}-outcome": "Uppgifterna raderade.",
        },
    )
    request.refresh_from_db()
    assert request.handled_on == date(2026, 12, 1)
    assert _open(coordinator) == before


def test_a_bad_request_is_refused_and_nothing_stored(demo_2024, coordinator_client):
    response = coordinator_client.post(
        "/kansli/personuppgifter/", {"kind": "everything", "name": "", "received_on": "x"}
    )
    assert response.status_code == 400
    assert not DataRequest.objects.exists()


def test_the_request_is_exported_and_erased_with_the_person(person):
    DataRequest.objects.create(
        kind="access",
        name=person.name,
        email=person.email.upper(),
        received_on=date(2026, 11, 2),
        details=f"Skickat av {person.name} per e-post.",
    )
    data = contact_person_export(person=person, actor="test")
    assert [item["request"] for item in data["data_requests"]] == ["access"]
    name = person.name
    summary = contact_person_erase(person=person, actor="test")
    assert summary["data_requests"] == 1
    request = DataRequest.objects.get()
    assert (request.name, request.email) == (ERASED, "")
    assert name not in request.details
    assert not AuditEntry.objects.filter(object_repr__contains=name).exists()
