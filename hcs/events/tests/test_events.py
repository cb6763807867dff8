"""Events: registration with a waiting list, the calendar and its iCalendar feed."""

import json
import threading
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from hcs.audit.models import AuditEntry
from hcs.events.models import Event, Registration
from hcs.events.services import registration_cancel, registration_create

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def webinar(db):
    return Event.objects.create(
        title=(
            "Webbinarium om delaktighet, barn och unga; dialoger, metoder "
            "och erfarenheter från medlemmarna"
        ),
        kind=Event.Kind.WEBINAR,
        audience=Event.Audience.PUBLIC,
        starts=NOW + timedelta(days=10),
        ends=NOW + timedelta(days=10, hours=2),
        place="Digitalt",
        capacity=2,
        registration_deadline=NOW + timedelta(days=9),
    )


def _register(event, n, **extra):
    return registration_create(
        event=event, name=f"Person {n}", email=f"person{n}@example.org", role="official", **extra
    )


def _state():
    return Registration.objects.count(), AuditEntry.objects.count()


def test_registrations_beyond_capacity_go_to_the_waiting_list_in_order(webinar):
    results = [_register(webinar, n) for n in range(4)]
    assert [r.registration.status for r in results] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "waitlisted",
    ]
    assert [r.position for r in results] == [None, None, 1, 2]


def test_a_cancellation_moves_the_first_on_the_waiting_list_up(webinar):
    first, _, third, fourth = (_register(webinar, n).registration for n in range(4))
    moved = registration_cancel(registration=first, actor="test")
    assert moved == third
    third.refresh_from_db()
    assert third.status == "confirmed"
    assert Registration.objects.filter(status="confirmed").count() == 2
    fourth.refresh_from_db()
    assert fourth.status == "waitlisted"


def test_the_same_email_cannot_register_twice(webinar):
    _register(webinar, 1)
    before = _state()
    with pytest.raises(ValidationError) as refused:
        registration_create(event=webinar, name="X", email="PERSON1@example.org", role="official")
    assert refused.value.code == "conflict"
    assert _state() == before


def test_registration_closes_at_the_deadline(webinar):
    before = _state()
    with pytest.raises(ValidationError) as refused:
        _register(webinar, 1, now=webinar.registration_deadline + timedelta(seconds=1))
    assert refused.value.code == "conflict"
    assert _state() == before


def test_a_bad_email_is_refused_and_nothing_is_stored(webinar):
    with pytest.raises(ValidationError):
        registration_create(event=webinar, name="X", email="inte-en-adress", role="official")
    assert _state() == (0, 0)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_registrations_arriving_at_the_same_moment_never_exceed_the_capacity(db):
    event = Event.objects.create(
        title="Årskonferens",
        kind=Event.Kind.ANNUAL_CONFERENCE,
        audience=Event.Audience.PUBLIC,
        starts=NOW + timedelta(days=30),
        ends=NOW + timedelta(days=31),
        capacity=10,
    )
    barrier = threading.Barrier(20)
    errors = []

    def register(n):
        try:
            barrier.wait()
            _register(event, n)
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Registration.objects.filter(status="confirmed").count() == 10
    assert Registration.objects.filter(status="waitlisted").count() == 10


def test_the_confirmation_email_carries_the_event_as_a_calendar_file(
    webinar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _register(webinar, 1)
    [message] = mail.outbox
    assert message.to == ["person1@example.org"]
    assert "anmäld" in message.subject
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["SUMMARY"]) == webinar.title


def test_the_waiting_list_email_says_the_position(webinar, django_capture_on_commit_callbacks):
    _register(webinar, 1)
    _register(webinar, 2)
    with django_capture_on_commit_callbacks(execute=True):
        _register(webinar, 3)
    assert "reservlistan" in mail.outbox[-1].subject
    assert "nummer 1" in mail.outbox[-1].body


# The public calendar


