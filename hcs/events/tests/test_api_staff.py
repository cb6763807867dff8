"""The secretariat's events API (a staff token): create and change events, the registrations
with their statuses and positions, and cancelling one (the waiting list moves up)."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from hcs.audit.models import AuditEntry
from hcs.events.models import Event, Registration
from hcs.events.services import registration_create
from hcs.groups.models import Group

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


WEBINAR = {
    "kind": "webinar",
    "title": "Webbinarium: Dialoger med barn och unga",
    "starts": "2027-01-20T13:00:00",
    "ends": "2027-01-20T14:30:00",
    "online_url": "https://meet.example.org/dialoger",
    "audience": "public",
    "capacity": 2,
    "registration_deadline": "2027-01-19T23:59:00+01:00",
    "description": "Temagruppen Delaktighet och inflytande bjuder in.",
}


def test_the_secretariat_creates_a_webinar_and_times_are_swedish(api_client):
    response = _post(api_client, "/api/v1/events", WEBINAR)
    assert response.status_code == 201, response.content
    event = Event.objects.get(pk=response.json()["id"])
    assert timezone.localtime(event.starts).isoformat() == "2027-01-20T13:00:00+01:00"
    assert (event.capacity, event.audience, event.all_day) == (2, "public", False)
    assert AuditEntry.objects.filter(object_id=str(event.pk), action="create").exists()
    listed = api_client.get("/api/v1/events?year=2027").json()
    assert [e["title"] for e in listed] == [WEBINAR["title"]]


def test_a_bad_event_is_refused_naming_every_problem_and_nothing_is_stored(api_client):
    before = Event.objects.count()
    response = _post(
        api_client,
        "/api/v1/events",
        {**WEBINAR, "kind": "party", "title": "", "capacity": 0, "audience": "everyone"},
    )
    assert response.status_code == 422
    problems = " ".join(response.json()["errors"])
    for field in ("kind", "title", "capacity", "audience"):
        assert field in problems
    ends_first = _post(api_client, "/api/v1/events", {**WEBINAR, "ends": "2027-01-20T12:00:00"})
    assert ends_first.status_code == 422
    assert "sluta innan" in ends_first.json()["detail"]
    no_group = _post(api_client, "/api/v1/events", {**WEBINAR, "audience": "group"})
    assert no_group.status_code == 422
    unknown_group = _post(
        api_client, "/api/v1/events", {**WEBINAR, "audience": "group", "group_id": 999_999}
    )
    assert unknown_group.status_code == 422
    board = _post(api_client, "/api/v1/events", {**WEBINAR, "kind": "board_meeting"})
    assert board.status_code == 422
    assert "styrelsen" in board.json()["detail"]
    assert Event.objects.count() == before


def test_a_group_event_names_its_group(api_client):
    group = Group.objects.create(
        kind=Group.Kind.THEME, name="Temagruppen Delaktighet", start_date="2024-01-01"
    )
    response = _post(
        api_client, "/api/v1/events", {**WEBINAR, "audience": "group", "group_id": group.pk}
    )
    assert response.status_code == 201
    assert Event.objects.get(pk=response.json()["id"]).group == group


def test_patch_changes_only_what_is_given(api_client):
    event_id = _post(api_client, "/api/v1/events", WEBINAR).json()["id"]
    response = _patch(api_client, f"/api/v1/events/{event_id}", {"capacity": 40, "place": "Malmö"})
    assert response.status_code == 200
    event = Event.objects.get(pk=event_id)
    assert (event.capacity, event.place, event.title) == (40, "Malmö", WEBINAR["title"])
    refused = _patch(api_client, f"/api/v1/events/{event_id}", {"title": None})
    assert refused.status_code == 422
    refused = _patch(api_client, f"/api/v1/events/{event_id}", {"ends": "2020-01-01T00:00:00"})
    assert refused.status_code == 422
    assert Event.objects.get(pk=event_id).title == WEBINAR["title"]
    assert _patch(api_client, "/api/v1/events/999999", {"place": "x"}).status_code == 404


def test_only_the_secretariat_may_write_events(staff_without_rights):
    assert _post(Client(), "/api/v1/events", WEBINAR).status_code == 401
    from hcs.accounts.services import api_token_create

    token = api_token_create(username=staff_without_rights.username)
    intern = Client(headers={"Authorization": f"Bearer {token}"})
    assert _post(intern, "/api/v1/events", WEBINAR).status_code == 403
    assert not Event.objects.exists()


@pytest.fixture
def full_webinar(api_client):
    event = Event.objects.get(pk=_post(api_client, "/api/v1/events", WEBINAR).json()["id"])
    for n in range(3):
        registration_create(
            event=event,
            name=f"Person {n}",
            email=f"person{n}@example.org",
            role="official",
            now=timezone.now() - timedelta(days=1),
        )
    return event


def test_the_registrations_with_status_and_position(api_client, full_webinar):
    response = api_client.get(f"/api/v1/events/{full_webinar.pk}/registrations")
    assert response.status_code == 200
    rows = response.json()
    assert [(r["name"], r["status"], r["position"]) for r in rows] == [
        ("Person 0", "confirmed", None),
        ("Person 1", "confirmed", None),
        ("Person 2", "waitlisted", 1),
    ]
    assert set(rows[0]) >= {"id", "name", "email", "organisation_code", "role", "status"}
    assert Client().get(f"/api/v1/events/{full_webinar.pk}/registrations").status_code == 401
    assert api_client.get("/api/v1/events/999999/registrations").status_code == 404


def test_cancelling_moves_the_first_waiting_up_and_tells_them(
    api_client, full_webinar, django_capture_on_commit_callbacks
):
    first, _second, third = full_webinar.registrations.order_by("id")
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(f"/api/v1/registrations/{first.pk}/cancel")
    assert response.status_code == 200
    assert response.json() == {"promoted": third.pk}
    assert Registration.objects.get(pk=third.pk).status == "confirmed"
    [told] = mail.outbox
    assert told.to == ["person2@example.org"]
    again = api_client.post(f"/api/v1/registrations/{first.pk}/cancel")
    assert again.status_code == 409
    waiting_none = api_client.post(f"/api/v1/registrations/{third.pk}/cancel")
    assert waiting_none.json() == {"promoted": None}
    assert api_client.post("/api/v1/registrations/999999/cancel").status_code == 404
    assert Client().post(f"/api/v1/registrations/{third.pk}/cancel").status_code == 401


@pytest.mark.parametrize(
    "starts",
    ["0639-03-30T06:19:05-16:41", "2027-01-20T13:00:00+15:00", "3000-01-01T00:00:00", "0001-01-01"],
)
def test_a_time_no_clock_shows_is_refused_not_stored(api_client, starts):
    """Found by schemathesis on PostgreSQL: a year 639 with an offset of -16:41 was a 500."""
    response = _post(api_client, "/api/v1/events", {**WEBINAR, "starts": starts})
    assert response.status_code == 422
    assert "starts" in response.json()["detail"]
    assert not Event.objects.exists()


def test_a_time_with_an_offset_is_kept_as_that_moment(api_client):
    response = _post(
        api_client,
        "/api/v1/events",
        {**WEBINAR, "starts": "2027-01-20T12:00:00Z", "ends": "2027-01-20T09:30:00-05:00"},
    )
    assert response.status_code == 201
    event = Event.objects.get()
    assert timezone.localtime(event.starts).isoformat() == "2027-01-20T13:00:00+01:00"
    assert timezone.localtime(event.ends).isoformat() == "2027-01-20T15:30:00+01:00"
