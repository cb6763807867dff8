"""E-mail leaves through a real SMTP conversation (aiosmtpd on loopback), always from the queue:
a mail server that is down never fails the person's action; the failure, with the server's
answer, is where the secretariat sees it, and can be sent again."""

import json
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.utils import timezone

from hcs.events.models import Registration
from hcs.mail.models import OutgoingEmail
from tests.smtp import Inbox, free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return settings


@pytest.fixture
def smtp_server(smtp_settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
    controller.start()
    yield inbox
    controller.stop()


def test_a_coordinator_who_forgot_the_password_gets_a_reset_link_by_smtp(
    client, smtp_server, django_capture_on_commit_callbacks
):
    get_user_model().objects.create_user("anna", "anna@example.org", "x", is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/konto/nytt-losenord/", {"email": "anna@example.org"})
    assert response.status_code == 302
    [message] = smtp_server.messages
    assert message["To"] == "anna@example.org"
    body = message.get_payload(decode=True).decode()
    assert "/konto/nytt-losenord/" in body
    assert "lösenord" in (message["Subject"] + body).lower()
    # The one-time link is not kept once sent.
    email = OutgoingEmail.objects.get()
    assert email.state == "sent" and email.body == ""


def test_reset_links_to_one_address_are_limited_and_the_answer_stays_the_same(
    client, smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.RATE_LIMITS = {"password_reset_address": (3, 3600), "password_reset": (100, 3600)}
    get_user_model().objects.create_user("anna", "anna@example.org", "x")
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(16):
            answers.append(client.post("/konto/nytt-losenord/", {"email": "anna@example.org"}))
    assert {a.status_code for a in answers} == {302}  # nothing tells the address apart
    assert len(smtp_server.messages) == 3


def test_reset_requests_from_one_client_are_limited(client, settings):
    settings.RATE_LIMITS = {"password_reset": (5, 3600)}
    codes = [
        client.post("/konto/nytt-losenord/", {"email": f"n{n}@example.org"}).status_code
        for n in range(7)
    ]
    assert codes == [302] * 5 + [429] * 2


def test_with_the_mail_server_down_a_registration_stands_and_the_failure_is_shown(
    client, smtp_settings, webinar, coordinator_client, django_capture_on_commit_callbacks
):
    url = f"/api/v1/events/{webinar.pk}/registrations"
    payload = json.dumps({"name": "Anna", "email": "anna@example.org", "role": "official"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 201  # the registration stands, the mail server is down
    assert Registration.objects.filter(email="anna@example.org").count() == 1
    email = OutgoingEmail.objects.get()
    assert email.state == "failed" and "Connection" in email.error
    # A retry by the person is not a second registration.
    again = client.post(url, payload, content_type="application/json")
    assert again.status_code == 409
    # The secretariat sees the failure with its reason...
    dashboard = coordinator_client.get("/kansli/").content.decode()
    assert "E-post som inte kom fram" in dashboard
    log = coordinator_client.get("/kansli/e-post/?status=failed").content.decode()
    assert "anna@example.org" in log and "Connection" in log
    # ...and sends it again once the server is back.
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
    controller.start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            coordinator_client.post(f"/kansli/e-post/{email.pk}/skicka-igen/")
    finally:
        controller.stop()
    email.refresh_from_db()
    assert email.state == "sent" and email.attempts == 2
    [message] = inbox.messages
    assert message["To"] == "anna@example.org"
    assert message.is_multipart()  # text, HTML and the event as .ics


def test_an_email_sent_is_not_sent_again(coordinator_client, smtp_server):
    from hcs.mail.services import email_send

    email = OutgoingEmail.objects.create(purpose="test", to="a@example.org", subject="Hej")
    assert email_send(email.pk) == "sent"
    assert email_send(email.pk) == "sent"
    assert len(smtp_server.messages) == 1
    response = coordinator_client.post(f"/kansli/e-post/{email.pk}/skicka-igen/", follow=True)
    assert "skickas inte igen" in response.content.decode()
    assert len(smtp_server.messages) == 1


def _queued(minutes_ago: int, **fields) -> OutgoingEmail:
    email = OutgoingEmail.objects.create(purpose="test", to="b@example.org", subject="Kallelse")
    fields.setdefault("queued_at", timezone.now() - timedelta(minutes=minutes_ago))
    OutgoingEmail.objects.filter(pk=email.pk).update(**fields)
    email.refresh_from_db()
    return email


def test_an_email_stuck_in_the_queue_is_shown_and_sent_by_the_command(
    coordinator_client, smtp_server, django_capture_on_commit_callbacks
):
    """The worker was not running: the e-mail waits. After ten minutes the secretariat sees it,
    and `send_queued_email` (run by cron, or by hand) sends it, once however often it runs."""
    from django.core.management import call_command

    fresh = _queued(2)
    stuck = _queued(15)
    dashboard = coordinator_client.get("/kansli/").content.decode()
    assert "1 e-post har misslyckats eller fastnat i kön" in dashboard
    log = coordinator_client.get("/kansli/e-post/").content.decode()
    assert log.count("Skicka igen") == 1  # the stuck one, not the fresh one
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_queued_email")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_queued_email")
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert (stuck.state, fresh.state) == ("sent", "queued")
    assert len(smtp_server.messages) == 1


def test_an_email_being_sent_right_now_is_not_sent_again(
    coordinator_client, smtp_server, django_capture_on_commit_callbacks
):
    now = timezone.now()
    busy = _queued(1, state="sending", attempted_at=now - timedelta(minutes=1), attempts=1)
    response = coordinator_client.post(f"/kansli/e-post/{busy.pk}/skicka-igen/", follow=True)
    assert "skickas inte igen" in response.content.decode()
    busy.refresh_from_db()
    assert busy.state == "sending" and not smtp_server.messages
    # A worker that died mid-send leaves it "sending": after ten minutes the secretariat decides.
    dead = _queued(30, state="sending", attempted_at=now - timedelta(minutes=20), attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(f"/kansli/e-post/{dead.pk}/skicka-igen/")
    dead.refresh_from_db()
    assert dead.state == "sent" and len(smtp_server.messages) == 1


def test_an_email_still_queued_for_a_person_who_is_erased_is_never_sent(
    coordinator_client, smtp_server
):
    """Its text is gone with the person's data: it is not sent, and not shown as failed."""
    from hcs.lib.gdpr import ERASED
    from hcs.mail.services import email_send, emails_erase

    email = _queued(20)
    emails_erase("b@example.org", ERASED)
    assert email_send(email.pk) == "erased"
    email.refresh_from_db()
    assert email.state == "erased" and email.recipients == [ERASED]
    assert not email.may_send_again(timezone.now())
    assert not smtp_server.messages
    assert "fastnat i kön" not in coordinator_client.get("/kansli/").content.decode()
