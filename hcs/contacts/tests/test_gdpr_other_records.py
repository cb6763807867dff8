"""A person's data in the other records (event registrations, groups, reminders, e-mails, the
audit trail, the admin's log, a login) is found by their e-mail address, and by their name
within their organisation: exported with them and erased with them."""

import pytest
from django.contrib.admin.models import LogEntry

from hcs.audit.models import AuditEntry
from hcs.contacts.gdpr import contact_person_erase, contact_person_export
from hcs.contacts.models import ContactPerson
from hcs.events.models import Registration
from hcs.lib.gdpr import ERASED

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
    assert Registration.objects.filter(name=ERASED, attended=True).count() == attended
    trail = AuditEntry.objects.filter(content_type__model="registration")
    assert not [
        entry for entry in trail if email in str(entry.changes) or name in entry.object_repr
    ]


def test_erasure_reaches_a_registration_under_another_address(demo_2024):
    person = _attending_person()
    event = Registration.objects.filter(email=person.email).first().event
    other = Registration.objects.create(
        event=event,
        name=person.name.upper(),
        email="privat.adress@example.net",
        organisation=person.organisation,
        role="official",
        status="confirmed",
    )
    stranger = Registration.objects.create(
        event=event,
        name=person.name,
        email="namne@example.net",
        organisation=None,
        organisation_name="Ett annat företag",
        role="external",
        status="confirmed",
    )
    contact_person_erase(person=person, actor="test")
    other.refresh_from_db()
    stranger.refresh_from_db()
    assert (other.name, other.email) == (ERASED, f"raderad-{other.pk}@example.invalid")
    # Someone of the same name in another organisation is not the person.
    assert (stranger.name, stranger.email) == (person.name, "namne@example.net")


def test_erasure_reaches_the_admins_log_and_recent_actions(demo_2024, coordinator_client):
    person = _attending_person()
    name = person.name
    response = coordinator_client.post(
        f"/admin/contacts/contactperson/{person.pk}/change/",
        {
            "organisation": person.organisation_id,
            "name": name,
            "email": person.email,
            "phone": "070-123 45 67",
            "title": person.title,
            "party": person.party,
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    assert LogEntry.objects.filter(object_repr__contains=name).exists()
    assert name in coordinator_client.get("/admin/").content.decode()  # "Recent actions"
    preview = contact_person_erase(person=person, actor="test", dry_run=True)
    assert preview["admin_log_entries"] >= 1
    contact_person_erase(person=person, actor="test")
    assert not LogEntry.objects.filter(object_repr__icontains=name).exists()
    assert not LogEntry.objects.filter(change_message__icontains=name).exists()
    assert name not in coordinator_client.get("/admin/").content.decode()


def test_erasure_reaches_the_emails_sent_to_the_person(demo_2024):
    from hcs.mail.models import OutgoingEmail
    from hcs.mail.services import email_queue

    person = _attending_person()
    email = email_queue(
        to=[person.email, "annan@example.org"],
        subject="Påminnelse",
        body=f"Hej {person.name}!",
        purpose="test",
    )
    data = contact_person_export(person=person, actor="test")
    assert [e["subject"] for e in data["emails"]] == ["Påminnelse"]
    contact_person_erase(person=person, actor="test")
    email = OutgoingEmail.objects.get(pk=email.pk)
    assert email.recipients == [ERASED, "annan@example.org"]
    assert person.name not in email.body


def test_no_trace_of_the_name_or_address_is_left_in_the_audit_trail(demo_2024):
    person = _attending_person()
    name, address = person.name, person.email
    contact_person_erase(person=person, actor="test")
    for entry in AuditEntry.objects.all():
        text = f"{entry.object_repr} {entry.actor_name} {entry.message} {entry.changes}".lower()
        assert name.lower() not in text and address.lower() not in text, entry.pk


def test_erasure_leaves_a_longer_name_that_begins_the_same_alone(demo_2024, coordinator):
    """Erasing "Eva Ek" must not make "Eva Eklund" unreadable in the admin's log."""
    from django.contrib.admin.models import CHANGE
    from django.contrib.contenttypes.models import ContentType

    from hcs.organisations.models import Organisation

    person = _attending_person()
    longer = f"{person.name}sson"
    entry = LogEntry.objects.create(
        user=coordinator,
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=str(person.organisation_id),
        object_repr=str(person.organisation),
        action_flag=CHANGE,
        change_message=f"Kontakt {person.name} ersatt av {longer}",
    )
    contact_person_erase(person=person, actor="test")
    entry.refresh_from_db()
    assert entry.change_message == f"Kontakt {ERASED} ersatt av {longer}"


def test_erasure_follows_the_person_to_their_other_address(demo_2024):
    """Registered under a private address: the e-mails and the login under that address are
    theirs too."""
    from django.contrib.auth import get_user_model

    from hcs.mail.models import OutgoingEmail
    from hcs.mail.services import email_queue

    person = _attending_person()
    private = "privat.adress@example.net"
    event = Registration.objects.filter(email=person.email).first().event
    Registration.objects.create(
        event=event,
        name=person.name,
        email=private,
        organisation=person.organisation,
        role="official",
        status="confirmed",
    )
    email = email_queue(to=[private], subject="Bekräftelse", body="Välkommen!", purpose="test")
    login = get_user_model().objects.create_user("privat", private, "pw")
    data = contact_person_export(person=person, actor="test")
    assert "Bekräftelse" in [e["subject"] for e in data["emails"]]
    assert "privat" in [u["username"] for u in data["logins"]]
    contact_person_erase(person=person, actor="test")
    assert OutgoingEmail.objects.get(pk=email.pk).recipients == [ERASED]
    login.refresh_from_db()
    assert login.username == f"raderad-{login.pk}" and not login.is_active
    assert private not in login.email


def test_erasing_a_login_erases_what_it_did_not_the_word_its_user_name_is(demo_2024):
    """A login called "lund": the trail of what it did loses its name, and "Lund" in other
    people's records stays."""
    from django.contrib.auth import get_user_model

    from hcs.audit.services import audit_record

    person = _attending_person()
    login = get_user_model().objects.create_user("lund", person.email, "pw")
    by_them = audit_record(actor=login, action=AuditEntry.Action.UPDATE, obj=person.organisation)
    other = audit_record(
        actor="koordinator",
        action=AuditEntry.Action.UPDATE,
        obj=person.organisation,
        message="Faktura till Lund kommun",
    )
    contact_person_erase(person=person, actor="test")
    by_them.refresh_from_db()
    other.refresh_from_db()
    assert by_them.actor_name == ERASED
    assert other.message == "Faktura till Lund kommun"
