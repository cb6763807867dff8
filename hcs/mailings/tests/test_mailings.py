"""The secretariat sends a newsletter or a member notice to recipients read from the records:
through a real SMTP server, once to each address, with one-click unsubscription for
newsletters; a worker that stops mid-send leaves the rest to the next and no one gets it twice."""

import email.policy
from email.parser import BytesParser

import pytest
from aiosmtpd.controller import Controller
from django.core.exceptions import ValidationError
from django.test import Client

from hcs.audit.models import AuditEntry
from hcs.contacts.models import ContactPerson
from hcs.mailings import services
from hcs.mailings.emails import unsubscribe_token
from hcs.mailings.models import Mailing, Recipient, Subscriber
from hcs.mailings.services import (
    mailing_save,
    mailing_send,
    mailing_send_batch,
    mailing_start,
    recipient_count,
    subscription_confirm,
    subscription_request,
)
from tests.smtp import Inbox, free_port

pytestmark = pytest.mark.django_db

ALL_CONTACTS = {"contacts": "all"}


@pytest.fixture
def smtp_server(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    controller.start()
    yield inbox
    controller.stop()


def _mailing(coordinator, kind="newsletter", audience=None, subject="Nyhetsbrev december"):
    return mailing_save(
        actor=coordinator,
        kind=kind,
        subject=subject,
        body_markdown=(
            "## Hej\n\nNätverket höll sitt **höstmöte** i Stockholm. [Läs mer](/aktuellt/)"
        ),
        audience=audience or ALL_CONTACTS,
    )


def _subscribers(count: int) -> None:
    Subscriber.objects.bulk_create(
        Subscriber(email=f"prenumerant{i:03}@example.org", status="confirmed") for i in range(count)
    )


def test_the_count_removes_duplicates_unsubscriptions_and_erased_people(demo_2024, coordinator):
    contacts = ContactPerson.objects.exclude(email="").filter(erased_at=None)
    newsletter = _mailing(coordinator, audience={"contacts": "all", "board": True})
    notice = _mailing(coordinator, kind="member_notice", audience={"contacts": "all"})
    before_newsletter, before_notice = recipient_count(newsletter), recipient_count(notice)
    assert before_newsletter >= before_notice > 20  # the board adds no duplicate address
    someone = contacts.first()
    Subscriber.objects.create(email=someone.email.lower(), status="unsubscribed")
    assert recipient_count(newsletter) == before_newsletter - 1
    assert recipient_count(notice) == before_notice  # a member notice reaches them anyway


def test_a_mailing_with_problems_is_not_stored_and_every_problem_is_named(coordinator):
    before = Mailing.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        mailing_save(
            actor=coordinator,
            kind="spam",
            subject="",
            body_markdown="",
            audience={"contacts": "alla", "group_ids": []},
        )
    assert set(refused.value.message_dict) == {"kind", "subject", "body_markdown", "audience"}
    with pytest.raises(ValidationError) as nobody:
        mailing_save(
            actor=coordinator, kind="newsletter", subject="x", body_markdown="y", audience={}
        )
    assert "audience" in nobody.value.message_dict
    assert (Mailing.objects.count(), AuditEntry.objects.count()) == before


def test_300_recipients_get_it_once_with_both_parts_and_the_unsubscribe_headers(
    coordinator, smtp_server, django_capture_on_commit_callbacks
):
    _subscribers(300)
    mailing = _mailing(coordinator, audience={"subscribers": True})
    with django_capture_on_commit_callbacks(execute=True):
        mailing_send(mailing=mailing, actor=coordinator)
    mailing.refresh_from_db()
    assert mailing.status == "sent"
    assert len(smtp_server.messages) == 300
    assert len({m["To"] for m in smtp_server.messages}) == 300
    message = smtp_server.messages[0]
    to = message["To"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert " ".join(message["List-Unsubscribe"].split()) == (
        f"<http://localhost:8000/nyhetsbrev/avregistrera/{unsubscribe_token(to)}/>"
    )
    types = [part.get_content_type() for part in message.walk()]
    assert "text/plain" in types and "text/html" in types
    html = next(p for p in message.walk() if p.get_content_type() == "text/html")
    assert 'href="http://localhost:8000/aktuellt/"' in html.get_payload(decode=True).decode()
    assert Recipient.objects.filter(mailing=mailing, status="sent").count() == 300


def test_a_worker_that_stops_mid_send_leaves_the_rest_and_no_one_gets_it_twice(
    coordinator, smtp_server, monkeypatch, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _subscribers(450)
    mailing = _mailing(coordinator, audience={"subscribers": True})
    mailing_send(mailing=mailing, actor=coordinator)
    assert mailing_start(mailing.pk) == 450

    from django.core.mail.backends.smtp import EmailBackend

    real = EmailBackend.send_messages
    sent = {"n": 0}

    def dies_after_120(self, messages):
        if sent["n"] == 120:
            raise KeyboardInterrupt("the worker is stopped")  # not caught: the process dies
        sent["n"] += 1
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", dies_after_120)
    with pytest.raises(KeyboardInterrupt):
        mailing_send_batch(mailing.pk)
    monkeypatch.setattr(EmailBackend, "send_messages", real)
    # The worker starts again and runs the batches still in the queue.
    while mailing_send_batch(mailing.pk):
        pass
    rows = Recipient.objects.filter(mailing=mailing)
    received = [m["To"] for m in smtp_server.messages]
    assert len(received) == len(set(received))  # no one twice
    assert rows.filter(status="sent").count() == len(received)
    # What the stopped worker claimed but did not record stays "sending": uncertain, not resent.
    claimed = rows.filter(status="sending")
    assert claimed.count() == services.BATCH - 120
    assert len(received) + claimed.count() == 450
    assert not set(received) & set(claimed.values_list("email", flat=True)) - {m for m in received}


def test_a_refused_address_bounces_and_a_failed_one_can_be_sent_again(
    coordinator, smtp_server, django_capture_on_commit_callbacks, monkeypatch
):
    _subscribers(3)
    mailing = _mailing(coordinator, audience={"subscribers": True})

    from django.core.mail.backends.smtp import EmailBackend

    real = EmailBackend.send_messages

    def refuses_one(self, messages):
        import smtplib

        if messages[0].to == ["prenumerant001@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"prenumerant001@example.org": (550, b"No")})
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuses_one)
    with django_capture_on_commit_callbacks(execute=True):
        mailing_send(mailing=mailing, actor=coordinator)
    bounced = Recipient.objects.get(email="prenumerant001@example.org")
    assert bounced.status == "bounced" and "550" in bounced.error
    assert len(smtp_server.messages) == 2


def test_pausing_stops_handing_out_and_resuming_sends_the_rest(coordinator, smtp_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _subscribers(250)
    mailing = _mailing(coordinator, audience={"subscribers": True})
    mailing_send(mailing=mailing, actor=coordinator)
    mailing_start(mailing.pk)
    assert mailing_send_batch(mailing.pk) == services.BATCH
    services.mailing_pause(mailing=mailing, actor=coordinator)
    assert mailing_send_batch(mailing.pk) == 0  # paused: nothing handed out
    services.mailing_resume(mailing=mailing, actor=coordinator)
    assert mailing_send_batch(mailing.pk) == 50
    mailing.refresh_from_db()
    assert mailing.status == "sent" and len(smtp_server.messages) == 250


def test_a_mailing_is_sent_once(coordinator, django_capture_on_commit_callbacks):
    _subscribers(2)
    mailing = _mailing(coordinator, audience={"subscribers": True})
    with django_capture_on_commit_callbacks(execute=True):
        mailing_send(mailing=mailing, actor=coordinator)
    with pytest.raises(ValidationError):
        mailing_send(mailing=mailing, actor=coordinator)
    assert Recipient.objects.count() == 2


def test_one_click_unsubscribe_keeps_a_contact_out_of_newsletters_not_member_notices(
    demo_2024, coordinator, smtp_server, django_capture_on_commit_callbacks
):
    person = ContactPerson.objects.exclude(email="").filter(erased_at=None).first()
    address = person.email.lower()
    first = _mailing(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        mailing_send(mailing=first, actor=coordinator)
    received = BytesParser(policy=email.policy.default).parsebytes(
        next(m for m in smtp_server.messages if m["To"] == address).as_bytes()
    )
    link = "".join(received["List-Unsubscribe"].split()).strip("<>")
    link = link.replace("http://localhost:8000", "")
    answer = Client().post(link, {"List-Unsubscribe": "One-Click"})  # as a mail client does
    assert answer.status_code == 200
    assert Subscriber.objects.get(email=address).status == "unsubscribed"

    smtp_server.messages.clear()
    second = _mailing(coordinator, subject="Nyhetsbrev 2")
    notice = _mailing(coordinator, kind="member_notice", subject="Kallelse till årsmötet")
    with django_capture_on_commit_callbacks(execute=True):
        mailing_send(mailing=second, actor=coordinator)
        mailing_send(mailing=notice, actor=coordinator)
    from email.header import decode_header, make_header

    to_them = [
        str(make_header(decode_header(m["Subject"])))
        for m in smtp_server.messages
        if m["To"] == address
    ]
    assert to_them == ["Kallelse till årsmötet"]
    notice_message = next(m for m in smtp_server.messages if m["To"] == address)
    assert notice_message["List-Unsubscribe"] is None


def test_subscribing_is_double_opt_in_and_never_tells_who_is_on_the_list(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    from hcs.mail.models import OutgoingEmail

    answers = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post(
                "/api/v1/subscribers", {"email": "ny@example.org"}, "application/json"
            )
        answers.append((answer.status_code, answer.json()))
    assert answers[0] == answers[1] and answers[0][0] == 202
    subscriber = Subscriber.objects.get(email="ny@example.org")
    assert subscriber.status == "pending"
    assert OutgoingEmail.objects.filter(to="ny@example.org").count() == 2
    link = mailoutbox[-1].body  # the stored copy is emptied once sent: the link is a secret
    token = next(w for w in link.split() if "/nyhetsbrev/bekrafta/" in w).rsplit("/", 2)[-2]
    assert Client().get(f"/nyhetsbrev/bekrafta/{token}/").status_code == 200  # asks only
    assert Subscriber.objects.get(email="ny@example.org").status == "pending"
    assert Client().post(f"/nyhetsbrev/bekrafta/{token}/").status_code == 200
    assert Subscriber.objects.get(email="ny@example.org").status == "confirmed"
    # Subscribed already: the same answer, and no e-mail.
    again = client.post("/api/v1/subscribers", {"email": "ny@example.org"}, "application/json")
    assert (again.status_code, again.json()) == answers[0]
    assert OutgoingEmail.objects.filter(to="ny@example.org").count() == 2
    assert (
        client.post("/api/v1/subscribers", {"email": "inte"}, "application/json").status_code == 422
    )


def test_a_pending_address_expires(settings):
    from datetime import timedelta

    from django.utils import timezone

    subscription_request(email="sen@example.org", now=timezone.now() - timedelta(days=8))
    subscriber = Subscriber.objects.get()
    assert subscription_confirm(token="fel") is None
    assert services.subscribers_purge() == 1 and not Subscriber.objects.exists()
    assert subscriber.status == "pending"


def test_the_api_creates_counts_sends_and_reports(
    demo_2024, api_client, smtp_server, django_capture_on_commit_callbacks
):
    created = api_client.post(
        "/api/v1/mailings",
        {
            "kind": "member_notice",
            "subject": "Kallelse till årsmötet",
            "body_markdown": "Välkomna!",
            "audience": {"contacts": "political", "board": True},
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert set(body) == {"id", "recipients"} and body["recipients"] > 10
    with django_capture_on_commit_callbacks(execute=True):
        sent = api_client.post(f"/api/v1/mailings/{body['id']}/send")
    assert sent.status_code == 202
    state = api_client.get(f"/api/v1/mailings/{body['id']}").json()
    assert state == {
        "status": "sent",
        "recipients": body["recipients"],
        "sent": body["recipients"],
        "failed": 0,
    }
    assert api_client.post(f"/api/v1/mailings/{body['id']}/send").status_code == 409
    bad = api_client.post(
        "/api/v1/mailings",
        {"kind": "brev", "subject": "", "body_markdown": "", "audience": {}},
        content_type="application/json",
    )
    assert bad.status_code == 422


def test_the_secretariat_writes_previews_and_sends_on_its_pages(
    demo_2024, coordinator_client, smtp_server, django_capture_on_commit_callbacks
):
    page = coordinator_client.get("/kansli/utskick/nytt/")
    assert page.status_code == 200
    answer = coordinator_client.post(
        "/kansli/utskick/nytt/",
        {
            "kind": "member_notice",
            "subject": "Kallelse till höstmötet",
            "body_markdown": "Välkomna till **höstmötet**.",
            "contacts": "administrative",
            "event_statuses": ["confirmed"],
        },
    )
    mailing = Mailing.objects.get(subject="Kallelse till höstmötet")
    assert answer.status_code == 302
    detail = coordinator_client.get(f"/kansli/utskick/{mailing.pk}/").content.decode()
    assert "<strong>höstmötet</strong>" in detail and 'id="recipient-count"' in detail
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(f"/kansli/utskick/{mailing.pk}/", {"action": "send", "send_at": ""})
    mailing.refresh_from_db()
    assert mailing.status == "sent"
    assert len(smtp_server.messages) == mailing.recipients.count() > 10


def test_staff_without_the_right_cannot_send(staff_without_rights, coordinator):
    mailing = _mailing(coordinator, audience={"subscribers": True})
    client = Client()
    client.force_login(staff_without_rights)
    assert client.get("/kansli/utskick/").status_code == 403
    assert client.post(f"/kansli/utskick/{mailing.pk}/", {"action": "send"}).status_code == 403
    mailing.refresh_from_db()
    assert mailing.status == "draft"


def test_an_attachment_goes_with_every_message(
    coordinator, coordinator_client, smtp_server, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _subscribers(3)
    mailing = _mailing(coordinator, audience={"subscribers": True})
    url = f"/kansli/utskick/{mailing.pk}/"
    refused = coordinator_client.post(
        url, {"action": "attach", "file": SimpleUploadedFile("x.pdf", b"<html>")}, follow=True
    )
    assert "måste vara en bild" in refused.content.decode()
    pdf = b"%PDF-1.4\n%%EOF\n"
    coordinator_client.post(
        url, {"action": "attach", "file": SimpleUploadedFile("Kallelse 2025.pdf", pdf)}
    )
    assert mailing.attachments.get().name == "kallelse-2025.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url, {"action": "send", "send_at": ""})
    for received in smtp_server.messages:
        [part] = [p for p in received.walk() if p.get_content_type() == "application/pdf"]
        assert part.get_filename() == "kallelse-2025.pdf" and part.get_payload(decode=True) == pdf
    assert len(smtp_server.messages) == 3


def test_a_mailing_set_for_later_waits_for_its_time(
    coordinator, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _subscribers(2)
    mailing = _mailing(coordinator, audience={"subscribers": True})
    at = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        mailing_send(mailing=mailing, actor=coordinator, at=at)
    mailing.refresh_from_db()
    assert mailing.status == "scheduled" and mailing.send_at == at
    [result] = default_task_backend.results
    assert result.task.run_after == at and result.args == [mailing.pk]
    assert not Recipient.objects.exists()  # the audience is read when sending starts
