"""An organisation on one page: what the secretariat sees of Luleå, and the writes made there
(a joining decision recorded afterwards, a contact replaced, a role ended), and the search."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hcs.audit.models import AuditEntry
from hcs.contacts.models import ContactPerson, ContactRole
from hcs.memberships.models import Membership

LULEA = "2580"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_page_shows_everything_about_the_member(demo_2024, coordinator_client):
    page = coordinator_client.get(f"/kansli/organisationer/{LULEA}/").content.decode()
    assert "<h1>Luleå</h1>" in page
    for heading in ("Medlemskap", "Kontaktpersoner", "Fakturor", "Anmälningar och närvaro"):
        assert heading in page
    person = ContactPerson.objects.filter(organisation__code=LULEA).first()
    assert person.name in page


def test_a_joining_decision_is_recorded_afterwards_with_its_pdf(demo_2024, coordinator_client):
    membership = Membership.objects.filter(join_decision_date__isnull=True).first()
    if membership is None:
        pytest.skip("every demo membership has its joining decision")
    prefix = f"decision-{membership.pk}"
    response = coordinator_client.post(
        f"/kansli/medlemskap/{membership.pk}/intradesbeslut/",
        {
            f"{prefix}-body": "Kommunstyrelsen",
            f"{prefix}-date": "2019-05-06",
            f"{prefix}-paragraph": "§ 12",
            f"{prefix}-document": SimpleUploadedFile("beslut.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.join_decision_body == "Kommunstyrelsen"
    assert membership.join_decision_document.name.endswith(".pdf")


def test_a_file_that_is_not_a_pdf_is_refused(demo_2024, coordinator_client):
    membership = Membership.objects.filter(organisation__code=LULEA).first()
    prefix = f"decision-{membership.pk}"
    before = (membership.join_decision_body, membership.join_decision_date)
    response = coordinator_client.post(
        f"/kansli/medlemskap/{membership.pk}/intradesbeslut/",
        {
            f"{prefix}-body": "Kommunstyrelsen",
            f"{prefix}-date": "2019-05-06",
            f"{prefix}-document": SimpleUploadedFile("beslut.pdf", b"MZ\x90", "application/pdf"),
        },
        follow=True,
    )
    assert "inte ett PDF-dokument" in response.content.decode()
    membership.refresh_from_db()
    assert (membership.join_decision_body, membership.join_decision_date) == before


def test_a_contact_is_replaced_and_the_old_role_ends_the_day_before(demo_2024, coordinator_client):
    role = ContactRole.objects.filter(
        person__organisation__code=LULEA, kind="administrative", end_date=None
    ).first()
    prefix = f"replace-{role.pk}"
    response = coordinator_client.post(
        f"/kansli/organisationer/{LULEA}/",
        {
            "form": prefix,
            f"{prefix}-kind": "administrative",
            f"{prefix}-name": "Nora Nyström",
            f"{prefix}-email": "nora.nystrom@example.org",
            f"{prefix}-title": "Folkhälsostrateg",
            f"{prefix}-start_date": "2025-02-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    role.refresh_from_db()
    assert role.end_date == date(2025, 1, 31)
    new = ContactRole.objects.get(person__name="Nora Nyström")
    assert (new.kind, new.start_date, new.end_date) == ("administrative", date(2025, 2, 1), None)


def test_an_official_without_a_title_is_refused_and_nothing_changes(demo_2024, coordinator_client):
    people = ContactPerson.objects.count()
    audit = AuditEntry.objects.count()
    response = coordinator_client.post(
        f"/kansli/organisationer/{LULEA}/",
        {
            "form": "contact",
            "contact-kind": "administrative",
            "contact-name": "Utan Titel",
            "contact-start_date": "2025-02-01",
        },
    )
    assert response.status_code == 400
    assert "Ange titel för en administrativ kontaktperson" in response.content.decode()
    assert (ContactPerson.objects.count(), AuditEntry.objects.count()) == (people, audit)


def test_a_role_is_ended(demo_2024, coordinator_client):
    role = ContactRole.objects.filter(person__organisation__code=LULEA, end_date=None).first()
    coordinator_client.post(
        f"/kansli/kontaktroller/{role.pk}/avsluta/", {f"end-{role.pk}-end_date": "2026-06-30"}
    )
    role.refresh_from_db()
    assert role.end_date == date(2026, 6, 30)


def test_search_finds_organisations_people_and_events(demo_2024, coordinator_client):
    person = ContactPerson.objects.filter(organisation__code=LULEA).first()
    page = coordinator_client.get("/kansli/sok/", {"q": "Luleå"}).content.decode()
    assert f'href="/kansli/organisationer/{LULEA}/"' in page
    page = coordinator_client.get("/kansli/sok/", {"q": person.name.split()[-1]}).content.decode()
    assert person.name in page
    page = coordinator_client.get("/kansli/sok/", {"q": "Årsmöte 2024"}).content.decode()
    assert "Årsmöte 2024" in page
    assert coordinator_client.get("/kansli/sok/", {"q": "\x00"}).status_code in (200, 400)


def test_the_organisation_list_puts_members_first(demo_2024, coordinator_client):
    page = coordinator_client.get("/kansli/organisationer/").content.decode()
    assert page.index("Luleå") < page.index("Ale")
