"""Events in the admin: created and edited through the service, the registrations read-only."""

import pytest

from hcs.audit.models import AuditEntry
from hcs.events.models import Event

pytestmark = pytest.mark.django_db


def _form(**fields):
    data = {
        "title": "Höstmöte 2026",
        "kind": "autumn_meeting",
        "audience": "members",
        "description": "",
        "starts_0": "2026-10-21",
        "starts_1": "09:00",
        "ends_0": "2026-10-22",
        "ends_1": "16:00",
        "date_precision": "day",
        "place": "Stockholm",
        "online_url": "",
        "organiser": "Healthy Cities Sverige",
        "capacity": "",
        "registration_deadline_0": "",
        "registration_deadline_1": "",
        "participant_count": "",
        # The read-only registrations inline still posts its management form.
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
        "registrations-MIN_NUM_FORMS": "0",
        "registrations-MAX_NUM_FORMS": "1000",
    }
    return data | fields


def test_the_coordinator_creates_an_event_in_the_admin(coordinator_client):
    response = coordinator_client.post("/admin/events/event/add/", _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(title="Höstmöte 2026")
    assert event.place == "Stockholm"
    assert AuditEntry.objects.filter(object_id=str(event.pk), action="create").exists()


def test_the_coordinator_edits_an_event_in_the_admin(coordinator_client):
    coordinator_client.post("/admin/events/event/add/", _form())
    event = Event.objects.get()
    response = coordinator_client.post(
        f"/admin/events/event/{event.pk}/change/", _form(place="Göteborg")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.place == "Göteborg"


def test_a_control_character_in_the_title_is_refused_with_the_field_named(coordinator_client):
    response = coordinator_client.post("/admin/events/event/add/", _form(title="Höst\x01möte"))
    assert response.status_code == 200
    assert "U+0001" in response.content.decode()
    assert not Event.objects.exists()