def test_the_calendar_feed_opens_in_a_calendar_application(client, demo, webinar):
    response = client.get("/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert b"\r\n" in response.content
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(response.content)
    events = {str(e["SUMMARY"]): e for e in parsed.walk("VEVENT")}
    assert webinar.title in events  # a long title with , and ; folded and escaped
    assert "Årsmöte 2024" not in events  # for members, not the public
    seminar = events["Nordiskt seminarium om Wellbeing Economy"]
    assert seminar["DTSTART"].dt.isoformat() == "2024-09-12"
    assert client.get("/api/v1/events.ics").content.count(b"BEGIN:VEVENT") == len(events)


def test_the_calendar_page_lists_public_events(client, demo, webinar):
    page = client.get("/kalender/").content.decode()
    assert webinar.title in page and "Dialoger med barn och unga" in page
    assert "Höstmöte 2024" not in page


def test_registering_on_the_event_page(client, webinar):
    response = client.post(
        f"/kalender/{webinar.pk}/",
        {"name": "Anna", "email": "anna@example.org", "role": "politician", "website": ""},
        follow=True,
    )
    assert "Du är anmäld" in response.content.decode()
    assert Registration.objects.get().role == "politician"


def test_the_honeypot_stops_a_bot_and_nothing_is_stored(client, webinar):
    response = client.post(
        f"/kalender/{webinar.pk}/",
        {"name": "Bot", "email": "bot@example.org", "role": "official", "website": "spam"},
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_a_members_event_has_no_public_page(client, demo):
    event = Event.objects.get(title="Årsmöte 2024")
    assert client.get(f"/kalender/{event.pk}/").status_code == 404


# The API


def _post(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_the_events_api_lists_the_public_events_of_a_year(client, demo):
    events = client.get("/api/v1/events?year=2024").json()
    titles = {e["title"]: e for e in events}
    assert "Årsmöte 2024" not in titles
    assert titles["Nordiskt seminarium om Wellbeing Economy"]["participants"] == 100
    assert set(events[0]) == {
        *("id", "kind", "title", "starts", "ends", "all_day", "audience", "place"),
        "participants",
    }
    webinars = client.get("/api/v1/events?year=2024&kind=webinar").json()
    assert webinars and all(e["kind"] == "webinar" for e in webinars)


def test_registering_through_the_api(client, webinar):
    url = f"/api/v1/events/{webinar.pk}/registrations"
    payload = {"name": "A", "email": "a@example.org", "organisation_code": None, "role": "official"}
    assert _post(client, url, payload).json()["status"] == "confirmed"
    _post(client, url, {**payload, "email": "b@example.org"})
    third = _post(client, url, {**payload, "email": "c@example.org"})
    assert third.status_code == 201
    assert third.json()["status"] == "waitlisted" and third.json()["position"] == 1
    duplicate = _post(client, url, payload)
    assert duplicate.status_code == 409 and "redan anmäld" in duplicate.json()["detail"]
    assert _post(client, url, {**payload, "role": "boss"}).status_code == 422
    assert _post(client, "/api/v1/events/99999/registrations", payload).status_code == 404


# The API's contract: every event the caller may see, in Swedish local time


@pytest.fixture
def board_meeting(db):
    return Event.objects.create(
        title="Styrelsemöte",
        kind=Event.Kind.BOARD_MEETING,
        audience=Event.Audience.BOARD,
        starts=NOW + timedelta(days=5),
        ends=NOW + timedelta(days=5, hours=2),
    )


@pytest.fixture
def all_day_event(db):
    stockholm = timezone.get_default_timezone()
    return Event.objects.create(
        title="Årskonferens",
        kind=Event.Kind.ANNUAL_CONFERENCE,
        audience=Event.Audience.PUBLIC,
        starts=timezone.datetime(2024, 3, 14, tzinfo=stockholm),
        ends=timezone.datetime(2024, 3, 15, 23, 59, tzinfo=stockholm),
        all_day=True,
    )


def test_the_events_api_gives_the_secretariat_every_event(
    client, api_client, board_meeting, webinar
):
    anonymous = {e["title"] for e in client.get("/api/v1/events").json()}
    assert board_meeting.title not in anonymous and webinar.title in anonymous
    staff = api_client.get("/api/v1/events")
    kinds = {e["kind"] for e in staff.json()}
    assert staff.status_code == 200 and "board_meeting" in kinds


def test_a_wrong_token_is_refused_not_read_as_anonymous(client, webinar):
    response = client.get("/api/v1/events", HTTP_AUTHORIZATION="Bearer hcs_not-a-token")
    assert response.status_code == 401


def test_the_secretariat_sees_the_board_meeting_in_the_calendar_too(
    coordinator_client, client, board_meeting
):
    assert board_meeting.title in coordinator_client.get("/kalender/").content.decode()
    assert board_meeting.title not in client.get("/kalender/").content.decode()
    assert coordinator_client.get(f"/kalender/{board_meeting.pk}/").status_code == 200


def test_event_times_are_swedish_local_time_with_their_offset(client, all_day_event):
    [event] = client.get("/api/v1/events?year=2024").json()
    assert event["starts"] == "2024-03-14T00:00:00+01:00"
    assert event["all_day"] is True


def test_an_all_day_event_is_a_date_in_the_calendar_file(client, all_day_event, webinar):
    feed = icalendar.Calendar.from_ical(client.get("/kalender.ics").content)
    events = {str(e["SUMMARY"]): e for e in feed.walk("VEVENT")}
    conference = events["Årskonferens"]
    assert conference["DTSTART"].to_ical() == b"20240314"
    assert conference["DTEND"].to_ical() == b"20240316"  # exclusive: the day after the 15th
    timed = events[webinar.title]
    assert timed["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert timed["DTSTART"].dt == webinar.starts.replace(microsecond=0)
    assert [tz["TZID"] for tz in feed.walk("VTIMEZONE")] == ["Europe/Stockholm"]


@pytest.mark.parametrize("year", ["0", "-1", "10000", "99999999999999999999", "²", "x"])
def test_a_year_out_of_range_is_a_clear_error(client, year):
    response = client.get(f"/api/v1/events?year={year}")
    assert response.status_code == 422
    assert "year" in response.json()["detail"]


def test_an_approximate_date_shows_its_own_month(client, db):
    stockholm = timezone.get_default_timezone()
    Event.objects.create(
        title="Uppföljningswebbinarium om Platskompassen",
        kind=Event.Kind.WEBINAR,
        audience=Event.Audience.PUBLIC,
        starts=timezone.datetime(2024, 12, 1, tzinfo=stockholm),
        ends=timezone.datetime(2024, 12, 1, 23, 59, tzinfo=stockholm),
        date_precision="month",
    )
    page = client.get("/kalender/").content.decode()
    assert "december 2024" in page and "november 2024" not in page


def test_public_registration_is_rate_limited_per_client(client, webinar, settings):
    settings.RATE_LIMITS = {"registration": (3, 600)}
    url = f"/api/v1/events/{webinar.pk}/registrations"
    answers = [
        _post(client, url, {"name": f"P{n}", "email": f"p{n}@example.org", "role": "official"})
        for n in range(5)
    ]
    assert [a.status_code for a in answers] == [201, 201, 201, 429, 429]
    assert int(answers[3]["Retry-After"]) > 0
    assert Registration.objects.count() == 3
    page = client.post(
        f"/kalender/{webinar.pk}/",
        {"name": "Q", "email": "q@example.org", "role": "official", "website": ""},
    )
    assert page.status_code == 429 and "Försök igen om" in page.content.decode()
    assert Registration.objects.count() == 3


def test_past_events_are_listed_newest_first(coordinator_client, demo):
    page = coordinator_client.get("/kalender/")
    past = page.context["past"]
    assert [e.starts for e in past] == sorted((e.starts for e in past), reverse=True)
