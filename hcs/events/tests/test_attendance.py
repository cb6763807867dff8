"""After an event: attendance marked by the secretariat; before it: a member's contact registers
several people at once; members' events are seen by members."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from hcs.accounts.testing import member_contact_user
from hcs.events.models import Event, Registration
from hcs.events.services import (
    Person,
    attendance_mark,
    attendee_add,
    registration_create,
    registrations_create_many,
)
from hcs.organisations.models import Organisation

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _event(days: int, **fields) -> Event:
    return Event.objects.create(
        title="Höstmöte",
        kind=Event.Kind.AUTUMN_MEETING,
        audience=Event.Audience.MEMBERS,
        starts=NOW + timedelta(days=days),
        ends=NOW + timedelta(days=days, hours=6),
        **fields,
    )


@pytest.fixture
def lulea(demo):
    return Organisation.objects.get(code="2580")


@pytest.fixture
def member_client(lulea):
    user = member_contact_user(lulea, "lulea", email="kontakt@example.org")
    client = Client()
    client.force_login(user)
    return client


def test_attendance_is_marked_after_the_event(lulea):
    event = _event(-1)
    taken = attendee_add(
        event=event,
        person=Person("Anna Berg", "anna@example.org", "politician"),
        organisation=lulea,
        actor="test",
    )
    assert taken.attended is True and taken.status == "confirmed"
    changed = attendance_mark(event=event, attended={taken.pk: False}, actor="test")
    assert changed == 1
    taken.refresh_from_db()
    assert taken.attended is False


def test_attendance_cannot_be_marked_before_the_event(lulea):
    event = _event(3)
    registration = registration_create(
        event=event, name="Bo Ek", email="bo@example.org", role="official", organisation=lulea
    ).registration
    with pytest.raises(ValidationError):
        attendance_mark(event=event, attended={registration.pk: True}, actor="test")
    registration.refresh_from_db()
    assert registration.attended is None


def test_marking_a_registration_of_another_event_changes_nothing(lulea):
    event, other = _event(-1), _event(-2)
    mine = attendee_add(
        event=event, person=Person("A", "a@example.org", "official"), organisation=lulea, actor="t"
    )
    theirs = attendee_add(
        event=other, person=Person("B", "b@example.org", "official"), organisation=lulea, actor="t"
    )
    with pytest.raises(ValidationError):
        attendance_mark(event=event, attended={mine.pk: False, theirs.pk: False}, actor="t")
    mine.refresh_from_db()
    assert mine.attended is True


def test_the_participant_count_is_kept_unless_given(lulea):
    event = _event(-1, participant_count=75)
    attendance_mark(event=event, attended={}, actor="t")
    event.refresh_from_db()
    assert event.participant_count == 75
    attendance_mark(event=event, attended={}, participant_count=80, actor="t")
    event.refresh_from_db()
    assert event.participant_count == 80


def test_a_contact_registers_several_people_all_or_nothing(lulea):
    event = _event(10, capacity=2)
    people = [Person(f"P {n}", f"p{n}@example.org", "official") for n in range(3)]
    results = registrations_create_many(
        event=event, people=people, organisation=lulea, registered_by="lulea"
    )
    assert [r.registration.status for r in results] == ["confirmed", "confirmed", "waitlisted"]
    again = [
        Person("Ny", "ny@example.org", "official"),
        Person("P 0", "p0@example.org", "official"),
    ]
    with pytest.raises(ValidationError):
        registrations_create_many(
            event=event, people=again, organisation=lulea, registered_by="lulea"
        )
    assert not Registration.objects.filter(email="ny@example.org").exists()


def test_the_same_address_twice_in_one_go_is_refused(lulea):
    event = _event(10)
    twice = [Person("A", "a@example.org", "official"), Person("B", "A@example.org", "official")]
    with pytest.raises(ValidationError):
        registrations_create_many(event=event, people=twice, organisation=lulea, registered_by="x")
    assert event.registrations.count() == 0


def test_members_see_members_events_and_the_public_does_not(member_client):
    event = _event(10)
    assert Client().get(f"/kalender/{event.pk}/").status_code == 404
    page = member_client.get(f"/kalender/{event.pk}/")
    assert page.status_code == 200
    assert "anmal-flera" in page.content.decode()


def test_the_register_several_page(member_client):
    event = _event(10)
    url = f"/kalender/{event.pk}/anmal-flera/"
    data = {"form-TOTAL_FORMS": "5", "form-INITIAL_FORMS": "0"}
    data |= {"form-0-name": "Anna", "form-0-email": "anna@example.org", "form-0-role": "official"}
    data |= {"form-1-name": "Bo", "form-1-email": "bo@example.org", "form-1-role": "politician"}
    assert member_client.post(url, data).status_code == 302
    assert set(event.registrations.values_list("organisation__code", flat=True)) == {"2580"}
    assert event.registrations.count() == 2
    bad = data | {"form-1-email": "inte-en-adress"}
    assert member_client.post(url, bad).status_code == 400
    assert event.registrations.count() == 2


def test_the_attendance_page_marks_and_adds(lulea, coordinator_client):
    event = _event(-1)
    taken = attendee_add(
        event=event, person=Person("A", "a@example.org", "official"), organisation=lulea, actor="t"
    )
    url = f"/kansli/evenemang/{event.pk}/narvaro/"
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url, {"action": "mark", f"attended-{taken.pk}": "no", "participant_count": "12"}
    )
    assert response.status_code == 302
    taken.refresh_from_db()
    event.refresh_from_db()
    assert taken.attended is False and event.participant_count == 12
    response = coordinator_client.post(
        url,
        {
            "action": "add",
            "name": "Cecilia",
            "email": "c@example.org",
            "organisation": lulea.pk,
            "role": "politician",
        },
    )
    assert response.status_code == 302
    assert event.registrations.filter(email="c@example.org", attended=True).exists()
    refused = coordinator_client.post(url, {"action": "mark", "participant_count": "många"})
    assert refused.status_code == 400
    event.refresh_from_db()
    assert event.participant_count == 12


def test_the_event_admin_opens_for_the_coordinator(demo, coordinator_client):
    assert coordinator_client.get("/admin/events/event/").status_code == 200
    event = Event.objects.first()
    assert coordinator_client.get(f"/admin/events/event/{event.pk}/change/").status_code == 200


def test_blank_rows_of_the_register_several_page_are_skipped(member_client):
    """The page says empty rows are ignored: a row left blank (its select still holds a
    value) is not refused, also when it is the first."""
    event = _event(10)
    url = f"/kalender/{event.pk}/anmal-flera/"
    data = {"form-TOTAL_FORMS": "6", "form-INITIAL_FORMS": "0"}
    data |= {f"form-{n}-role": "politician" for n in range(6)}
    data |= {"form-2-name": "Anna", "form-2-email": "anna@example.org", "form-2-role": "official"}
    response = member_client.post(url, data)
    assert response.status_code == 302
    assert list(event.registrations.values_list("email", flat=True)) == ["anna@example.org"]


def test_all_rows_blank_asks_for_one_participant(member_client):
    event = _event(10)
    url = f"/kalender/{event.pk}/anmal-flera/"
    data = {"form-TOTAL_FORMS": "6", "form-INITIAL_FORMS": "0"}
    response = member_client.post(url, data)
    assert response.status_code == 400
    assert "minst en" in response.content.decode()
    assert not event.registrations.exists()


@pytest.mark.parametrize("count", ["²", "4²", "-1", "1e3", "10000000000000000000000"])
def test_an_unreadable_participant_count_is_refused_and_nothing_changes(
    lulea, coordinator_client, count
):
    event = _event(-1, participant_count=12)
    response = coordinator_client.post(
        f"/kansli/evenemang/{event.pk}/narvaro/", {"action": "mark", "participant_count": count}
    )
    assert response.status_code == 400
    assert "heltal" in response.content.decode()
    event.refresh_from_db()
    assert event.participant_count == 12
