"""Contact persons: roles over time, the missing-contact flags, GDPR export and erasure, access."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hcs.audit.models import AuditEntry
from hcs.contacts.gdpr import contact_person_erase, contact_person_export
from hcs.contacts.models import ContactPerson, ContactRole
from hcs.contacts.queries import members_missing_contacts
from hcs.contacts.services import (
    contact_person_create,
    contact_person_update,
    contact_role_add,
    contact_role_update,
)
from hcs.lib.gdpr import ERASED
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def falun(demo):
    return Organisation.objects.get(code="2080")


def _politician(organisation, party="S"):
    return contact_person_create(
        organisation=organisation,
        name="Kim Provare",
        email="kim.provare@example.org",
        phone="070-000 00 00",
        party=party,
        actor="test",
    )


def _gaps():
    return {gap.organisation.code: gap for gap in members_missing_contacts(TODAY)}


def test_a_member_without_a_current_political_contact_is_flagged(demo):
    gap = _gaps()["25"]  # Region Norrbotten has only an administrative contact
    assert not gap.has_political and gap.has_administrative
    assert gap.missing == ["Politisk kontaktperson"]


def test_a_member_without_an_administrative_contact_is_flagged(demo):
    assert not _gaps()["1470"].has_administrative  # Vara


def test_members_with_both_contacts_are_not_flagged(demo):
    assert "2080" not in _gaps()


def test_a_role_that_has_ended_no_longer_counts(falun):
    role = ContactRole.objects.get(person__organisation=falun, kind="political")
    contact_role_update(role=role, end_date=TODAY - timedelta(days=1), actor="test")
    assert not _gaps()["2080"].has_political


def test_an_erased_person_no_longer_counts_as_a_contact(falun):
    person = ContactPerson.objects.get(organisation=falun, roles__kind="administrative")
    contact_person_erase(person=person, actor="test")
    assert not _gaps()["2080"].has_administrative


def test_a_political_contact_needs_a_party(falun):
    person = _politician(falun, party="")
    with pytest.raises(ValidationError) as refused:
        contact_role_add(person=person, kind="political", start_date=TODAY, actor="test")
    assert "party" in refused.value.message_dict
    assert not person.roles.exists()


def test_an_administrative_contact_needs_a_title(falun):
    person = _politician(falun)
    with pytest.raises(ValidationError):
        contact_role_add(person=person, kind="administrative", start_date=TODAY, actor="test")
    assert not person.roles.exists()


def test_the_same_role_cannot_overlap_itself(falun):
    person = _politician(falun)
    contact_role_add(person=person, kind="political", start_date=date(2024, 1, 1), actor="test")
    with pytest.raises(ValidationError):
        contact_role_add(person=person, kind="political", start_date=date(2025, 1, 1), actor="test")
    assert person.roles.count() == 1


def test_an_invalid_email_is_refused_and_nothing_is_saved(falun):
    count = ContactPerson.objects.count()
    with pytest.raises(ValidationError) as refused:
        contact_person_create(organisation=falun, name="X", email="not-an-address", actor="t")
    assert "email" in refused.value.message_dict
    assert ContactPerson.objects.count() == count


def test_every_change_to_a_person_is_in_the_audit_trail(falun, coordinator):
    person = _politician(falun)
    contact_person_update(person=person, actor=coordinator, phone="070-111 11 11")
    entry = AuditEntry.objects.filter(object_id=str(person.pk), action="update").latest("at")
    assert entry.actor == coordinator
    assert entry.changes == {"phone": ["070-000 00 00", "070-111 11 11"]}


def test_export_gives_everything_held_about_the_person(falun, coordinator):
    person = _politician(falun)
    contact_role_add(person=person, kind="political", start_date=date(2024, 1, 1), actor="test")
    data = contact_person_export(person=person, actor=coordinator)
    assert data["person"]["email"] == "kim.provare@example.org"
    assert data["person"]["organisation"] == "Falun"
    assert data["roles"] == [{"role": "political", "from": "2024-01-01", "until": ""}]
    assert data["history"][0]["action"] == "create"
    assert AuditEntry.objects.filter(object_id=str(person.pk), action="export").exists()


def test_erasure_removes_personal_data_everywhere_but_keeps_the_role_history(falun, coordinator):
    person = _politician(falun)
    contact_role_add(person=person, kind="political", start_date=date(2024, 1, 1), actor="test")
    contact_person_erase(person=person, actor=coordinator)
    person.refresh_from_db()
    assert (person.name, person.email, person.phone, person.party) == (ERASED, "", "", "")
    assert person.erased_at is not None
    assert person.roles.count() == 1
    trail = AuditEntry.objects.filter(content_type__model="contactperson", object_id=str(person.pk))
    text = str(list(trail.values_list("changes", "object_repr")))
    assert "kim.provare" not in text and "Kim Provare" not in text and "070-000" not in text
    assert trail.filter(action="erase", actor=coordinator).exists()


def test_an_erasure_dry_run_changes_nothing(falun):
    person = _politician(falun)
    entries = AuditEntry.objects.count()
    summary = contact_person_erase(person=person, actor="test", dry_run=True)
    assert set(summary["fields"]) == {"name", "email", "phone", "party"}
    person.refresh_from_db()
    assert person.name == "Kim Provare"
    assert AuditEntry.objects.count() == entries


def test_a_person_cannot_be_erased_twice(falun):
    person = _politician(falun)
    contact_person_erase(person=person, actor="test")
    with pytest.raises(ValidationError):
        contact_person_erase(person=person, actor="test")


# Access: personal data is for the secretariat only.


def test_anonymous_visitors_cannot_see_contact_persons(client, demo):
    response = client.get("/admin/contacts/contactperson/")
    assert response.status_code == 302
    assert "@example.org" not in response.content.decode()


def test_staff_without_the_permission_cannot_see_contact_persons(
    client, demo, staff_without_rights
):
    client.force_login(staff_without_rights)
    assert client.get("/admin/contacts/contactperson/").status_code == 403
    person = ContactPerson.objects.first()
    assert client.get(f"/kansli/kontaktpersoner/{person.pk}/export/").status_code == 403
    dashboard = client.get("/kansli/")
    assert dashboard.status_code == 403  # staff without any permission is not the secretariat
    assert "@example.org" not in dashboard.content.decode()


def test_members_who_are_not_staff_cannot_see_contact_persons(client, demo, outsider):
    client.force_login(outsider)
    assert client.get("/admin/contacts/contactperson/").status_code == 302
    assert client.get("/kansli/").status_code == 403


def test_the_secretariat_sees_the_flags_on_its_dashboard(coordinator_client, demo):
    page = coordinator_client.get("/kansli/").content.decode()
    assert "Region Norrbotten" in page and "Vara" in page


def test_the_secretariat_downloads_a_persons_data(coordinator_client, falun):
    person = ContactPerson.objects.filter(organisation=falun).first()
    response = coordinator_client.get(f"/kansli/kontaktpersoner/{person.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response.json()["person"]["email"] == person.email


def test_the_secretariat_erases_a_person_after_seeing_what_goes(coordinator_client, falun):
    person = ContactPerson.objects.filter(organisation=falun).first()
    preview = coordinator_client.get(f"/kansli/kontaktpersoner/{person.pk}/radera/")
    assert person.name in preview.content.decode()
    person.refresh_from_db()
    assert person.erased_at is None
    coordinator_client.post(f"/kansli/kontaktpersoner/{person.pk}/radera/")
    person.refresh_from_db()
    assert person.erased_at is not None


def test_creating_a_contact_in_the_back_office_goes_through_the_services(
    coordinator_client, falun, coordinator
):
    response = coordinator_client.post(
        "/admin/contacts/contactperson/add/",
        {
            "organisation": falun.pk,
            "name": "Alex Exempel",
            "email": "alex@example.org",
            "phone": "",
            "title": "Folkhälsostrateg",
            "party": "",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
            "roles-0-kind": "administrative",
            "roles-0-start_date": "2025-01-01",
            "roles-0-end_date": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = ContactPerson.objects.get(email="alex@example.org")
    assert person.roles.get().kind == "administrative"
    assert (
        AuditEntry.objects.filter(
            object_id=str(person.pk), content_type__model="contactperson", actor=coordinator
        ).count()
        == 2
    )


def test_a_political_role_without_a_party_is_refused_in_the_back_office(coordinator_client, falun):
    count = ContactPerson.objects.count()
    response = coordinator_client.post(
        "/admin/contacts/contactperson/add/",
        {
            "organisation": falun.pk,
            "name": "Alex Exempel",
            "email": "alex@example.org",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
            "roles-0-kind": "political",
            "roles-0-start_date": "2025-01-01",
        },
    )
    assert response.status_code == 200
    assert "Ange parti" in response.content.decode()
    assert ContactPerson.objects.count() == count
