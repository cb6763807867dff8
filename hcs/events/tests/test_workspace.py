"""The secretariat's work with an event: questions, cancelling with the signed link and the
waiting list moving up (the person is told), moving up by hand, cancelling an event, copying
it, writing to its registrants and the reminder the day before."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from hcs.audit.models import AuditEntry
from hcs.events.emails import cancel_token, cancel_url, registration_of_token
from hcs.events.models import Event, EventQuestion, Registration
from hcs.events.queries import registrations_of
from hcs.events.services import (
    event_cancel,
    event_copy,
    event_questions_set,
    event_reminders_send,
    registration_cancel,
    registration_create,
    registration_promote,
    registrations_message,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_webinar(db):
    now = timezone.now()
    return Event.objects.create(
        title="Webbinarium: Platsens betydelse",
        kind=Event.Kind.WEBINAR,
        audience=Event.Audience.PUBLIC,
        starts=now + timedelta(days=10),
        ends=now + timedelta(days=10, hours=1),
        online_url="https://meet.example.org/platsen",
        capacity=2,
    )


def _register(event, n, **extra):
    return registration_create(
        event=event, name=f"Person {n}", email=f"person{n}@example.org", role="official", **extra
    )


def _link(message) -> str:
    [url] = re.findall(r"http://localhost:8000(/kalender/avboka/[^\s]+/)", message.body)
    return url


def test_the_confirmation_holds_the_online_link_and_a_cancel_link(
    small_webinar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = _register(small_webinar, 1)
    [message] = mail.outbox
    assert "https://meet.example.org/platsen" in message.body
    assert _link(message) == f"/kalender/avboka/{cancel_token(result.registration)}/"
    html = message.alternatives[0][0]
    assert cancel_url(result.registration) in html


def test_the_waiting_get_no_online_link(small_webinar, django_capture_on_commit_callbacks):
    _register(small_webinar, 1)
    _register(small_webinar, 2)
    with django_capture_on_commit_callbacks(execute=True):
        _register(small_webinar, 3)
    assert "meet.example.org" not in mail.outbox[-1].body
    assert "/kalender/avboka/" in mail.outbox[-1].body


def test_the_link_in_the_email_cancels_and_the_first_waiting_moves_up_and_is_told(
    small_webinar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _register(small_webinar, 1).registration
        _register(small_webinar, 2)
        third = _register(small_webinar, 3).registration
    link = _link(mail.outbox[0])
    client = Client()
    page = client.get(link)
    assert page.status_code == 200
    assert "Person 1" in page.content.decode()
    # Opening the link cancels nothing: a mail scanner may open it.
    assert Registration.objects.get(pk=first.pk).status == "confirmed"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, follow=True)
    assert "Din anmälan är avbokad" in response.content.decode()
    assert Registration.objects.get(pk=first.pk).status == "cancelled"
    assert Registration.objects.get(pk=third.pk).status == "confirmed"
    [told] = mail.outbox
    assert told.to == ["person3@example.org"]
    assert "Du har fått en plats" in told.subject
    assert "meet.example.org" in told.body
    # Twice is not an error, and changes nothing.
    again = client.post(link, follow=True)
    assert again.status_code == 200
    assert "redan avbokad" in again.content.decode()


def test_a_forged_or_changed_link_is_refused(small_webinar):
    registration = _register(small_webinar, 1).registration
    token = cancel_token(registration)
    other = _register(small_webinar, 2).registration
    other_token = cancel_token(other)
    # The other registration's id with this one's signature.
    forged = other_token.split(":")[0] + ":" + token.split(":")[1]
    for bad in (forged, "1", "MQ:abc:def", token[:-2] + "xx"):
        response = Client().post(f"/kalender/avboka/{bad}/")
        assert response.status_code == 404
    assert registration_of_token(token) == registration
    assert Registration.objects.filter(status="cancelled").count() == 0


def test_the_link_cannot_cancel_once_the_event_has_begun(small_webinar):
    registration = _register(small_webinar, 1).registration
    Event.objects.filter(pk=small_webinar.pk).update(starts=timezone.now() - timedelta(minutes=5))
    response = Client().post(f"/kalender/avboka/{cancel_token(registration)}/")
    assert response.status_code == 409
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_a_seat_taken_by_hand_is_not_given_twice(small_webinar, django_capture_on_commit_callbacks):
    first = _register(small_webinar, 1).registration
    _register(small_webinar, 2)
    third = _register(small_webinar, 3).registration
    fourth = _register(small_webinar, 4).registration
    with django_capture_on_commit_callbacks(execute=True):
        registration_promote(registration=fourth, actor="kansli")
    assert mail.outbox[-1].to == ["person4@example.org"]
    # Three confirmed for two seats: the next cancellation frees no seat for the third.
    assert registration_cancel(registration=first, actor="kansli") is None
    assert Registration.objects.get(pk=third.pk).status == "waitlisted"
    with pytest.raises(ValidationError, match="reservlistan"):
        registration_promote(registration=Registration.objects.get(pk=fourth.pk), actor="kansli")


def test_positions_on_the_waiting_list_follow_the_order_of_registration(small_webinar):
    for n in range(5):
        _register(small_webinar, n)
    rows = registrations_of(small_webinar)
    assert [(r.status, r.position) for r in rows] == [
        ("confirmed", None),
        ("confirmed", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
        ("waitlisted", 3),
    ]
    registration_cancel(registration=rows[3], actor="kansli")
    assert [r.position for r in registrations_of(small_webinar, ["waitlisted"])] == [1, 2]


def test_questions_are_asked_and_a_required_one_must_be_answered(small_webinar):
    event_questions_set(
        event=small_webinar,
        questions=[("Specialkost?", False), ("Vilken kommun kommer du från?", True)],
        actor="kansli",
    )
    diet, town = small_webinar.questions.all()
    before = Registration.objects.count()
    with pytest.raises(ValidationError) as refused:
        _register(small_webinar, 1, answers={diet.pk: "Vegetarisk"})
    assert "Vilken kommun kommer du från?" in str(refused.value)
    with pytest.raises(ValidationError):
        _register(small_webinar, 1, answers={town.pk: "Luleå", 999_999: "?"})
    assert Registration.objects.count() == before
    result = _register(small_webinar, 1, answers={diet.pk: "Vegetarisk", town.pk: " Luleå "})
    assert result.registration.answers == {str(diet.pk): "Vegetarisk", str(town.pk): "Luleå"}
    # Editing a question's text keeps its answers with it.
    event_questions_set(
        event=small_webinar,
        questions=[("Specialkost eller allergier?", False), ("Vilken kommun?", True)],
        actor="kansli",
    )
    assert [q.pk for q in small_webinar.questions.all()] == [diet.pk, town.pk]


def test_the_public_form_asks_the_questions(small_webinar):
    event_questions_set(event=small_webinar, questions=[("Specialkost?", True)], actor="k")
    [question] = small_webinar.questions.all()
    page = Client().get(f"/kalender/{small_webinar.pk}/")
    assert "Specialkost?" in page.content.decode()
    data = {"name": "Ada", "email": "ada@example.org", "role": "official", "organisation": ""}
    refused = Client().post(f"/kalender/{small_webinar.pk}/", data)
    assert refused.status_code == 400
    assert not Registration.objects.exists()
    Client().post(f"/kalender/{small_webinar.pk}/", {**data, f"question_{question.pk}": "Fisk"})
    assert Registration.objects.get().answers == {str(question.pk): "Fisk"}


def test_cancelling_an_event_tells_every_registrant_and_closes_registration(
    small_webinar, django_capture_on_commit_callbacks
):
    for n in range(3):
        _register(small_webinar, n)
    with django_capture_on_commit_callbacks(execute=True):
        told = event_cancel(event=small_webinar, actor="kansli", message="Vi hörs i vår.")
    assert told == 3
    assert sorted(m.to[0] for m in mail.outbox) == [f"person{n}@example.org" for n in range(3)]
    assert all("Vi hörs i vår." in m.body for m in mail.outbox)
    assert not small_webinar.registrations.exclude(status="cancelled").exists()
    with pytest.raises(ValidationError, match="inställt"):
        _register(small_webinar, 9)
    with pytest.raises(ValidationError):
        event_cancel(event=small_webinar, actor="kansli")


def test_a_copy_keeps_the_settings_and_questions_but_no_registrations(small_webinar):
    small_webinar.registration_deadline = small_webinar.starts - timedelta(days=2)
    small_webinar.save()
    event_questions_set(event=small_webinar, questions=[("Specialkost?", True)], actor="k")
    [question] = small_webinar.questions.all()
    _register(small_webinar, 1, answers={question.pk: "Nej"})
    starts = small_webinar.starts + timedelta(days=28)
    copy = event_copy(event=small_webinar, starts=starts, actor="kansli")
    assert copy.pk != small_webinar.pk
    assert (copy.title, copy.capacity, copy.online_url) == (
        small_webinar.title,
        2,
        small_webinar.online_url,
    )
    assert copy.ends - copy.starts == small_webinar.ends - small_webinar.starts
    assert copy.registration_deadline == starts - timedelta(days=2)
    assert [q.text for q in copy.questions.all()] == ["Specialkost?"]
    assert not copy.registrations.exists()
    assert AuditEntry.objects.filter(object_id=str(copy.pk), action="create").exists()


def test_a_message_reaches_the_chosen_registrants_through_the_queue(
    small_webinar, django_capture_on_commit_callbacks
):
    for n in range(3):
        _register(small_webinar, n)
    with django_capture_on_commit_callbacks(execute=True):
        sent = registrations_message(
            event=small_webinar,
            statuses=["waitlisted"],
            subject="Om reservlistan",
            message="Vi försöker ordna fler platser.",
            actor="kansli",
        )
    assert sent == 1
    [message] = mail.outbox
    assert (message.to, message.subject) == (["person2@example.org"], "Om reservlistan")
    # A member notice to the event's registrants, each with their own cancel link.
    assert "/kalender/avboka/" in message.body
    assert "Vi försöker ordna fler platser." in message.body
    from hcs.mailings.models import Mailing

    assert Mailing.objects.get().kind == "member_notice"
    with pytest.raises(ValidationError):
        registrations_message(
            event=small_webinar, statuses=["confirmed"], subject=" ", message="x", actor="k"
        )


def test_the_reminder_goes_the_day_before_once_to_the_confirmed(
    small_webinar, django_capture_on_commit_callbacks
):
    for n in range(3):
        _register(small_webinar, n)
    day_before = small_webinar.starts - timedelta(days=1)
    assert event_reminders_send(day_before - timedelta(days=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert event_reminders_send(day_before) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["person0@example.org", "person1@example.org"]
    assert "Imorgon" in mail.outbox[0].subject
    assert "meet.example.org" in mail.outbox[0].body
    assert event_reminders_send(day_before) == 0
    assert event_reminders_send(day_before + timedelta(hours=1)) == 0


def test_questions_are_refused_with_a_bad_character(small_webinar):
    with pytest.raises(ValidationError):
        event_questions_set(event=small_webinar, questions=[("Fråga\x00", True)], actor="k")
    assert not EventQuestion.objects.exists()


def test_saving_an_event_defers_its_reminders_to_the_morning_before(small_webinar, settings):
    from hcs.events.tasks import reminder_moment, reminders_schedule

    moment = timezone.localtime(reminder_moment(small_webinar.starts))
    assert moment.hour == 8
    assert moment.date() == timezone.localtime(small_webinar.starts).date() - timedelta(days=1)
    # The tests' backend runs tasks at once and cannot defer: cron's command covers it.
    assert reminders_schedule(small_webinar.starts) is False
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    assert reminders_schedule(small_webinar.starts) is True
    [result] = default_task_backend.results
    assert result.task.run_after == reminder_moment(small_webinar.starts)
    assert reminders_schedule(timezone.now() + timedelta(hours=2)) is False


def test_the_reminder_command_queues_once(small_webinar, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    _register(small_webinar, 1)
    Event.objects.filter(pk=small_webinar.pk).update(
        starts=timezone.now() + timedelta(days=1), ends=timezone.now() + timedelta(days=1, hours=1)
    )
    out = StringIO()
    call_command("send_event_reminders", stdout=out)
    call_command("send_event_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["1 reminders queued.", "0 reminders queued."]


def test_the_online_link_goes_to_registrants_not_to_the_public(small_webinar):
    page = Client().get(f"/kalender/{small_webinar.pk}/").content.decode()
    assert "meet.example.org" not in page
    assert "meet.example.org" not in Client().get("/kalender.ics").content.decode()
    assert "meet.example.org" not in Client().get("/api/v1/events.ics").content.decode()


def test_a_cancelled_event_is_marked_in_the_calendar_and_its_feed(small_webinar):
    event_cancel(event=small_webinar, actor="kansli")
    assert "inställt" in Client().get(f"/kalender/{small_webinar.pk}/").content.decode()
    assert "Inställt" in Client().get("/kalender/").content.decode()
    assert "STATUS:CANCELLED" in Client().get("/kalender.ics").content.decode()


def test_more_seats_move_the_first_waiting_up_and_tell_them(
    small_webinar, django_capture_on_commit_callbacks
):
    from hcs.events.services import event_save

    for n in range(5):
        _register(small_webinar, n)
    small_webinar.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        event_save(event=small_webinar, actor="kansli")
    statuses = [r.status for r in small_webinar.registrations.order_by("id")]
    assert statuses == ["confirmed"] * 3 + ["waitlisted"] * 2
    assert [m.to for m in mail.outbox] == [["person2@example.org"]]
    small_webinar.capacity = None
    event_save(event=small_webinar, actor="kansli")
    assert not small_webinar.registrations.filter(status="waitlisted").exists()


def test_answers_are_exported_and_erased_with_the_person(small_webinar):
    from hcs.lib.gdpr import PersonMatch

    event_questions_set(event=small_webinar, questions=[("Allergier?", False)], actor="k")
    [question] = small_webinar.questions.all()
    _register(small_webinar, 1, answers={question.pk: "Nötter"})
    match = PersonMatch(name="Person 1", email="person1@example.org", organisation_id=None)
    from hcs.events.services import registrations_erase, registrations_export

    assert registrations_export(match)[0]["answers"] == {"Allergier?": "Nötter"}
    registrations_erase(match, actor="k")
    assert Registration.objects.get().answers == {}
