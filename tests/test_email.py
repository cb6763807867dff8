"""E-mail leaves through a real SMTP conversation (aiosmtpd on loopback)."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp_server(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield inbox
    controller.stop()


def test_a_coordinator_who_forgot_the_password_gets_a_reset_link_by_smtp(client, smtp_server):
    get_user_model().objects.create_user("anna", "anna@example.org", "x", is_staff=True)
    response = client.post("/konto/nytt-losenord/", {"email": "anna@example.org"})
    assert response.status_code == 302
    [message] = smtp_server.messages
    assert message["To"] == "anna@example.org"
    body = message.get_payload(decode=True).decode()
    assert "/konto/nytt-losenord/" in body
    assert "lösenord" in (message["Subject"] + body).lower()
