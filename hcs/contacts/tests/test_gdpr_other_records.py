"""A person's data in the other records (event registrations, groups, reminders) is found by
their e-mail address: exported with them and erased with them."""

import pytest

from hcs.audit.models import AuditEntry
from hcs.contacts.models import ContactPerson
from hcs.contacts.services import contact_person_erase, contact_person_export
from hcs.events.models import Registration

pytestmark = pytest.mark.django_db


def _attending_person():
    email = Registration.objects.filter(attended=True).values_list("email", flat=True).first()
    return ContactPerson.objects.get(email=email)


def test_the_export_holds_the_persons_registrations(demo_2024):
    person = _attending_person()
    data = contact_person_export(person=person, actor="test")
    assert data["event_registrations"]
    assert all(item["email"] == person.email for item in data["event_registrations"])
    assert "groups" in data and "reminders" in data


def test_erasure_removes_name_and_address_from_registrations_but_keeps_attendance(demo_2024):
    person = _attending_person()
    email, name = person.email, person.name
    attended = Registration.objects.filter(email=email, attended=True).count()
    preview = contact_person_erase(person=person, actor="test", dry_run=True)
    assert preview["event_registrations"] == Registration.objects.filter(email=email).count()
    assert Registration.objects.filter(email=email).exists()  # a preview changes nothing
    contact_person_erase(person=person, actor="test")
    assert not Registration.objects.filter(email__iexact=email).exists()
    assert not Registration.objects.filter(name=name).exists()
    assert Registration.objects.filter(name="(raderad)", attended=True).count() == attended
    trail = AuditEntry.objects.filter(content_type__model="registration")
    assert not [
        entry for entry in trail if email in str(entry.changes) or name in entry.object_repr
    ]
